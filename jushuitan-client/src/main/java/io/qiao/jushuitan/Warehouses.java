package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.WindowedLister;
import io.qiao.jushuitan.model.WarehousePartner;
import java.time.Duration;
import java.util.Map;

/** 仓库 (分仓): {@code client.warehouses()}. */
public final class Warehouses {
    static final String QUERY = "/open/wms/partner/query";
    /** The documented default; the maximum is not documented, so the client stays at it. */
    static final int PAGE_SIZE = 30;

    private final WindowedLister<WarehousePartner> lister;

    Warehouses(BizCaller caller) {
        this.lister = new WindowedLister<>(caller, QUERY, "datas", WarehousePartner.class, w -> null);
    }

    /** Every warehouse of the merchant, lazily paged. */
    public PagedIterable<WarehousePartner> list() {
        return lister.list(Map.of(), null, Duration.ofDays(7), PAGE_SIZE);
    }
}
