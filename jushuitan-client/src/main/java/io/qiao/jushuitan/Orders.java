package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.internal.JstWire;
import io.qiao.jushuitan.model.Order;
import io.qiao.jushuitan.model.OrderQuery;
import java.time.LocalDateTime;
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
        return JstPaging.list(caller, QUERY, "orders", Order.class, time, JstWire.biz(query), JstWire.range(query),
                JstPaging.MAX_WINDOW, query.pageSize());
    }
}
