package io.qiao.jushuitan.internal;

import io.qiao.client.ApiException;
import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.internal.RateLimitInterceptor;
import io.qiao.jushuitan.AccessToken;
import io.qiao.jushuitan.JushuitanCodes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts the access token into the form, and on code 100 (token invalid or expired before we thought) renews
 * it and sends the request once more. A code-100 answer means the vendor did not process the call, so the
 * repeat is safe even for a write. The repeat waits for its own rate-limit permit like any request.
 */
public final class TokenInterceptor implements Interceptor {
    private final TokenManager tokens;
    private final RateLimitInterceptor pacer;

    public TokenInterceptor(TokenManager tokens, RateLimitInterceptor pacer) {
        this.tokens = tokens;
        this.pacer = pacer;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        AccessToken token = tokens.current();
        try {
            return chain.proceed(withToken(request, token));
        } catch (ApiException e) {
            if (!TokenManager.isCode(e, JushuitanCodes.INVALID_TOKEN)) {
                throw e;
            }
            if (tokens.isFixed()) {
                throw ApiException.builder().operation(e.operation()).httpStatus(e.httpStatus())
                        .vendorCode(e.vendorCode()).vendorMessage(e.vendorMessage()).requestId(e.requestId().orElse(null))
                        .hint("the fixed access token configured for this client is invalid or expired; configure a "
                                + "TokenStore instead so that the client renews tokens itself").build();
            }
            tokens.rejected(token);
            Request again = withToken(request, tokens.current());
            return pacer.intercept(new Chain() {
                @Override
                public Request request() {
                    return again;
                }

                @Override
                public Response proceed(Request next) {
                    return chain.proceed(next);
                }
            });
        }
    }

    private static Request withToken(Request request, AccessToken token) {
        RequestBody.Form form = (RequestBody.Form) request.body();
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.put("access_token", token.accessToken().reveal());
        return request.toBuilder().body(RequestBody.form(fields)).build();
    }
}
