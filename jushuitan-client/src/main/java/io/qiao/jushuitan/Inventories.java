package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.internal.JstWire;
import io.qiao.jushuitan.model.Inventory;
import io.qiao.jushuitan.model.InventoryQuery;

/** 商品库存: {@code client.inventories()}. The answer lists {@code inventorys} and has no total count. */
public final class Inventories {
    static final String QUERY = "/open/inventory/query";

    private final BizCaller caller;

    Inventories(BizCaller caller) {
        this.caller = caller;
    }

    public PagedIterable<Inventory> list(InventoryQuery query) {
        return JstPaging.list(caller, QUERY, "inventorys", Inventory.class, Inventory::modified, JstWire.biz(query),
                JstWire.range(query), JstPaging.MAX_WINDOW, query.pageSize());
    }
}
