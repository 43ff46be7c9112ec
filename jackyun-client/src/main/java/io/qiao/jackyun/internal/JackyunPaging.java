package io.qiao.jackyun.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.Json;
import io.qiao.client.PagedIterable;
import io.qiao.client.TimeRange;
import io.qiao.client.spi.AnyEndpointPaging;
import io.qiao.client.spi.WallClockWindow;
import io.qiao.client.spi.WindowedPager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 吉客云's paging convention on the shared {@link WindowedPager}: {@code pageIndex} from 0 (or a cursor such as
 * {@code scrollId} or {@code maxQuantityId}), the end at a short page (the vendor's totals are not trusted), a
 * modified range planned into windows sent inclusively as {@code start .. end - 1s} (the vendor compares its end at
 * one-second resolution, so consecutive windows never return the same record twice). Also the checks the query
 * types share.
 */
public final class JackyunPaging {
    /** The page size of {@code pages(...)} unless the caller sets {@code pageSize}. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /**
     * The longest window of {@code pages(...)} unless the range sets one: 24 hours, the tightest limit the vendor
     * documents ({@code wms.order.query-info.page}; {@code oms.trade.fullinfoget} allows seven days).
     */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    public static final String FROM = "gmtModifiedStart";
    public static final String TO = "gmtModifiedEnd";

    private JackyunPaging() {
    }

    /**
     * {@link #windows(LocalDateTime, LocalDateTime, Duration, Clock)} for a query's instant range, planned in the
     * Beijing wall time the vendor is sent (Asia/Shanghai, which has had no daylight saving since 1991, so the
     * query's own wall times come back unchanged).
     */
    public static List<WallClockWindow> windows(Instant from, Instant to, Duration max, Clock clock) {
        return windows(from == null ? null : LocalDateTime.ofInstant(from, Json.SHANGHAI),
                to == null ? null : LocalDateTime.ofInstant(to, Json.SHANGHAI), max, clock);
    }

    /**
     * The windows of {@code [from, to)} split at {@code max} (null: no splitting); {@code to} null means "now" on
     * the client's clock; {@code from} null means no time filter (null: a listing without windows).
     */
    public static List<WallClockWindow> windows(LocalDateTime from, LocalDateTime to, Duration max, Clock clock) {
        if (from == null) {
            return null;
        }
        LocalDateTime end = to != null ? to : LocalDateTime.now(clock.withZone(Json.SHANGHAI));
        return WallClockWindow.plan(from, end, max);
    }

    /**
     * A pager for {@code method} with the client's guard, pages from 0, the given windows (null: none) and the
     * vendor's "a full page" as the signal that more follow.
     */
    public static <T> WindowedPager.Builder<T> pager(JackyunCaller caller, String method, List<WallClockWindow> windows,
                                                     WindowedPager.Fetch<T> fetch) {
        WindowedPager.Builder<T> b = WindowedPager.builder(method, fetch).guard(caller.pagingGuard()).firstPage(0)
                .moreSignal("a full page");
        return windows == null ? b : b.windows(windows);
    }

    /**
     * Any list method ({@code JackyunClient.pages}): the records of {@code result.data} as JSON, {@code pageSize} as
     * the caller set it or {@value #DEFAULT_PAGE_SIZE}, an optional range in windows of at most
     * {@link #DEFAULT_WINDOW} unless the range says otherwise.
     */
    public static PagedIterable<JsonNode> any(JackyunCaller caller, String method, Map<String, ?> bizcontent,
                                              TimeRange range) {
        String from = range == null ? null : range.fromParam().orElse(FROM);
        String to = range == null ? null : range.toParam().orElse(TO);
        Map<String, Object> filters = AnyEndpointPaging.params(method, bizcontent,
                range == null ? List.of("pageIndex") : List.of("pageIndex", from, to));
        int pageSize = AnyEndpointPaging.pageSize(method, "pageSize", filters.remove("pageSize"), DEFAULT_PAGE_SIZE);
        List<WallClockWindow> windows = range == null ? null
                : AnyEndpointPaging.windows("吉客云", Json.SHANGHAI, range, DEFAULT_WINDOW, null);
        WindowedPager.Builder<JsonNode> pager = pager(caller, method, windows, (window, page, cursor) -> {
            Map<String, Object> biz = new LinkedHashMap<>(filters);
            biz.put("pageIndex", page);
            biz.put("pageSize", pageSize);
            if (window != null) {
                biz.put(from, window.startText());
                biz.put(to, window.lastSecondText());
            }
            List<JsonNode> rows = AnyEndpointPaging.items(AnyEndpointPaging.records(caller.data(method, biz, true)));
            return WindowedPager.Batch.of(rows, rows.size() >= pageSize);
        });
        if (range != null && range.recordTime().isPresent()) {
            pager.recordTime(AnyEndpointPaging.timeField(range.recordTime().get()));
        }
        return pager.build();
    }

    public static int checkPageSize(int pageSize, int max) {
        if (pageSize < 1 || pageSize > max) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + max + ", was " + pageSize);
        }
        return pageSize;
    }

    public static void checkRange(LocalDateTime from, LocalDateTime to) {
        if (to != null && from == null) {
            throw new IllegalArgumentException("modifiedTo " + to + " needs a modifiedFrom as well");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("modifiedTo " + to + " is before modifiedFrom " + from);
        }
    }

    public static Duration checkWindow(Duration maxWindow) {
        if (maxWindow != null && maxWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("maxWindow must be at least one second, was " + maxWindow);
        }
        return maxWindow;
    }
}
