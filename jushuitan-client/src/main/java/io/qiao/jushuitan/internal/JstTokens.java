package io.qiao.jushuitan.internal;

import io.qiao.client.ApiException;
import io.qiao.client.Interceptor;
import io.qiao.client.QiaoException;
import io.qiao.client.Redactor;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.spi.TokenCache;
import io.qiao.client.spi.TokenRetryInterceptor;
import io.qiao.jushuitan.AccessToken;
import io.qiao.jushuitan.JushuitanCodes;
import io.qiao.jushuitan.TokenStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's access token and how it goes on a call ({@code access_token} in the form). A managed token lives in
 * the shared {@link TokenCache} (one renewal in flight per client, renewed {@link AccessToken#renewalMargin()}
 * before {@code expires_in} runs out, by the client's clock) and is kept in the {@link TokenStore}; on code 100 the
 * shared {@link TokenRetryInterceptor} renews it and sends the call once more under a rate-limit permit of its own.
 * A code-100 answer means the vendor did not process the call, so the repeat is safe even for a write.
 *
 * <p>Renewal order: a token another process saved in the store, if it is fresh and not the one being replaced;
 * else the refresh token if we have one; for a self-developed app, {@code getInitToken} when there is no token or
 * the refresh failed. An ISV app cannot get a token by itself: the host application stores one from the merchant's
 * authorisation, and code 150 means the merchant must authorise again.
 *
 * <p>A fixed token configured by the user is sent as is and never renewed; its refusal fails with a hint.
 */
public final class JstTokens {
    private static final Logger log = LoggerFactory.getLogger(JstTokens.class);

    private final String appKey;
    private final AccessToken fixed;
    private final TokenStore store;
    private final AuthClient auth;
    private final boolean selfDeveloped;
    private final Clock clock;
    private final TokenCache<AccessToken> cache;
    private volatile Redactor redactor = Redactor.defaults();

    private JstTokens(String appKey, AccessToken fixed, TokenStore store, AuthClient auth, boolean selfDeveloped,
                      Clock clock) {
        this.appKey = appKey;
        this.fixed = fixed;
        this.store = store;
        this.auth = auth;
        this.selfDeveloped = selfDeveloped;
        this.clock = clock;
        this.cache = fixed != null ? null : TokenCache.builder(this::fetch).expiresAt(AccessToken::expiresAt)
                .refreshSkew(AccessToken::renewalMargin).clock(clock).name("Jushuitan access token of " + appKey)
                .build();
    }

    public static JstTokens fixed(String appKey, AccessToken token) {
        return new JstTokens(appKey, token, null, null, false, Clock.systemUTC());
    }

    public static JstTokens managed(String appKey, TokenStore store, AuthClient auth, boolean selfDeveloped,
                                    Clock clock) {
        return new JstTokens(appKey, null, store, auth, selfDeveloped, clock);
    }

    /**
     * Tells {@code redactor} of every token this holder obtains from now on (and of the fixed one), so that the
     * client masks each of them wherever a vendor echoes it, even after it was replaced.
     *
     * @return this holder
     */
    public JstTokens remembering(Redactor redactor) {
        this.redactor = redactor;
        if (fixed != null) {
            remember(fixed);
        }
        return this;
    }

    /**
     * The interceptor for {@code HttpPipeline.Builder.authentication}: it puts the token in the form (before
     * signing, which covers it) and, for a managed token, renews it once on code 100.
     */
    public Interceptor interceptor() {
        if (fixed == null) {
            return TokenRetryInterceptor.of(cache, JstTokens::withToken,
                    e -> isCode(e, JushuitanCodes.INVALID_TOKEN));
        }
        return chain -> {
            try {
                return chain.proceed(withToken(chain.request(), fixed));
            } catch (ApiException e) {
                if (!isCode(e, JushuitanCodes.INVALID_TOKEN)) {
                    throw e;
                }
                throw ApiException.builder().operation(e.operation()).httpStatus(e.httpStatus())
                        .vendorCode(e.vendorCode()).vendorMessage(e.vendorMessage()).requestId(e.requestId().orElse(null))
                        .hint("the fixed access token configured for this client is invalid or expired; configure a "
                                + "TokenStore instead so that the client renews tokens itself").build();
            }
        };
    }

    /** Exchanges an ISV authorisation code and makes the result the current token. */
    public AccessToken authorize(String authorizationCode) {
        if (fixed != null) {
            throw new IllegalStateException("this client uses a fixed access token; configure a TokenStore to authorise");
        }
        return cache.replace(previous -> {
            AccessToken t = remember(auth.exchangeCode(authorizationCode));
            store.save(appKey, t);
            return t;
        });
    }

    /** The cache's fetch: a fresh token from the store, else a renewed one, saved in the store. */
    private AccessToken fetch(AccessToken previous) {
        AccessToken stored = remember(store.load(appKey).orElse(null));
        if (stored != null && stored.isFreshAt(clock.instant()) && !sameToken(stored, previous)) {
            return stored; // another process (or the host's authorisation callback) saved it
        }
        if (previous != null) {
            log.debug("renewing the Jushuitan access token of app key {}", appKey);
        }
        AccessToken renewed = remember(renew(stored != null ? stored : previous));
        store.save(appKey, renewed);
        return renewed;
    }

    private static boolean sameToken(AccessToken a, AccessToken b) {
        return b != null && a.accessToken().reveal().equals(b.accessToken().reveal());
    }

    private AccessToken remember(AccessToken t) {
        if (t != null) {
            redactor.remember(t.accessToken()).remember(t.refreshToken());
        }
        return t;
    }

    private AccessToken renew(AccessToken old) {
        if (old != null && old.refreshToken() != null) {
            try {
                return auth.refresh(old.refreshToken());
            } catch (ApiException e) {
                if (isCode(e, JushuitanCodes.REFRESH_FORBIDDEN) || !selfDeveloped || e.isThrottled()) {
                    throw e;
                }
                log.debug("refreshing the token of app key {} failed ({}); asking for a new one", appKey, e.getMessage());
            }
        }
        if (!selfDeveloped) {
            throw new QiaoException("no usable access token for Jushuitan app key " + appKey + " and an ISV app cannot "
                    + "obtain one by itself: have the merchant authorise the app and save the token in the TokenStore");
        }
        return auth.initToken();
    }

    private static Request withToken(Request request, AccessToken token) {
        RequestBody.Form form = (RequestBody.Form) request.body();
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.put("access_token", token.accessToken().reveal());
        return request.toBuilder().body(RequestBody.form(fields)).build();
    }

    static boolean isCode(ApiException e, int code) {
        return Integer.toString(code).equals(e.vendorCode());
    }
}
