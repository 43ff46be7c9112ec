package io.qiao.client;

import java.time.Duration;
import java.util.Objects;

/**
 * "At most {@code permits} requests per {@code period}", e.g. {@code RateLimit.of(5, Duration.ofSeconds(1))}.
 * Requests are spaced evenly (period / permits apart) rather than sent in bursts at the start of each
 * period, because vendors count in sliding windows: an even pace never exceeds the limit in any window.
 */
public record RateLimit(int permits, Duration period) {
    /** The longest period a limit may have: a year. */
    public static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    public RateLimit {
        Objects.requireNonNull(period, "period");
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        if (period.isZero() || period.isNegative() || period.compareTo(LONGEST_PERIOD) > 0) {
            // a day's or a month's quota is a real limit; beyond a year the limiter's nanosecond arithmetic overflows
            throw new IllegalArgumentException("period must be positive and at most " + LONGEST_PERIOD.toDays()
                    + " days, was " + period);
        }
    }

    public static RateLimit of(int permits, Duration period) {
        return new RateLimit(permits, period);
    }

    public static RateLimit perSecond(int permits) {
        return new RateLimit(permits, Duration.ofSeconds(1));
    }

    public static RateLimit perMinute(int permits) {
        return new RateLimit(permits, Duration.ofMinutes(1));
    }

    /** The even spacing between two permits. */
    public Duration interval() {
        return period.dividedBy(permits);
    }

    @Override
    public String toString() {
        return permits + "/" + period;
    }
}
