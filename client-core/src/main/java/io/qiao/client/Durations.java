package io.qiao.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Checks of the {@link Duration}s that builders take. Every duration setting has an upper bound as well as a
 * sign: a value far beyond any sensible wait (a timeout of days, a retry delay of a week) is almost always a unit
 * mistake, and some would overflow the JDK's own arithmetic only at the first call; refusing it in the setter,
 * naming the setter, turns that into an error at configuration time.
 */
final class Durations {
    private Durations() {
    }

    /** @throws IllegalArgumentException naming the setting unless {@code d} is positive and at most {@code max} */
    static Duration positive(Duration d, String name, Duration max) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return atMost(d, name, max);
    }

    /** @throws IllegalArgumentException naming the setting unless {@code d} is zero or more and at most {@code max} */
    static Duration nonNegative(Duration d, String name, Duration max) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return atMost(d, name, max);
    }

    private static Duration atMost(Duration d, String name, Duration max) {
        if (d.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + max + ", was " + d
                    + " (a longer one is almost certainly a unit mistake)");
        }
        return d;
    }
}
