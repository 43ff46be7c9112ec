package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.ModifiedRange;
import io.qiao.jushuitan.internal.WindowedLister;
import io.qiao.jushuitan.model.PurchaseIn;

/** 采购入库: {@code client.purchaseIns()}. */
public final class PurchaseIns {
    static final String QUERY = "/open/purchasein/query";

    private final WindowedLister<PurchaseIn> byModified;
    private final WindowedLister<PurchaseIn> byIoDate;

    PurchaseIns(BizCaller caller) {
        this.byModified = new WindowedLister<>(caller, QUERY, "datas", PurchaseIn.class, PurchaseIn::modified);
        this.byIoDate = new WindowedLister<>(caller, QUERY, "datas", PurchaseIn.class, PurchaseIn::ioDate);
    }

    public PagedIterable<PurchaseIn> list(PurchaseInQuery query) {
        return (query.byIoDate() ? byIoDate : byModified)
                .list(query.filters(), query.range(), ModifiedRange.MAX_WINDOW, query.pageSize());
    }
}
