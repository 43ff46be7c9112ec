package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.model.Order;
import io.qiao.jushuitan.model.OrderQuery;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** 订单: {@code client.orders()}. */
public final class Orders {
    static final String QUERY = "/open/orders/single/query";

    private final BizCaller caller;

    Orders(BizCaller caller) {
        this.caller = caller;
    }

    /** Orders matching {@code query}, lazily, up to 100 a page, the range split into 7-day windows. */
    public PagedIterable<Order> list(OrderQuery query) {
        Function<Order, LocalDateTime> time = switch (query.dateType()) {
            case MODIFIED -> Order::modified;
            case ORDER_DATE -> Order::orderDate;
            case SEND_DATE -> Order::sendDate;
        };
        return JstPaging.list(caller, QUERY, "orders", Order.class, time, biz(query),
                JstPaging.rangeOrNull(query.modifiedBegin(), query.modifiedEnd()),
                JstPaging.MAX_WINDOW, query.pageSize());
    }

    /** The filters as sent (snake_case), without paging and time fields. */
    private static Map<String, Object> biz(OrderQuery query) {
        Map<String, Object> biz = new LinkedHashMap<>();
        if (query.shopId() != null) biz.put("shop_id", query.shopId());
        if (query.status() != null) biz.put("status", query.status());
        if (query.dateType() != OrderQuery.DateType.MODIFIED) biz.put("date_type", query.dateType().code());
        if (!query.soIds().isEmpty()) biz.put("so_ids", query.soIds());
        if (!query.oIds().isEmpty()) biz.put("o_ids", query.oIds());
        return biz;
    }
}
