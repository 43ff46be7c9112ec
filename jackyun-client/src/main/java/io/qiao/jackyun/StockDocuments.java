package io.qiao.jackyun;

import io.qiao.client.PagedIterable;
import io.qiao.jackyun.internal.JackyunCaller;
import io.qiao.jackyun.internal.WindowedPager;
import io.qiao.jackyun.internal.Windows;
import io.qiao.jackyun.model.StockDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * 出入库单: {@code erp.storage.goodsdocin.v2} and {@code erp.storage.goodsdocout.v2}. Obtain from
 * {@link JackyunClient#stockDocuments()}.
 *
 * <p>The list key of these methods is not documented; the client reads {@code goodsDocList}, or else the
 * first array in {@code result.data}.
 */
public final class StockDocuments {
    public static final String INBOUND_METHOD = "erp.storage.goodsdocin.v2";
    public static final String OUTBOUND_METHOD = "erp.storage.goodsdocout.v2";
    static final String LIST_KEY = "goodsDocList";

    /** Which of the two document lists. */
    public enum Direction {
        /** 入库单, {@value StockDocuments#INBOUND_METHOD}. */
        INBOUND,
        /** 出库单, {@value StockDocuments#OUTBOUND_METHOD}. */
        OUTBOUND
    }

    private final JackyunCaller caller;

    StockDocuments(JackyunCaller caller) {
        this.caller = caller;
    }

    /** 入库单 matching {@code query}, lazily. */
    public PagedIterable<StockDocument> inbound(StockDocumentQuery query) {
        return list(INBOUND_METHOD, query);
    }

    /** 出库单 matching {@code query}, lazily. */
    public PagedIterable<StockDocument> outbound(StockDocumentQuery query) {
        return list(OUTBOUND_METHOD, query);
    }

    /** {@link #inbound} or {@link #outbound}, chosen by {@code direction}. */
    public PagedIterable<StockDocument> list(Direction direction, StockDocumentQuery query) {
        Objects.requireNonNull(direction, "direction");
        return direction == Direction.INBOUND ? inbound(query) : outbound(query);
    }

    private PagedIterable<StockDocument> list(String method, StockDocumentQuery query) {
        Objects.requireNonNull(query, "query");
        String fields = String.join(",", query.fields());
        return WindowedPager.pages(method,
                Windows.plan(query.modifiedFrom(), query.modifiedTo(), query.maxWindow(), caller.clock()),
                query.pageSize(), false, (window, pageIndex, cursor) -> {
                    Map<String, Object> biz = new LinkedHashMap<>();
                    biz.put("pageIndex", pageIndex);
                    biz.put("pageSize", query.pageSize());
                    if (window != null) {
                        biz.put("gmtModifiedStart", window.startParam());
                        biz.put("gmtModifiedEnd", window.endParam());
                    }
                    if (query.billNo() != null) biz.put("billNo", query.billNo());
                    biz.put("selelctFields", fields);
                    return WindowedPager.Batch.of(caller.list(method, caller.data(method, biz, true), LIST_KEY,
                            StockDocument.class));
                });
    }
}
