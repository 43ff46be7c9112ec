package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.model.PurchaseIn;
import io.qiao.jushuitan.model.PurchaseInQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/** 采购入库: {@code client.purchaseIns()}. */
public final class PurchaseIns {
    static final String QUERY = "/open/purchasein/query";

    private final BizCaller caller;

    PurchaseIns(BizCaller caller) {
        this.caller = caller;
    }

    public PagedIterable<PurchaseIn> list(PurchaseInQuery query) {
        return JstPaging.list(caller, QUERY, "datas", PurchaseIn.class,
                query.byIoDate() ? PurchaseIn::ioDate : PurchaseIn::modified, biz(query),
                JstPaging.rangeOrNull(query.modifiedBegin(), query.modifiedEnd()),
                JstPaging.MAX_WINDOW, query.pageSize());
    }

    /** The filters as sent (snake_case), without paging and time fields. */
    private static Map<String, Object> biz(PurchaseInQuery query) {
        Map<String, Object> biz = new LinkedHashMap<>();
        if (query.byIoDate()) biz.put("date_type", 2);
        if (!query.poIds().isEmpty()) biz.put("po_ids", query.poIds());
        if (!query.ioIds().isEmpty()) biz.put("io_ids", query.ioIds());
        if (!query.soIds().isEmpty()) biz.put("so_ids", query.soIds());
        // "statuss" is the vendor's spelling.
        if (!query.statuses().isEmpty()) biz.put("statuss", query.statuses());
        return biz;
    }
}
