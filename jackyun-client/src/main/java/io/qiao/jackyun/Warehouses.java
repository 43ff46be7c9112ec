package io.qiao.jackyun;

import io.qiao.client.PagedIterable;
import io.qiao.client.spi.WindowedPager;
import io.qiao.jackyun.internal.JackyunCaller;
import io.qiao.jackyun.internal.JackyunPaging;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** 仓库: {@code erp.warehouse.get}. Obtain from {@link JackyunClient#warehouses()}. */
public final class Warehouses {
    public static final String METHOD = "erp.warehouse.get";
    static final String LIST_KEY = "warehouseInfo";

    private final JackyunCaller caller;

    Warehouses(JackyunCaller caller) {
        this.caller = caller;
    }

    /** Every warehouse, lazily, one request per page. */
    public PagedIterable<Warehouse> list() {
        return list(WarehouseQuery.all());
    }

    /** The warehouses matching {@code query}, lazily; a long modified range is walked window by window. */
    public PagedIterable<Warehouse> list(WarehouseQuery query) {
        Objects.requireNonNull(query, "query");
        return JackyunPaging.<Warehouse>pager(caller, METHOD,
                JackyunPaging.windows(query.modifiedFrom(), query.modifiedTo(), query.maxWindow(), caller.clock()),
                (window, pageIndex, cursor) -> {
                    Map<String, Object> biz = new LinkedHashMap<>();
                    biz.put("pageIndex", pageIndex);
                    biz.put("pageSize", query.pageSize());
                    if (query.code() != null) biz.put("code", query.code());
                    if (query.name() != null) biz.put("name", query.name());
                    if (window != null) {
                        biz.put("gmtModifiedStart", window.startText());
                        biz.put("gmtModifiedEnd", window.lastSecondText());
                    }
                    List<Warehouse> rows = caller.page(METHOD, biz, LIST_KEY, Warehouse.class, List.of(), null).items();
                    return WindowedPager.Batch.of(rows, rows.size() >= query.pageSize());
                }).build();
    }
}
