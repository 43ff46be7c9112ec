package io.qiao.jushuitan.internal;

import io.qiao.client.ApiException;
import io.qiao.client.QiaoException;
import io.qiao.jushuitan.AccessToken;
import io.qiao.jushuitan.JushuitanCodes;
import io.qiao.jushuitan.TokenStore;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import io.qiao.client.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out a usable access token, renewing it before {@code expires_in} runs out. Exactly one renewal is in
 * flight per client however many threads need a token: the first takes the lock and asks the vendor, the
 * others wait on the lock and then find the fresh token.
 *
 * <p>Renewal order: a refresh token if we have one; for a self-developed app, {@code getInitToken} when
 * there is no token or the refresh failed. An ISV app cannot get a token by itself: the host application
 * stores one from the merchant's authorisation, and code 150 means the merchant must authorise again.
 */
public final class TokenManager {
    private static final Logger log = LoggerFactory.getLogger(TokenManager.class);

    private final String appKey;
    private final AccessToken fixed;
    private final TokenStore store;
    private final AuthClient auth;
    private final boolean selfDeveloped;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile AccessToken cached;
    /** The access token the vendor last refused with code 100; never handed out again. */
    private volatile String rejected;
    private volatile Redactor redactor = Redactor.defaults();

    private TokenManager(String appKey, AccessToken fixed, TokenStore store, AuthClient auth, boolean selfDeveloped,
                         Clock clock) {
        this.appKey = appKey;
        this.fixed = fixed;
        this.store = store;
        this.auth = auth;
        this.selfDeveloped = selfDeveloped;
        this.clock = clock;
    }

    public static TokenManager fixed(String appKey, AccessToken token) {
        return new TokenManager(appKey, token, null, null, false, Clock.systemUTC());
    }

    public static TokenManager managed(String appKey, TokenStore store, AuthClient auth, boolean selfDeveloped,
                                       Clock clock) {
        return new TokenManager(appKey, null, store, auth, selfDeveloped, clock);
    }

    /**
     * Tells {@code redactor} of every token this manager holds from now on (and of the fixed one), so that the
     * client masks each of them wherever a vendor echoes it, even after it was replaced.
     *
     * @return this manager
     */
    public TokenManager remembering(Redactor redactor) {
        this.redactor = redactor;
        if (fixed != null) {
            remember(fixed);
        }
        return this;
    }

    private AccessToken remember(AccessToken t) {
        if (t != null) {
            redactor.remember(t.accessToken()).remember(t.refreshToken());
        }
        return t;
    }

    public boolean isFixed() {
        return fixed != null;
    }

    /** A token to send now. */
    public AccessToken current() {
        if (fixed != null) {
            return fixed;
        }
        AccessToken t = cached;
        if (usable(t)) {
            return t;
        }
        lock.lock();
        try {
            t = cached;
            if (usable(t)) {
                return t;
            }
            AccessToken stored = remember(store.load(appKey).orElse(null));
            if (usable(stored)) {
                cached = stored;
                return stored;
            }
            AccessToken renewed = remember(renew(stored != null ? stored : t));
            store.save(appKey, renewed);
            cached = renewed;
            return renewed;
        } finally {
            lock.unlock();
        }
    }

    /** Exchanges an ISV authorisation code and makes the result the current token. */
    public AccessToken authorize(String authorizationCode) {
        if (fixed != null) {
            throw new IllegalStateException("this client uses a fixed access token; configure a TokenStore to authorise");
        }
        lock.lock();
        try {
            AccessToken t = remember(auth.exchangeCode(authorizationCode));
            store.save(appKey, t);
            cached = t;
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** The vendor refused {@code used} (code 100): the next {@link #current()} renews unless it already did. */
    public void rejected(AccessToken used) {
        rejected = used.accessToken().reveal();
        log.debug("Jushuitan rejected the access token of app key {} (code 100); renewing", appKey);
    }

    private boolean usable(AccessToken t) {
        return t != null && t.isFreshAt(clock.instant()) && !t.accessToken().reveal().equals(rejected);
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

    static boolean isCode(ApiException e, int code) {
        return Integer.toString(code).equals(e.vendorCode());
    }
}
