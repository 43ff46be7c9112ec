package io.qiao.client.spi;

import io.qiao.client.QiaoException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * One client's current token (an access token, a session, whatever the vendor's calls carry), obtained when first
 * needed and again shortly before it expires or after the vendor refused it.
 *
 * <ul>
 *   <li><b>Single flight.</b> However many threads need a token at once, one of them fetches and the others wait
 *       for that fetch and share its result, or its failure: a burst of callers costs one token request.</li>
 *   <li><b>Refresh before expiry.</b> A token is used until its expiry minus the refresh skew, read on the client's
 *       {@link Clock}, so a call never sets out with a token that lapses on the way. The skew is capped at half the
 *       life the token had when it was fetched, so a token shorter-lived than the skew is still used.</li>
 *   <li><b>Stale invalidation is ignored.</b> {@link #invalidate(Object)} forgets a token only while it is still the
 *       current one: when many threads see the same refusal, the first invalidates and the others find the fresh
 *       token in place instead of throwing it away.</li>
 *   <li><b>Failures are not cached.</b> A failed fetch is thrown as it is (the vendor's {@link QiaoException}
 *       subtype) to the fetching thread and to every thread that waited for it; the next call fetches again.</li>
 * </ul>
 *
 * <p>Thread-safe. The fetcher runs on a caller's thread, outside any lock of this cache.
 *
 * @param <T> the token type; compared with {@link Object#equals} by {@link #invalidate}
 */
public final class TokenCache<T> {
    private final Fetcher<T> fetcher;
    private final Function<? super T, Instant> expiresAt;
    private final Function<? super T, Duration> refreshSkew;
    private final Clock clock;
    private final String name;

    // Guarded by "this". "last" survives invalidation: the next fetch is told which token it replaces.
    private T current;
    private Instant fetchedAt;
    private T last;
    private CompletableFuture<T> inFlight;

    private TokenCache(Builder<T> b) {
        this.fetcher = b.fetcher;
        this.expiresAt = b.expiresAt;
        this.refreshSkew = b.refreshSkew;
        this.clock = b.clock;
        this.name = b.name;
    }

    /**
     * A cache that obtains its tokens from {@code fetcher}; the builder also needs {@link Builder#expiresAt}.
     *
     * @param fetcher obtains a new token
     * @param <T>     the token type
     * @return a builder with a skew of one minute and the system UTC clock
     */
    public static <T> Builder<T> builder(Fetcher<T> fetcher) {
        return new Builder<>(fetcher);
    }

    /**
     * The token to send now: the cached one while it is fresh, otherwise a new one (fetched by this thread, or by
     * another whose fetch this thread waits for).
     *
     * @return a token that is fresh now, or has just been fetched
     * @throws QiaoException whatever the fetch threw, as it was thrown (the vendor's subtype)
     */
    public T get() {
        CompletableFuture<T> flight;
        boolean leader = false;
        synchronized (this) {
            if (current != null && isFresh(current)) { // isFresh reads fetchedAt: called under the lock
                return current;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            flight = inFlight;
        }
        return leader ? lead(flight) : await(flight);
    }

    /**
     * Forgets {@code token} if it is still the current token, so that the next {@link #get()} fetches. A token that
     * was already replaced is left alone: its refusal says nothing about the newer one.
     *
     * @param token the token the vendor refused
     * @return whether the current token was forgotten
     */
    public synchronized boolean invalidate(T token) {
        if (current != null && current.equals(token)) {
            current = null;
            return true;
        }
        return false;
    }

    /**
     * Fetches with {@code oneOff} instead of the cache's own fetcher, as the single flight (waiting for one already
     * under way first), and makes the result the current token: for a token the user obtains explicitly, such as an
     * authorisation code exchanged for a token.
     *
     * @param oneOff obtains the new token, told the token it replaces
     * @return the new current token
     */
    public T replace(Fetcher<T> oneOff) {
        Objects.requireNonNull(oneOff, "oneOff");
        while (true) {
            CompletableFuture<T> flight;
            CompletableFuture<T> other;
            synchronized (this) {
                other = inFlight;
                if (other == null) {
                    flight = new CompletableFuture<>();
                    inFlight = flight;
                } else {
                    flight = null;
                }
            }
            if (flight != null) {
                return lead(flight, oneOff);
            }
            try {
                await(other);
            } catch (RuntimeException ignored) {
                // the other flight's failure is its callers' to handle; this one fetches for itself
            }
        }
    }

    @Override
    public String toString() {
        return "TokenCache{" + name + "}"; // never the token
    }

    private T lead(CompletableFuture<T> flight) {
        return lead(flight, fetcher);
    }

    private T lead(CompletableFuture<T> flight, Fetcher<T> using) {
        T previous;
        synchronized (this) {
            previous = last;
        }
        T fresh;
        try {
            fresh = Objects.requireNonNull(using.fetch(previous), "the fetcher of " + name + " returned null");
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                inFlight = null; // not cached: the next caller fetches again
            }
            flight.completeExceptionally(e);
            throw e;
        }
        synchronized (this) {
            current = fresh;
            fetchedAt = clock.instant();
            last = fresh;
            inFlight = null;
        }
        flight.complete(fresh);
        return fresh;
    }

    private T await(CompletableFuture<T> flight) {
        try {
            return flight.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new QiaoException("fetching the " + name + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QiaoException("interrupted while waiting for the " + name, e);
        }
    }

    private boolean isFresh(T token) {
        Instant expiry = expiresAt.apply(token);
        if (expiry == null || expiry.equals(Instant.MAX)) {
            return true; // never expires on our side (a fixed token): only a refusal replaces it
        }
        Duration skew = refreshSkew.apply(token);
        // Never more than half the life the token had when it came: a token shorter-lived than the skew is still
        // used for a while rather than fetched again on every call.
        Duration half = Duration.between(fetchedAt, expiry).dividedBy(2);
        if (skew.compareTo(half) > 0) {
            skew = half.isNegative() ? Duration.ZERO : half;
        }
        return clock.instant().isBefore(expiry.minus(skew));
    }

    /**
     * Obtains a new token.
     *
     * @param <T> the token type
     */
    @FunctionalInterface
    public interface Fetcher<T> {
        /**
         * Asks the vendor (or a store) for a token.
         *
         * @param previous the token being replaced (expiring, or refused and invalidated), or null on first use: a
         *                 vendor that renews with a refresh token takes it from here
         * @return the new token, never null
         */
        T fetch(T previous);
    }

    /**
     * Settings of a {@link TokenCache}.
     *
     * @param <T> the token type
     */
    public static final class Builder<T> {
        private final Fetcher<T> fetcher;
        private Function<? super T, Instant> expiresAt;
        private Function<? super T, Duration> refreshSkew = t -> Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();
        private String name = "access token";

        private Builder(Fetcher<T> fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        }

        /**
         * When a token expires; required. {@link Instant#MAX} (or null) means never on the client's side.
         *
         * @param expiresAt a token's expiry
         * @return this builder
         */
        public Builder<T> expiresAt(Function<? super T, Instant> expiresAt) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return this;
        }

        /**
         * Fetch a new token this long before the current one expires; one minute by default.
         *
         * @param skew zero or positive
         * @return this builder
         */
        public Builder<T> refreshSkew(Duration skew) {
            Objects.requireNonNull(skew, "refreshSkew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("refreshSkew must not be negative, was " + skew);
            }
            return refreshSkew(t -> skew);
        }

        /**
         * A skew that depends on the token, e.g. a tenth of its lifetime.
         *
         * @param skew a token's skew, zero or positive
         * @return this builder
         */
        public Builder<T> refreshSkew(Function<? super T, Duration> skew) {
            this.refreshSkew = Objects.requireNonNull(skew, "refreshSkew");
            return this;
        }

        /**
         * The client's clock, which decides when a token is due for renewal; the system UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder<T> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * What the token is called in messages ("Jushuitan access token"); "access token" by default.
         *
         * @param name a short noun phrase
         * @return this builder
         */
        public Builder<T> name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The cache, empty: the first {@link TokenCache#get()} fetches.
         *
         * @return a new cache
         * @throws IllegalStateException when {@link #expiresAt} was not set
         */
        public TokenCache<T> build() {
            if (expiresAt == null) {
                throw new IllegalStateException("expiresAt is required: say when a token expires");
            }
            return new TokenCache<>(this);
        }
    }
}
