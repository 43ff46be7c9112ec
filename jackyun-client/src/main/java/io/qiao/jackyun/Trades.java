package io.qiao.jackyun;

import io.qiao.client.PagedIterable;
import io.qiao.client.spi.WindowedPager;
import io.qiao.jackyun.internal.JackyunCaller;
import io.qiao.jackyun.internal.JackyunPaging;
import io.qiao.jackyun.internal.StreamingPage;
import io.qiao.jackyun.model.Trade;
import io.qiao.jackyun.model.TradeQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** 销售单: {@code oms.trade.fullinfoget}. Obtain from {@link JackyunClient#trades()}. */
public final class Trades {
    public static final String METHOD = "oms.trade.fullinfoget";
    static final String LIST_KEY = "trades";

    private final JackyunCaller caller;

    Trades(JackyunCaller caller) {
        this.caller = caller;
    }

    /**
     * Trades matching {@code query}, lazily, 7-day window by window. Within a window pages are chained by
     * {@code scrollId} (the first request sends an empty one), as the docs require: with a scroll id the
     * vendor ignores {@code pageIndex}.
     */
    public PagedIterable<Trade> list(TradeQuery query) {
        Objects.requireNonNull(query, "query");
        String fields = String.join(",", query.fields());
        return JackyunPaging.<Trade>pager(caller, METHOD,
                JackyunPaging.windows(query.modifiedFrom(), query.modifiedTo(), query.maxWindow(), caller.clock()),
                (window, pageIndex, cursor) -> {
                    Map<String, Object> biz = new LinkedHashMap<>();
                    biz.put("pageIndex", 0);
                    biz.put("pageSize", query.pageSize());
                    biz.put("startModified", window.startText());
                    biz.put("endModified", window.lastSecondText());
                    if (query.tradeStatus() != null) biz.put("tradeStatus", query.tradeStatus());
                    if (query.tradeNo() != null) biz.put("tradeNo", query.tradeNo());
                    biz.put("fields", fields);
                    biz.put("scrollId", cursor == null ? "" : cursor);
                    StreamingPage.Result<Trade> page = caller.page(METHOD, biz, LIST_KEY, Trade.class,
                            List.of("scrollId"), "scrollId");
                    return WindowedPager.Batch.chained(page.items(), page.items().size() >= query.pageSize(),
                            scrollId(page.scalars()));
                }).moreSignal("a full page and a next cursor").build();
    }

    /** {@code data.scrollId}, or the last row's {@code scrollId} when the vendor puts it on each row. */
    private static String scrollId(Map<String, String> scalars) {
        String top = scalars.get("scrollId");
        return top != null && !top.isEmpty() ? top : scalars.get("row.scrollId");
    }
}
