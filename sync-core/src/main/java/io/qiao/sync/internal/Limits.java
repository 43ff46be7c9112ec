package io.qiao.sync.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The ranges the builders of sync-core hold durations and instants to. A sign check alone lets
 * {@code Duration.ofDays(99999999999999L)} through, and the run that adds it to a watermark fails with "long
 * overflow" (or, subtracted, starts in year -273788674): the bounds below are far beyond any sane setting and far
 * inside what {@link Instant} arithmetic and the databases' timestamp types hold.
 */
public final class Limits {
    /** The longest interval, window, delay or look-back a builder takes: 100 years. */
    public static final Duration LONGEST = Duration.ofDays(36_525);
    /** The earliest watermark a builder takes: the epoch, where {@code JdbcSource} starts by default. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The latest watermark or bound a builder takes: the end of year 9999, the last one SQL timestamps hold. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Limits() {
    }

    /** {@code d} when it is above zero and at most {@link #LONGEST}; else IllegalArgumentException naming it. */
    public static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return atMostLongest(d, name);
    }

    /** {@code d} when it is zero or more and at most {@link #LONGEST}; else IllegalArgumentException naming it. */
    public static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return atMostLongest(d, name);
    }

    private static Duration atMostLongest(Duration d, String name) {
        if (d.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + LONGEST.toDays() + " days (100 years), was "
                    + d);
        }
        return d;
    }

    /** {@code t} when it lies between {@link #EARLIEST} and {@link #LATEST}; else IllegalArgumentException naming it. */
    public static Instant instant(Instant t, String name) {
        Objects.requireNonNull(t, name);
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw new IllegalArgumentException(name + " must lie between " + EARLIEST + " and " + LATEST + ", was " + t);
        }
        return t;
    }
}
