package io.qiao.jackyun;

import io.qiao.client.PagedIterable;
import io.qiao.client.spi.WindowedPager;
import io.qiao.jackyun.internal.JackyunCaller;
import io.qiao.jackyun.internal.JackyunPaging;
import io.qiao.jackyun.model.Sku;
import io.qiao.jackyun.model.SkuQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * 货品 (goods, one row per SKU): {@code erp.storage.goodslist}. Obtain from {@link JackyunClient#skus()}. Its success
 * answer is {@code code 200, subCode 0030000004 "操作成功"} ({@link JackyunSubCodes#OPERATION_SUCCEEDED}).
 */
public final class Skus {
    public static final String METHOD = "erp.storage.goodslist";
    static final String LIST_KEY = "goods";

    private final JackyunCaller caller;

    Skus(JackyunCaller caller) {
        this.caller = caller;
    }

    /** Every SKU, lazily, by the {@code maxSkuId} cursor. */
    public PagedIterable<Sku> list() {
        return list(SkuQuery.all());
    }

    /**
     * SKUs matching {@code query}, lazily. With a modified range, window by window and page by page
     * ({@code pageIndex} from 0); without one, by the {@code maxSkuId} cursor: 0 on the first call, then the last row's
     * {@code skuId}, with {@code pageIndex} 0 (the doc marks it required), until a short page.
     */
    public PagedIterable<Sku> list(SkuQuery query) {
        Objects.requireNonNull(query, "query");
        boolean cursor = query.modifiedFrom() == null;
        WindowedPager.Builder<Sku> pager = JackyunPaging.<Sku>pager(caller, METHOD,
                JackyunPaging.windows(query.modifiedFrom(), query.modifiedTo(), query.maxWindow(), caller.clock()),
                (window, pageIndex, next) -> {
                    Map<String, Object> biz = new LinkedHashMap<>();
                    biz.put("pageIndex", cursor ? 0 : pageIndex);
                    biz.put("pageSize", query.pageSize());
                    if (window != null) {
                        biz.put(query.modifiedBy().startParam(), window.startText());
                        biz.put(query.modifiedBy().endParam(), window.lastSecondText());
                    }
                    if (!query.goodsNos().isEmpty()) biz.put("goodsNos", String.join(",", query.goodsNos()));
                    if (!query.skuBarcodes().isEmpty()) biz.put("skuBarcodes", String.join(",", query.skuBarcodes()));
                    if (query.blockup() != null) biz.put("isBlockup", query.blockup() ? 1 : 0);
                    if (query.skuBlockup() != null) biz.put("skuIsBlockup", query.skuBlockup() ? 1 : 0);
                    if (query.includeDeleted()) biz.put("isQueryDelete", "1");
                    if (cursor) biz.put("maxSkuId", next == null ? 0L : Long.parseLong(next));
                    List<Sku> rows = caller.page(METHOD, biz, LIST_KEY, Sku.class, List.of(), null).items();
                    boolean full = rows.size() >= query.pageSize();
                    if (!cursor) {
                        return WindowedPager.Batch.of(rows, full);
                    }
                    String last = rows.isEmpty() ? null : Long.toString(rows.get(rows.size() - 1).skuId());
                    return WindowedPager.Batch.chained(rows, full, last);
                });
        return (cursor ? pager.moreSignal("a full page and a next cursor") : pager).build();
    }
}
