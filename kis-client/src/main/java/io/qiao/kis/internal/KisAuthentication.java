package io.qiao.kis.internal;

import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.spi.TokenCache;
import io.qiao.client.spi.TokenRetryInterceptor;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a business call carries its authentication ({@code access_token} query parameter, {@code KIS-AuthData},
 * {@code X-GW-Router-Addr}) and the Kis-* headers. When KIS refuses the token, the shared
 * {@link TokenRetryInterceptor} invalidates the context and sends the call once more with a fresh one, under a
 * rate-limit permit of its own: a refused call was not processed, so this is safe even for a create.
 */
public final class KisAuthentication {
    private KisAuthentication() {
    }

    /** Puts the current context of {@code contexts} on each call and renews it once on an auth failure. */
    public static TokenRetryInterceptor<AuthContext> interceptor(TokenCache<AuthContext> contexts) {
        // After the permit: a context read before a long permit wait could be revoked before the call left, even on
        // the re-send (ChaosTokenExpiryIT failed so); the token request then leaves right before its call.
        return TokenRetryInterceptor.of(contexts, KisAuthentication::attach, KisEnvelope::isAuthFailure)
                .attachingAfterPermit();
    }

    /**
     * Adds the Kis-* headers (a fresh trace id and timestamp) as a vendor interceptor, inside the rate limiter: the
     * timestamp is taken when the call has its permit, not before it waited for one.
     */
    public static Interceptor kisHeaders(String state, Clock clock) {
        return chain -> chain.proceed(KisHeaders.add(chain.request().toBuilder(), state, clock).build());
    }

    static Request attach(Request request, AuthContext auth) {
        Request.Builder b = request.toBuilder()
                .header("KIS-AuthData", auth.authData())
                .header("X-GW-Router-Addr", auth.routerAddress());
        if (auth.accessToken() != null) {
            b.uri(withQuery(request.uri(), "access_token", auth.accessToken()));
        }
        return b.build();
    }

    private static URI withQuery(URI uri, String name, String value) {
        Map<String, String> q = new TreeMap<>(GatewaySigner.decodeQuery(uri.getRawQuery()));
        q.put(name, value);
        String s = uri.toString();
        int cut = s.indexOf('?');
        return URI.create((cut < 0 ? s : s.substring(0, cut)) + "?" + GatewaySigner.encodeQuery(q));
    }
}
