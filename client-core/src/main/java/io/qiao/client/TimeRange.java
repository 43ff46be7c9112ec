package io.qiao.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A modified-time range for a client's {@code pages(endpoint, params, range)}: the half-open {@code [from, to)} of
 * two instants, which the client turns into its vendor's wall-clock time (Asia/Shanghai for 聚水潭 and 吉客云,
 * whatever the host's zone), splits into the windows the vendor accepts and pages window by window. Instants, as in
 * every typed query of the clients: one time type for ranges, meaning the same moment on any host.
 *
 * <pre>{@code
 * Instant now = Instant.now();
 * TimeRange lastWeek = TimeRange.between(now.minus(Duration.ofDays(7)), now);
 * TimeRange trades = lastWeek.params("startModified", "endModified").maxWindow(Duration.ofHours(12));
 * }</pre>
 *
 * <p>Unless set, the client sends each window in its vendor's usual modified-time parameters and caps it at its
 * vendor's limit (each client's {@code pages} says which). The times are widened to whole seconds, the vendors'
 * resolution. Immutable; each setter returns a copy.
 */
public final class TimeRange {
    private final Instant from;
    private final Instant to;
    private final String fromParam;
    private final String toParam;
    private final Duration maxWindow;
    private final String recordTimeField;

    private TimeRange(Instant from, Instant to, String fromParam, String toParam, Duration maxWindow,
                      String recordTimeField) {
        this.from = from;
        this.to = to;
        this.fromParam = fromParam;
        this.toParam = toParam;
        this.maxWindow = maxWindow;
        this.recordTimeField = recordTimeField;
    }

    /**
     * {@code [from, to)}; the client sends them in its vendor's wall-clock time.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from} (an empty range is fine: it lists
     *                                  nothing and sends nothing)
     */
    public static TimeRange between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("TimeRange: to " + to + " is before from " + from);
        }
        return new TimeRange(from, to, null, null, null, null);
    }

    /**
     * The names of the request parameters that carry each window's start and end, for an endpoint whose names differ
     * from the vendor's usual ones (吉客云 {@code oms.trade.fullinfoget}: {@code startModified}/{@code endModified}).
     */
    public TimeRange params(String fromParam, String toParam) {
        return new TimeRange(from, to, name(fromParam, "fromParam"), name(toParam, "toParam"), maxWindow,
                recordTimeField);
    }

    /**
     * A shorter longest window than the vendor's cap, for an endpoint with a tighter limit. A client refuses a
     * window longer than its vendor allows.
     *
     * @throws IllegalArgumentException when shorter than one second
     */
    public TimeRange maxWindow(Duration maxWindow) {
        Objects.requireNonNull(maxWindow, "maxWindow");
        if (maxWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("TimeRange: maxWindow must be at least one second, was " + maxWindow);
        }
        return new TimeRange(from, to, fromParam, toParam, maxWindow, recordTimeField);
    }

    /**
     * The record field ({@code yyyy-MM-dd HH:mm:ss}) that the range filters on, e.g. {@code modified}: a record
     * whose time lies outside its window is dropped, so that a record modified exactly on a window boundary comes
     * once even from a vendor whose end parameter is inclusive. Records without the field are kept.
     */
    public TimeRange recordTime(String field) {
        return new TimeRange(from, to, fromParam, toParam, maxWindow, name(field, "field"));
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    /** The start parameter's name, when set. */
    public Optional<String> fromParam() {
        return Optional.ofNullable(fromParam);
    }

    /** The end parameter's name, when set. */
    public Optional<String> toParam() {
        return Optional.ofNullable(toParam);
    }

    /** The longest window, when set shorter than the vendor's cap. */
    public Optional<Duration> maxWindow() {
        return Optional.ofNullable(maxWindow);
    }

    /** The record field the windows filter on, when set. */
    public Optional<String> recordTime() {
        return Optional.ofNullable(recordTimeField);
    }

    @Override
    public String toString() {
        return "TimeRange{[" + from + ", " + to + ")" + (fromParam == null ? "" : ", params " + fromParam + "/" + toParam)
                + (maxWindow == null ? "" : ", maxWindow " + maxWindow)
                + (recordTimeField == null ? "" : ", recordTime " + recordTimeField) + "}";
    }

    private static String name(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isBlank()) {
            throw new IllegalArgumentException("TimeRange: " + what + " must not be blank");
        }
        return s;
    }
}
