package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.model.Purchase;
import io.qiao.jushuitan.model.PurchaseQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** 采购单 (purchase orders): {@code client.purchases()}. What arrived is in {@link PurchaseIns}. */
public final class Purchases {
    static final String QUERY = "/open/purchase/query";

    private final BizCaller caller;

    Purchases(BizCaller caller) {
        this.caller = caller;
    }

    /**
     * The purchase orders matching {@code query}, lazily: a range longer than 7 days is read in 7-day windows (the
     * vendor's cap), each paged from {@code page_index} 1 while {@code has_next}.
     */
    public PagedIterable<Purchase> list(PurchaseQuery query) {
        Objects.requireNonNull(query, "query");
        Map<String, Object> biz = new LinkedHashMap<>();
        if (!query.soIds().isEmpty()) biz.put("so_ids", query.soIds());
        if (!query.poIds().isEmpty()) biz.put("po_ids", query.poIds());
        return JstPaging.list(caller, QUERY, "datas", Purchase.class, Purchase::modified, biz,
                JstPaging.rangeOrNull(query.modifiedBegin(), query.modifiedEnd()), JstPaging.MAX_WINDOW,
                query.pageSize());
    }
}
