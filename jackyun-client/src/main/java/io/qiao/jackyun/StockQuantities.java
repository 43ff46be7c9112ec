package io.qiao.jackyun;

import io.qiao.client.PagedIterable;
import io.qiao.client.spi.WindowedPager;
import io.qiao.jackyun.internal.JackyunCaller;
import io.qiao.jackyun.internal.JackyunPaging;
import io.qiao.jackyun.model.StockQuantity;
import io.qiao.jackyun.model.StockQuantityQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** 库存 (stock quantities): {@code erp.stockquantity.get}. Obtain from {@link JackyunClient#stockQuantities()}. */
public final class StockQuantities {
    public static final String METHOD = "erp.stockquantity.get";
    static final String LIST_KEY = "goodsStockQuantity";

    private final JackyunCaller caller;

    StockQuantities(JackyunCaller caller) {
        this.caller = caller;
    }

    /**
     * Stock rows matching {@code query}, lazily. Each window is walked with the {@code maxQuantityId} cursor
     * (0 on the first call of a window, then the last row's {@code quantityId}), which unlike page numbers neither
     * skips nor repeats rows when stock changes during the walk.
     */
    public PagedIterable<StockQuantity> list(StockQuantityQuery query) {
        Objects.requireNonNull(query, "query");
        return JackyunPaging.<StockQuantity>pager(caller, METHOD,
                JackyunPaging.windows(query.modifiedFrom(), query.modifiedTo(), query.maxWindow(), caller.clock()),
                (window, pageIndex, cursor) -> {
                    Map<String, Object> biz = new LinkedHashMap<>();
                    biz.put("pageIndex", 0);
                    biz.put("pageSize", query.pageSize());
                    if (query.warehouseCode() != null) biz.put("warehouseCode", query.warehouseCode());
                    if (query.goodsNo() != null) biz.put("goodsNo", query.goodsNo());
                    if (query.skuBarcode() != null) biz.put("skuBarcode", query.skuBarcode());
                    if (window != null) {
                        biz.put("gmtModifiedStart", window.startText());
                        biz.put("gmtModifiedEnd", window.lastSecondText());
                    }
                    // "0" opens the cursor, as every public caller found does (a Frappe connector, a Go client,
                    // a JS test whose mock gateway answers rows only for maxQuantityId "0"); the docs of the
                    // sibling cursors say the same ("首次传0" for maxSkuId, "第一次传0" for lastMaxId).
                    biz.put("maxQuantityId", cursor == null ? 0L : Long.parseLong(cursor));
                    List<StockQuantity> rows = caller.page(METHOD, biz, LIST_KEY, StockQuantity.class, List.of(), null)
                            .items();
                    String next = rows.isEmpty() ? null : Long.toString(rows.get(rows.size() - 1).quantityId());
                    return WindowedPager.Batch.chained(rows, rows.size() >= query.pageSize(), next);
                }).moreSignal("a full page and a next cursor").build();
    }

    /**
     * The old verb.
     *
     * @deprecated every resource lists with {@code list}; use {@link #list(StockQuantityQuery)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public PagedIterable<StockQuantity> quantities(StockQuantityQuery query) {
        return list(query);
    }
}
