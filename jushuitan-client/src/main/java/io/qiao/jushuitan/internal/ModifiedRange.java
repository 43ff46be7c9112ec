package io.qiao.jushuitan.internal;

import io.qiao.client.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A half-open range {@code [begin, end)} of Shanghai local times, in whole seconds (the vendor's resolution),
 * and its split into windows the vendor accepts.
 */
public record ModifiedRange(LocalDateTime begin, LocalDateTime end) {
    /** The vendor's cap on {@code modified_end - modified_begin} (VENDORS.md 1.7). */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);

    public ModifiedRange {
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(begin)) {
            throw new IllegalArgumentException("modified range end " + end + " must be after its begin " + begin);
        }
    }

    /** Seconds are the vendor's resolution: the begin is rounded down and the end up, so no record is lost. */
    public static ModifiedRange of(LocalDateTime begin, LocalDateTime end) {
        LocalDateTime b = begin.truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime e = end.truncatedTo(ChronoUnit.SECONDS);
        if (e.isBefore(end)) {
            e = e.plusSeconds(1);
        }
        return new ModifiedRange(b, e);
    }

    public static ModifiedRange of(Instant begin, Instant end) {
        return of(LocalDateTime.ofInstant(begin, Json.SHANGHAI), LocalDateTime.ofInstant(end, Json.SHANGHAI));
    }

    /** Consecutive windows of at most {@code max}, covering the range exactly, in order. */
    public List<ModifiedRange> split(Duration max) {
        if (max.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the maximum window must be at least one second, was " + max);
        }
        List<ModifiedRange> out = new ArrayList<>();
        LocalDateTime from = begin;
        while (from.isBefore(end)) {
            LocalDateTime to = from.plus(max);
            if (to.isAfter(end)) {
                to = end;
            }
            out.add(new ModifiedRange(from, to));
            from = to;
        }
        return out;
    }

    public boolean contains(LocalDateTime t) {
        return !t.isBefore(begin) && t.isBefore(end);
    }

    public String beginText() {
        return Json.formatDateTime(begin);
    }

    public String endText() {
        return Json.formatDateTime(end);
    }

    @Override
    public String toString() {
        return "[" + beginText() + ", " + endText() + ")";
    }
}
