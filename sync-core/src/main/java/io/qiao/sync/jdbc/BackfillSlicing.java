package io.qiao.sync.jdbc;

import io.qiao.sync.TimeWindow;
import io.qiao.sync.internal.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@link JdbcBackfill#plan} cuts a range into slices: consecutive half-open windows of one length, the last
 * one shorter when the range does not divide, every bound a whole millisecond (the slice table keeps
 * milliseconds).
 */
final class BackfillSlicing {
    /** More slices than this in one plan is a mistake (a slice length in milliseconds instead of hours). */
    static final int MAX_SLICES = 100_000;

    private BackfillSlicing() {
    }

    /** {@code [from, to)} in slices of {@code sliceLength}; IllegalArgumentException naming a bad argument. */
    static List<TimeWindow> slices(Instant from, Instant to, Duration sliceLength) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(sliceLength, "sliceLength");
        // The ranges TimeWindowSource.until and the builders hold to: 99999999999999 days failed in toMillis with
        // "long overflow", and a bound far outside them only failed later, in the slice's source.
        Limits.instant(from, "from");
        Limits.instant(to, "to");
        Limits.positive(sliceLength, "sliceLength");
        wholeMillis("from", from);
        wholeMillis("to", to);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("backfill range must not be empty: from " + from + " is not before to "
                    + to);
        }
        if (sliceLength.isNegative() || sliceLength.isZero() || sliceLength.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("sliceLength must be a positive whole number of milliseconds, was "
                    + sliceLength);
        }
        long count = (Duration.between(from, to).toMillis() + sliceLength.toMillis() - 1) / sliceLength.toMillis();
        if (count > MAX_SLICES) {
            throw new IllegalArgumentException("backfill [" + from + ", " + to + ") in slices of " + sliceLength
                    + " makes " + count + " slices; at most " + MAX_SLICES + " are allowed, choose longer slices");
        }
        List<TimeWindow> slices = new ArrayList<>((int) count);
        for (Instant start = from; start.isBefore(to); ) {
            Instant end = start.plus(sliceLength).isBefore(to) ? start.plus(sliceLength) : to;
            slices.add(new TimeWindow(start, end));
            start = end;
        }
        return slices;
    }

    private static void wholeMillis(String what, Instant instant) {
        if (instant.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(what + " must be a whole millisecond (the table keeps milliseconds), was "
                    + instant);
        }
    }
}
