package io.qiao.jackyun.internal;

import io.qiao.client.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/** Plans the windows of a query's modified range. */
public final class Windows {
    private Windows() {
    }

    /**
     * The windows of {@code [from, to)} split at {@code max}; {@code to} null means "now" on the client's clock;
     * {@code from} null means no time filter (one window, null).
     */
    public static List<TimeWindow> plan(LocalDateTime from, LocalDateTime to, Duration max, Clock clock) {
        if (from == null) {
            return Arrays.asList((TimeWindow) null);
        }
        LocalDateTime end = to != null ? to : LocalDateTime.now(clock.withZone(Json.SHANGHAI));
        return TimeWindow.split(from, end, max);
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
