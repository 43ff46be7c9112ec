package io.qiao.jushuitan;

import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.internal.BizCaller;
import io.qiao.jushuitan.internal.JstPaging;
import io.qiao.jushuitan.model.OrderOut;
import io.qiao.jushuitan.model.OrderOutQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** 销售出库 (sales outbound documents): {@code client.orderOuts()}. */
public final class OrderOuts {
    static final String QUERY = "/open/orders/out/simple/query";
    /**
     * Where the documents are listed: {@code datas} per ieu/jst-java (the vendor's field list), flowerfine/carp and
     * two JS/TS clients; {@code orders} as a public Python client reads this API (<b>[INFER]</b>: an older or other
     * form of the answer). The first present is read.
     */
    static final List<String> LIST_KEYS = List.of("datas", "orders");

    private final BizCaller caller;

    OrderOuts(BizCaller caller) {
        this.caller = caller;
    }

    /**
     * The documents matching {@code query}, lazily: a range longer than 7 days is read in 7-day windows (the
     * vendor's cap), each paged from {@code page_index} 1 while {@code has_next}. With
     * {@link OrderOutQuery.Builder#startTs(long) startTs}, pages are chained by row version instead: each request
     * sends the largest {@code ts} seen so far, {@code is_get_total} false and {@code page_index} 1.
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
        if (query.startTs() != null) {
            return JstPaging.byTs(caller, QUERY, LIST_KEYS, OrderOut.class, OrderOut::ts, biz, query.startTs(),
                    query.pageSize());
        }
        return JstPaging.list(caller, QUERY, LIST_KEYS, OrderOut.class,
                query.byIoDate() ? OrderOut::ioDate : OrderOut::modified, biz,
                query.modifiedFrom() == null ? null : JstPaging.range(query.modifiedFrom(), query.modifiedTo()),
                JstPaging.MAX_WINDOW, query.pageSize());
    }
}
