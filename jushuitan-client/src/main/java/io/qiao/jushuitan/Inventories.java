package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.model.Inventory;
import io.qiao.jushuitan.model.InventoryQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/** 商品库存: {@code client.inventories()}. The answer lists {@code inventorys} and has no total count. */
public final class Inventories {
    static final String QUERY = "/open/inventory/query";

    private final BizCaller caller;

    Inventories(BizCaller caller) {
        this.caller = caller;
    }

    public PagedIterable<Inventory> list(InventoryQuery query) {
        return JstPaging.list(caller, QUERY, "inventorys", Inventory.class, Inventory::modified, biz(query),
                JstPaging.rangeOrNull(query.modifiedBegin(), query.modifiedEnd()), JstPaging.MAX_WINDOW, query.pageSize());
    }

    /** The filters as sent (snake_case), without paging and time fields. */
    private static Map<String, Object> biz(InventoryQuery query) {
        Map<String, Object> biz = new LinkedHashMap<>();
        // 0 or absent means every warehouse.
        if (query.wmsCoId() != null) biz.put("wms_co_id", query.wmsCoId());
        // The vendor takes these as one comma-separated string, not a list.
        if (!query.skuIds().isEmpty()) biz.put("sku_ids", String.join(",", query.skuIds()));
        if (!query.iIds().isEmpty()) biz.put("i_ids", String.join(",", query.iIds()));
        if (query.hasLockQty() != null) biz.put("has_lock_qty", query.hasLockQty());
        return biz;
    }
}
