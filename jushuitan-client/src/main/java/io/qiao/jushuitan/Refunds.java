package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.model.Refund;
import io.qiao.jushuitan.model.RefundQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** 售后单 (after-sales: returns, refunds, exchanges): {@code client.refunds()}. */
public final class Refunds {
    static final String QUERY = "/open/refund/single/query";

    private final BizCaller caller;

    Refunds(BizCaller caller) {
        this.caller = caller;
    }

    /**
     * The after-sales matching {@code query}, lazily: a range longer than 7 days is read in 7-day windows (the
     * vendor's cap), each paged from {@code page_index} 1 while {@code has_next}.
     */
    public PagedIterable<Refund> list(RefundQuery query) {
        Objects.requireNonNull(query, "query");
        Map<String, Object> biz = new LinkedHashMap<>();
        if (query.shopId() != null) biz.put("shop_id", query.shopId());
        if (query.status() != null) biz.put("status", query.status());
        if (query.goodStatus() != null) biz.put("good_status", query.goodStatus());
        if (query.type() != null) biz.put("type", query.type());
        if (!query.soIds().isEmpty()) biz.put("so_ids", query.soIds());
        if (!query.oIds().isEmpty()) biz.put("o_ids", query.oIds());
        if (!query.asIds().isEmpty()) biz.put("as_ids", query.asIds());
        if (!query.shopBuyerIds().isEmpty()) biz.put("shop_buyer_ids", query.shopBuyerIds());
        return JstPaging.list(caller, QUERY, "datas", Refund.class, Refund::modified, biz,
                JstPaging.rangeOrNull(query.modifiedBegin(), query.modifiedEnd()), JstPaging.MAX_WINDOW,
                query.pageSize());
    }
}
