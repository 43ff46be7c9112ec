package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.model.Sku;
import io.qiao.jushuitan.model.SkuQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** 商品资料 (the SKU catalogue): {@code client.skus()}. */
public final class Skus {
    static final String QUERY = "/open/sku/query";

    private final BizCaller caller;

    Skus(BizCaller caller) {
        this.caller = caller;
    }

    /**
     * The SKUs matching {@code query}, lazily: a range longer than 7 days is read in 7-day windows (the vendor's
     * cap), each paged from {@code page_index} 1 while {@code has_next}.
     */
    public PagedIterable<Sku> list(SkuQuery query) {
        Objects.requireNonNull(query, "query");
        return JstPaging.list(caller, QUERY, "datas", Sku.class, query.byCreated() ? Sku::created : Sku::modified,
                biz(query), JstPaging.rangeOrNull(query.modifiedBegin(), query.modifiedEnd()), JstPaging.MAX_WINDOW,
                query.pageSize());
    }

    /** The filters as sent (snake_case), without paging and time fields. */
    private static Map<String, Object> biz(SkuQuery query) {
        Map<String, Object> biz = new LinkedHashMap<>();
        if (query.byCreated()) biz.put("date_field", "created");
        // sku_ids and sku_codes are one comma-separated string each (ieu, carp); i_ids a list (ieu).
        if (!query.skuIds().isEmpty()) biz.put("sku_ids", String.join(",", query.skuIds()));
        if (!query.skuCodes().isEmpty()) biz.put("sku_codes", String.join(",", query.skuCodes()));
        if (!query.iIds().isEmpty()) biz.put("i_ids", query.iIds());
        if (query.name() != null) biz.put("name", query.name());
        if (query.exactlyName() != null) biz.put("exactly_name", query.exactlyName());
        return biz;
    }
}
