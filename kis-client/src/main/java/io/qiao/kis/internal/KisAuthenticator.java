package io.qiao.kis.internal;

import io.qiao.client.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Keeps the current {@link AuthContext} and renews it when it is about to expire or was refused. Renewal is
 * single-flight: whichever thread finds the context stale first performs the refresh; every other thread that needs
 * it meanwhile waits for that same refresh and shares its result (or its failure), so a burst of callers causes one
 * token request, not one each.
 */
public abstract class KisAuthenticator {
    private final Clock clock;
    private final Duration margin;
    private AuthContext current;
    private CompletableFuture<AuthContext> inFlight;
    private volatile Redactor redactor = Redactor.defaults();

    protected KisAuthenticator(Clock clock, Duration margin) {
        this.clock = clock;
        this.margin = margin;
    }

    /**
     * Tells {@code redactor} of every token and session secret this authenticator obtains from now on, so that the
     * client masks each of them wherever KIS echoes it, even after it was renewed.
     *
     * @return this authenticator
     */
    public KisAuthenticator remembering(Redactor redactor) {
        this.redactor = redactor;
        return this;
    }

    /** Remembers a value obtained at run time (a token, a session secret) for the client's redactor. */
    protected final String remember(String value) {
        redactor.remember(value);
        return value;
    }

    /** A context valid for at least the refresh margin, obtaining a new one if needed. */
    public AuthContext current() {
        CompletableFuture<AuthContext> flight;
        boolean leader = false;
        synchronized (this) {
            if (isFresh(current)) {
                return current;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            flight = inFlight;
        }
        if (leader) {
            return lead(flight);
        }
        try {
            return flight.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** Forgets {@code stale} (if it is still the current context) so that the next call renews it. */
    public synchronized void invalidate(AuthContext stale) {
        if (current == stale) {
            current = null;
        }
    }

    /** Obtains a new context; {@code previous} is the expiring or refused one, or null on first use. */
    protected abstract AuthContext refresh(AuthContext previous);

    protected Clock clock() {
        return clock;
    }

    private AuthContext lead(CompletableFuture<AuthContext> flight) {
        AuthContext previous;
        synchronized (this) {
            previous = current;
        }
        try {
            AuthContext fresh = refresh(previous);
            remember(fresh.authData());
            remember(fresh.accessToken());
            synchronized (this) {
                current = fresh;
                inFlight = null;
            }
            flight.complete(fresh);
            return fresh;
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                inFlight = null;
            }
            flight.completeExceptionally(e);
            throw e;
        }
    }

    private boolean isFresh(AuthContext c) {
        return c != null && clock.instant().plus(margin).isBefore(c.expiresAt());
    }
}
