package io.qiao.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a client retries: transport errors, HTTP 429/5xx and the vendor's throttle/busy codes, with
 * exponential backoff and jitter, honouring Retry-After. Immutable; {@link #toBuilder()} derives variants.
 *
 * <p>What is retried is decided per request: an idempotent request is retried on any retryable error; a
 * non-idempotent write only when the error proves it was not processed (a throttling refusal, or a
 * connection that never opened).
 */
public final class RetryOptions {
    private final boolean enabled;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final double jitter;
    private final Duration throttleDelay;

    /**
     * The longest delay setting accepted ({@code baseDelay}, {@code maxDelay}, {@code throttleDelay}): a retry that
     * waits longer than this belongs in a scheduler, not in a blocked call.
     */
    public static final Duration MAX_DELAY = Duration.ofHours(1);

    private RetryOptions(Builder b) {
        this.enabled = b.enabled;
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = b.baseDelay;
        this.maxDelay = b.maxDelay;
        this.jitter = b.jitter;
        this.throttleDelay = b.throttleDelay;
    }

    /** 3 attempts, 200 ms doubling to at most 10 s, 20% jitter, at least 1 s after a throttling answer. */
    public static RetryOptions defaults() {
        return builder().build();
    }

    public static RetryOptions disabled() {
        return builder().enabled(false).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .enabled(enabled).maxAttempts(maxAttempts).baseDelay(baseDelay).maxDelay(maxDelay)
                .jitter(jitter).throttleDelay(throttleDelay);
    }

    public boolean enabled() {
        return enabled;
    }

    public int maxAttempts() {
        return enabled ? maxAttempts : 1;
    }

    public Duration baseDelay() {
        return baseDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public double jitter() {
        return jitter;
    }

    public Duration throttleDelay() {
        return throttleDelay;
    }

    /** Whether {@code failure} of {@code request} may be retried at all (attempts aside). */
    public boolean isRetryable(Request request, Throwable failure) {
        return isRetryable(request.idempotent(), failure);
    }

    /** {@link #isRetryable(Request, Throwable)} for a request that is, or is not, idempotent. */
    public boolean isRetryable(boolean idempotent, Throwable failure) {
        if (!enabled) {
            return false;
        }
        if (failure instanceof ApiException api) {
            return api.isThrottled() || (api.isRetryable() && idempotent);
        }
        if (failure instanceof TransportException t) {
            return idempotent || !t.isSent();
        }
        return false;
    }

    /**
     * The wait before attempt {@code nextAttempt} (2 for the first retry). Retry-After wins when the vendor
     * sent it; a throttling answer waits at least {@link #throttleDelay()}; otherwise exponential backoff.
     */
    public Duration delayBefore(int nextAttempt, Throwable failure) {
        // A negative Retry-After (set by an interceptor's own ApiException) is no wait: backoff as without one.
        if (failure instanceof ApiException api && api.retryAfter().filter(ra -> !ra.isNegative()).isPresent()) {
            Duration ra = api.retryAfter().get();
            return ra.compareTo(maxDelay) > 0 ? maxDelay : ra;
        }
        long base = baseDelay.toNanos();
        int exponent = Math.max(0, Math.min(30, nextAttempt - 2));
        long delay = Math.min(maxDelay.toNanos(), base << exponent < 0 ? Long.MAX_VALUE : base << exponent);
        if (jitter > 0) {
            double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
            delay = (long) (delay * factor);
        }
        if (failure instanceof ApiException api && api.isThrottled()) {
            delay = Math.max(delay, throttleDelay.toNanos());
        }
        return Duration.ofNanos(Math.max(0, delay));
    }

    @Override
    public String toString() {
        return enabled ? "RetryOptions{maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay="
                + maxDelay + ", jitter=" + jitter + ", throttleDelay=" + throttleDelay + "}" : "RetryOptions{disabled}";
    }

    public static final class Builder {
        private boolean enabled = true;
        private int maxAttempts = 3;
        private Duration baseDelay = Duration.ofMillis(200);
        private Duration maxDelay = Duration.ofSeconds(10);
        private double jitter = 0.2;
        private Duration throttleDelay = Duration.ofSeconds(1);

        private Builder() {
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The first backoff delay, doubled on each retry; 200 ms unless set, at most {@link #MAX_DELAY}. */
        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = Durations.nonNegative(baseDelay, "baseDelay", MAX_DELAY);
            return this;
        }

        /** The longest backoff delay and cap on a Retry-After; 10 s unless set, at most {@link #MAX_DELAY}. */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = Durations.nonNegative(maxDelay, "maxDelay", MAX_DELAY);
            return this;
        }

        public Builder jitter(double jitter) {
            if (jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /** The least wait after a throttling answer; 1 s unless set, at most {@link #MAX_DELAY}. */
        public Builder throttleDelay(Duration throttleDelay) {
            this.throttleDelay = Durations.nonNegative(throttleDelay, "throttleDelay", MAX_DELAY);
            return this;
        }

        public RetryOptions build() {
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than baseDelay " + baseDelay);
            }
            return new RetryOptions(this);
        }
    }
}
