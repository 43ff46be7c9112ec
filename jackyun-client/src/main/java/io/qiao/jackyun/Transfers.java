package io.qiao.jackyun;

import io.qiao.client.PagedIterable;
import io.qiao.client.spi.WindowedPager;
import io.qiao.jackyun.internal.JackyunCaller;
import io.qiao.jackyun.internal.JackyunPaging;
import io.qiao.jackyun.model.Transfer;
import io.qiao.jackyun.model.TransferQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * 调拨单: {@code erp.allocate.get}. Obtain from {@link JackyunClient#transfers()}. Transfers are not stock documents of
 * {@code erp.storage.goodsdocin.v2}/{@code goodsdocout.v2} but bills of their own, with both warehouses and the
 * shipped and received quantities on each line.
 */
public final class Transfers {
    public static final String METHOD = "erp.allocate.get";
    static final String LIST_KEY = "stockAllocate";

    private final JackyunCaller caller;

    Transfers(JackyunCaller caller) {
        this.caller = caller;
    }

    /**
     * Transfers matching {@code query}, lazily, creation window by window, page by page ({@code pageIndex} from 0)
     * until a short page; the vendor's {@code totalCount} is not trusted (VENDORS.md 2.5).
     */
    public PagedIterable<Transfer> list(TransferQuery query) {
        Objects.requireNonNull(query, "query");
        return JackyunPaging.<Transfer>pager(caller, METHOD,
                JackyunPaging.windows(query.createdFrom(), query.createdTo(), query.maxWindow(), caller.clock()),
                (window, pageIndex, cursor) -> {
                    Map<String, Object> biz = new LinkedHashMap<>();
                    biz.put("pageIndex", pageIndex);
                    biz.put("pageSize", query.pageSize());
                    if (window != null) {
                        biz.put("startCreateTime", window.startText());
                        biz.put("endCreateTime", window.lastSecondText());
                    }
                    if (!query.allocateNos().isEmpty()) biz.put("allocateNos", String.join(",", query.allocateNos()));
                    if (query.status() != null) biz.put("status", query.status());
                    if (query.outStatus() != null) biz.put("outStatus", query.outStatus());
                    if (query.inStatus() != null) biz.put("inStatus", query.inStatus());
                    if (query.outWarehouseCode() != null) biz.put("outWarehouseCode", query.outWarehouseCode());
                    if (query.inWarehouseCode() != null) biz.put("inWarehouseCode", query.inWarehouseCode());
                    List<Transfer> rows = caller.page(METHOD, biz, LIST_KEY, Transfer.class, List.of(), null).items();
                    return WindowedPager.Batch.of(rows, rows.size() >= query.pageSize());
                }).build();
    }
}
