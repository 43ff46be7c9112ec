package io.qiao.jackyun.internal;

import io.qiao.client.Json;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A half-open modified-time window {@code [start, end)} in Beijing wall time, whole seconds.
 *
 * <p>Jackyun compares {@code gmtModifiedStart/End} inclusively at one-second resolution, so the window is
 * sent as {@code start .. end - 1s}: consecutive windows then never return the same record twice.
 */
public record TimeWindow(LocalDateTime start, LocalDateTime end) {

    public String startParam() {
        return Json.formatDateTime(start);
    }

    /** The inclusive last second of the window, as the vendor's end parameter. */
    public String endParam() {
        return Json.formatDateTime(end.minusSeconds(1));
    }

    /**
     * Splits {@code [from, to)} into consecutive windows no longer than {@code max} (null: no limit). The
     * ends are widened to whole seconds (start down, end up) so nothing in the range is lost to rounding.
     */
    public static List<TimeWindow> split(LocalDateTime from, LocalDateTime to, Duration max) {
        LocalDateTime start = from.truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime end = to.truncatedTo(ChronoUnit.SECONDS);
        if (end.isBefore(to)) {
            end = end.plusSeconds(1);
        }
        List<TimeWindow> windows = new ArrayList<>();
        if (!start.isBefore(end)) {
            return windows;
        }
        if (max == null) {
            windows.add(new TimeWindow(start, end));
            return windows;
        }
        if (max.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("maxWindow must be at least one second, was " + max);
        }
        for (LocalDateTime s = start; s.isBefore(end); ) {
            LocalDateTime e = s.plus(max);
            if (e.isAfter(end)) {
                e = end;
            }
            windows.add(new TimeWindow(s, e));
            s = e;
        }
        return windows;
    }
}
