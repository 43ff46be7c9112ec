package io.qiao.archive.internal;

import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.Response;

/**
 * Adds {@code Authorization: Bearer ...}. A 401 means the token died early (revoked, server restarted, clocks
 * apart): the token is refreshed once and the request repeated once; a second 401 is passed on as the error.
 */
public final class TokenInterceptor implements Interceptor {
    private final TokenManager tokens;

    public TokenInterceptor(TokenManager tokens) {
        this.tokens = tokens;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        String authorization = tokens.authorization();
        Response response = chain.proceed(request.toBuilder().header("Authorization", authorization).build());
        if (response.status() != 401) {
            return response;
        }
        tokens.invalidate(authorization);
        return chain.proceed(request.toBuilder().header("Authorization", tokens.authorization()).build());
    }
}
