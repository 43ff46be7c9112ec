package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.ModifiedRange;
import io.qiao.jushuitan.internal.WindowedLister;
import io.qiao.jushuitan.model.Inventory;

/** 商品库存: {@code client.inventories()}. The answer lists {@code inventorys} and has no total count. */
public final class Inventories {
    static final String QUERY = "/open/inventory/query";

    private final WindowedLister<Inventory> lister;

    Inventories(BizCaller caller) {
        this.lister = new WindowedLister<>(caller, QUERY, "inventorys", Inventory.class, Inventory::modified);
    }

    public PagedIterable<Inventory> list(InventoryQuery query) {
        return lister.list(query.filters(), query.range(), ModifiedRange.MAX_WINDOW, query.pageSize());
    }
}
