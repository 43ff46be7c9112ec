package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.model.OrderOut;
import io.qiao.jushuitan.model.OrderOutQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** 销售出库 (sales outbound documents): {@code client.orderOuts()}. */
public final class OrderOuts {
    static final String QUERY = "/open/orders/out/simple/query";

    private final BizCaller caller;

    OrderOuts(BizCaller caller) {
        this.caller = caller;
    }

    /**
     * The documents matching {@code query}, lazily: a range longer than 7 days is read in 7-day windows (the
     * vendor's cap), each paged from {@code page_index} 1 while {@code has_next}.
     */
    public PagedIterable<OrderOut> list(OrderOutQuery query) {
        Objects.requireNonNull(query, "query");
        Map<String, Object> biz = new LinkedHashMap<>();
        if (query.byIoDate()) biz.put("date_type", 2);
        if (query.status() != null) biz.put("status", query.status());
        if (query.shopId() != null) biz.put("shop_id", query.shopId());
        if (query.wmsCoId() != null) biz.put("wms_co_id", query.wmsCoId());
        if (!query.soIds().isEmpty()) biz.put("so_ids", query.soIds());
        if (!query.oIds().isEmpty()) biz.put("o_ids", query.oIds());
        if (!query.ioIds().isEmpty()) biz.put("io_ids", query.ioIds());
        return JstPaging.list(caller, QUERY, "datas", OrderOut.class,
                query.byIoDate() ? OrderOut::ioDate : OrderOut::modified, biz,
                query.modifiedFrom() == null ? null : JstPaging.range(query.modifiedFrom(), query.modifiedTo()),
                JstPaging.MAX_WINDOW, query.pageSize());
    }
}
