package io.qiao.jackyun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.client.spi.WindowedPager;
import io.qiao.jackyun.internal.JackyunCaller;
import io.qiao.jackyun.internal.JackyunJson;
import io.qiao.jackyun.internal.JackyunPaging;
import io.qiao.jackyun.model.StockDocument;
import io.qiao.jackyun.model.StockDocumentQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    /**
     * 采购入库: the inbound documents of type {@link StockDocumentTypes#PURCHASE_IN} matching {@code query} (whose own
     * {@code inouttypes} are replaced), lazily. The same requests as {@link #inbound}; the type is kept by the client.
     */
    public PagedIterable<StockDocument> purchaseReceipts(StockDocumentQuery query) {
        Objects.requireNonNull(query, "query");
        return inbound(query.toBuilder().inouttypes(List.of(StockDocumentTypes.PURCHASE_IN)).build());
    }

    /** {@link #inbound} or {@link #outbound}, chosen by {@code direction}. */
    public PagedIterable<StockDocument> list(Direction direction, StockDocumentQuery query) {
        Objects.requireNonNull(direction, "direction");
        return direction == Direction.INBOUND ? inbound(query) : outbound(query);
    }

    /** Reads the document rows, flat ones included (see {@link #nestLines}). */
    private List<StockDocument> documents(String method, JsonNode data) {
        JsonNode rows = JackyunJson.list(data, LIST_KEY);
        if (rows == null) {
            return List.of();
        }
        List<StockDocument> out = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            out.add(caller.json().convert(method, nestLines(row), StockDocument.class));
        }
        return out;
    }

    /**
     * Sources disagree on the row shape: one integration maps lines from {@code goodsDocDetailList[]}, another
     * reads goods fields ({@code goodsNo}, {@code quantity}...) on the row itself, one row per line. A flat
     * row becomes a document with that single line.
     */
    static JsonNode nestLines(JsonNode row) {
        if (!(row instanceof ObjectNode object) || row.has("goodsDocDetailList") || !row.has("goodsNo")) {
            return row;
        }
        ObjectNode copy = object.deepCopy();
        ObjectNode line = copy.putArray("goodsDocDetailList").addObject();
        for (String field : LINE_FIELDS) {
            JsonNode v = object.get(field);
            if (v != null) {
                line.set(field, v);
            }
        }
        return copy;
    }

    private static final List<String> LINE_FIELDS = List.of("goodsNo", "goodsName", "skuName", "skuBarcode",
            "unitName", "quantity", "batchNo", "baceCurrencyCostPrice", "baceCurrencyCostAmount");

    private PagedIterable<StockDocument> list(String method, StockDocumentQuery query) {
        Objects.requireNonNull(query, "query");
        Set<String> types = query.inouttypes();
        List<String> asked = new ArrayList<>(query.fields());
        if (!types.isEmpty() && !asked.contains("inouttype")) {
            asked.add("inouttype"); // the type filter reads it
        }
        String fields = String.join(",", asked);
        PagedIterable<StockDocument> all = JackyunPaging.<StockDocument>pager(caller, method,
                JackyunPaging.windows(query.modifiedFrom(), query.modifiedTo(), query.maxWindow(), caller.clock()),
                (window, pageIndex, cursor) -> {
                    Map<String, Object> biz = new LinkedHashMap<>();
                    biz.put("pageIndex", pageIndex);
                    biz.put("pageSize", query.pageSize());
                    if (window != null) {
                        biz.put("gmtModifiedStart", window.startText());
                        biz.put("gmtModifiedEnd", window.lastSecondText());
                    }
                    if (query.billNo() != null) biz.put("billNo", query.billNo());
                    biz.put("selelctFields", fields);
                    List<StockDocument> rows = documents(method, caller.data(method, biz, true));
                    return WindowedPager.Batch.of(rows, rows.size() >= query.pageSize());
                }).build();
        // Filtered after paging, so that "a full page" still means the vendor's page, not what is left of it.
        return types.isEmpty() ? all : all.mapPages(p -> new Page<>(
                p.items().stream().filter(d -> types.contains(d.inouttype())).toList(), p.nextToken()));
    }
}
