package io.qiao.jackyun.internal;

import io.qiao.client.Json;
import io.qiao.client.spi.WallClockWindow;
import io.qiao.client.spi.WindowedPager;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * 吉客云's paging convention on the shared {@link WindowedPager}: {@code pageIndex} from 0 (or a cursor such as
 * {@code scrollId} or {@code maxQuantityId}), the end at a short page (the vendor's totals are not trusted), a
 * modified range planned into windows sent inclusively as {@code start .. end - 1s} (the vendor compares its end at
 * one-second resolution, so consecutive windows never return the same record twice). Also the checks the query
 * types share.
 */
public final class JackyunPaging {
    private JackyunPaging() {
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
