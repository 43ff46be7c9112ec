package io.qiao.client;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rate limits of one vendor account, keyed by endpoint class ("default" unless a client splits its
 * endpoints), each class with one or more windows that all apply at once (Jushuitan: 5 per second AND 100
 * per minute). One instance holds live Failsafe limiters: share it between every client of one account so
 * that all threads draw from the same permits.
 */
public final class RateLimits {
    private final Map<String, List<RateLimit>> limits;
    private final Map<String, List<RateLimiter<Object>>> limiters;
    private final Duration maxWait;

    private RateLimits(Builder b) {
        this.limits = Map.copyOf(b.limits);
        Map<String, List<RateLimiter<Object>>> l = new LinkedHashMap<>();
        b.limits.forEach((k, v) -> l.put(k, v.stream()
                .map(r -> RateLimiter.<Object>smoothBuilder(r.permits(), r.period()).withMaxWaitTime(b.maxWait).build())
                .toList()));
        this.limiters = Map.copyOf(l);
        this.maxWait = b.maxWait;
    }

    public static RateLimits none() {
        return builder().build();
    }

    /** One or more windows for the "default" endpoint class. */
    public static RateLimits of(RateLimit... limits) {
        Builder b = builder();
        for (RateLimit l : limits) {
            b.add("default", l);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configured windows of an endpoint class; falls back to "default". */
    public List<RateLimit> limitsFor(String endpointClass) {
        return limits.getOrDefault(endpointClass, limits.getOrDefault("default", List.of()));
    }

    private List<RateLimiter<Object>> limitersFor(String endpointClass) {
        return limiters.getOrDefault(endpointClass, limiters.getOrDefault("default", List.of()));
    }

    /**
     * Waits for a permit from every window of the request's endpoint class, as a client does before each attempt.
     * For a call the caller sends outside a Qiao client that must still count against the same account's budget.
     *
     * @throws QiaoException when no permit is free within {@link #maxWait()}
     * @throws TransportException when the thread is interrupted while waiting (nothing was sent)
     */
    public void acquire(Request request) {
        for (RateLimiter<Object> limiter : limitersFor(request.endpointClass())) {
            try {
                if (!limiter.tryAcquirePermit(maxWait)) {
                    throw new QiaoException(request.operation() + ": no rate-limit permit within " + maxWait
                            + " (limits " + limitsFor(request.endpointClass()) + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(request.operation(), "interrupted while waiting for a rate-limit permit",
                        false, e);
            }
        }
    }

    /** How long a caller may wait for a permit before the call fails instead. */
    public Duration maxWait() {
        return maxWait;
    }

    @Override
    public String toString() {
        return "RateLimits" + limits;
    }

    public static final class Builder {
        private final Map<String, List<RateLimit>> limits = new LinkedHashMap<>();
        private Duration maxWait = Duration.ofMinutes(5);

        private Builder() {
        }

        public Builder add(String endpointClass, RateLimit limit) {
            Objects.requireNonNull(endpointClass, "endpointClass");
            limits.computeIfAbsent(endpointClass, k -> new ArrayList<>()).add(Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /** From zero (fail at once when no permit is free) to one day. */
        public Builder maxWait(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative() || maxWait.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("maxWait must be between 0 and 1 day, was " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        public RateLimits build() {
            return new RateLimits(this);
        }
    }
}
