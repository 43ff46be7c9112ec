package io.qiao.kis.internal;

import io.qiao.client.ApiException;
import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the current authentication on a business call ({@code access_token} query parameter, {@code KIS-AuthData},
 * {@code X-GW-Router-Addr}, the Kis-* headers). When KIS refuses the token, the context is invalidated and the call
 * is sent once more with a fresh one: a refused call was not processed, so this is safe even for a create.
 */
public final class KisAuthInterceptor implements Interceptor {
    private final KisAuthenticator authenticator;
    private final String state;
    private final Clock clock;

    public KisAuthInterceptor(KisAuthenticator authenticator, String state, Clock clock) {
        this.authenticator = authenticator;
        this.state = state;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        AuthContext auth = authenticator.current();
        try {
            return chain.proceed(decorate(request, auth));
        } catch (ApiException e) {
            if (!KisEnvelope.isAuthFailure(e)) {
                throw e;
            }
            authenticator.invalidate(auth);
            return chain.proceed(decorate(request, authenticator.current()));
        }
    }

    private Request decorate(Request request, AuthContext auth) {
        Request.Builder b = request.toBuilder()
                .header("KIS-AuthData", auth.authData())
                .header("X-GW-Router-Addr", auth.routerAddress());
        KisHeaders.add(b, state, clock);
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
