package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.model.WarehousePartner;
import java.util.Map;

/** 仓库 (分仓): {@code client.warehouses()}. */
public final class Warehouses {
    static final String QUERY = "/open/wms/partner/query";
    /** The documented default; the maximum is not documented, so the client stays at it. */
    static final int PAGE_SIZE = 30;

    private final BizCaller caller;

    Warehouses(BizCaller caller) {
        this.caller = caller;
    }

    /** Every warehouse of the merchant, lazily paged. */
    public PagedIterable<WarehousePartner> list() {
        return JstPaging.list(caller, QUERY, "datas", WarehousePartner.class, null, Map.of(), null,
                JstPaging.MAX_WINDOW, PAGE_SIZE);
    }
}
