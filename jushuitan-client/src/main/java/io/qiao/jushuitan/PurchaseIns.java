package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.internal.JstWire;
import io.qiao.jushuitan.model.PurchaseIn;
import io.qiao.jushuitan.model.PurchaseInQuery;

/** 采购入库: {@code client.purchaseIns()}. */
public final class PurchaseIns {
    static final String QUERY = "/open/purchasein/query";

    private final BizCaller caller;

    PurchaseIns(BizCaller caller) {
        this.caller = caller;
    }

    public PagedIterable<PurchaseIn> list(PurchaseInQuery query) {
        return JstPaging.list(caller, QUERY, "datas", PurchaseIn.class,
                query.byIoDate() ? PurchaseIn::ioDate : PurchaseIn::modified, JstWire.biz(query), JstWire.range(query),
                JstPaging.MAX_WINDOW, query.pageSize());
    }
}
