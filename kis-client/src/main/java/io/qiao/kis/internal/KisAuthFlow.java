package io.qiao.kis.internal;

import io.qiao.client.Redactor;
import io.qiao.client.spi.TokenCache;
import java.time.Clock;

/**
 * One of the two ways a KIS client authenticates (the gateway app-token, or the user session): how a new
 * {@link AuthContext} is obtained. Caching, renewal before expiry and single flight are the shared
 * {@link TokenCache}'s; a flow only talks to KIS, and tells the client's redactor of every token and session secret
 * it obtains, so that KIS echoing one cannot carry it into an exception, a log line or a status file.
 */
public abstract class KisAuthFlow implements TokenCache.Fetcher<AuthContext> {
    private final Clock clock;
    private volatile Redactor redactor = Redactor.defaults();

    protected KisAuthFlow(Clock clock) {
        this.clock = clock;
    }

    /**
     * Tells {@code redactor} of every token and session secret this flow obtains from now on.
     *
     * @return this flow
     */
    public KisAuthFlow remembering(Redactor redactor) {
        this.redactor = redactor;
        return this;
    }

    @Override
    public final AuthContext fetch(AuthContext previous) {
        AuthContext fresh = refresh(previous);
        remember(fresh.authData());
        remember(fresh.accessToken());
        return fresh;
    }

    /** Remembers a value obtained at run time (a token, a session secret) for the client's redactor. */
    protected final String remember(String value) {
        redactor.remember(value);
        return value;
    }

    /** Obtains a new context; {@code previous} is the expiring or refused one, or null on first use. */
    protected abstract AuthContext refresh(AuthContext previous);

    protected Clock clock() {
        return clock;
    }
}
