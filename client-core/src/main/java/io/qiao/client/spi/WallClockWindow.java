package io.qiao.client.spi;

import io.qiao.client.Json;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A half-open window {@code [start, end)} of a vendor's wall-clock time (Asia/Shanghai for the Chinese ERPs), in
 * whole seconds, the resolution of the vendors' {@code yyyy-MM-dd HH:mm:ss} parameters. Never empty: {@code end} is
 * after {@code start}. {@link #split} cuts a range into the windows a vendor accepts in one query.
 *
 * <p>Wall-clock time rather than {@code Instant}, because that is what the vendors compare and send, and a window
 * planned in it has the vendor's own boundaries whatever the host's zone.
 *
 * @param start the first second of the window (inclusive)
 * @param end   the end of the window (exclusive)
 */
public record WallClockWindow(LocalDateTime start, LocalDateTime end) {
    /** The most windows one range is cut into (a day-long window covers 270 years of them). */
    public static final int MAX_WINDOWS = 100_000;


    public WallClockWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the time range's end " + end + " must be after its start " + start);
        }
    }

    /**
     * The range {@code [from, to)} widened to whole seconds (the start rounded down, the end up), so that nothing
     * in it is lost to the vendor's resolution.
     *
     * @throws IllegalArgumentException when the widened range is empty ({@code to} not after {@code from})
     */
    public static WallClockWindow covering(LocalDateTime from, LocalDateTime to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return new WallClockWindow(from.truncatedTo(ChronoUnit.SECONDS), roundUp(to));
    }

    /**
     * The windows of {@code [from, to)}, widened to whole seconds, each at most {@code max} long (null: one window),
     * consecutive and in order; empty when the range is. This is what a pager walks.
     *
     * @throws IllegalArgumentException when {@code max} is shorter than one second
     */
    public static List<WallClockWindow> plan(LocalDateTime from, LocalDateTime to, Duration max) {
        checkMax(max);
        LocalDateTime start = Objects.requireNonNull(from, "from").truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime end = roundUp(Objects.requireNonNull(to, "to"));
        if (!start.isBefore(end)) {
            return List.of();
        }
        return new WallClockWindow(start, end).split(max);
    }

    /**
     * Consecutive windows of at most {@code max} (null: this window alone) covering this one exactly, in order.
     *
     * @throws IllegalArgumentException when {@code max} is shorter than one second, or the range would need more
     *                                  than {@link #MAX_WINDOWS} windows
     */
    public List<WallClockWindow> split(Duration max) {
        checkMax(max);
        if (max == null) {
            return List.of(this);
        }
        long count = Duration.between(start, end).dividedBy(max) + 1;
        if (count > MAX_WINDOWS) {
            // Planned eagerly: a one-second window over decades would fill the heap before the first request.
            throw new IllegalArgumentException("the time range [" + start + ", " + end + ") in windows of at most "
                    + max + " would be " + count + " windows, more than " + MAX_WINDOWS
                    + ": give a longer maxWindow or a shorter range");
        }
        List<WallClockWindow> out = new ArrayList<>();
        for (LocalDateTime from = start; from.isBefore(end); ) {
            // Compared before adding: start + max may lie past LocalDateTime.MAX for a huge max.
            LocalDateTime to = Duration.between(from, end).compareTo(max) <= 0 ? end : from.plus(max);
            out.add(new WallClockWindow(from, to));
            from = to;
        }
        return List.copyOf(out);
    }

    /** Whether {@code t} lies in {@code [start, end)}. */
    public boolean contains(LocalDateTime t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** The start as the vendors write it, {@code yyyy-MM-dd HH:mm:ss}. */
    public String startText() {
        return Json.formatDateTime(start);
    }

    /** The exclusive end as the vendors write it. */
    public String endText() {
        return Json.formatDateTime(end);
    }

    /**
     * The window's last second, for a vendor that compares its end parameter inclusively (吉客云): consecutive windows
     * then never ask for the same second twice.
     */
    public String lastSecondText() {
        return Json.formatDateTime(end.minusSeconds(1));
    }

    @Override
    public String toString() {
        return "[" + startText() + ", " + endText() + ")";
    }

    private static LocalDateTime roundUp(LocalDateTime t) {
        LocalDateTime s = t.truncatedTo(ChronoUnit.SECONDS);
        return s.isBefore(t) ? s.plusSeconds(1) : s;
    }

    private static void checkMax(Duration max) {
        if (max != null && max.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("maxWindow must be at least one second, was " + max);
        }
    }
}
