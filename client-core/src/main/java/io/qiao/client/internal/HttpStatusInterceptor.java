package io.qiao.client.internal;

import io.qiao.client.ApiException;
import io.qiao.client.Interceptor;
import io.qiao.client.Redactor;
import io.qiao.client.Request;
import io.qiao.client.Response;

/**
 * Turns an HTTP error status that no vendor interceptor has already explained into an {@link ApiException}:
 * 429 is throttling (retryable, honouring Retry-After), 5xx and 408 are retryable, other 4xx are not. It sits
 * outside the vendor interceptors, so a vendor's own error envelope (with its codes) always wins.
 */
public final class HttpStatusInterceptor implements Interceptor {
    private final Redactor redactor;

    public HttpStatusInterceptor(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public Response intercept(Chain chain) {
        Response response = chain.proceed(chain.request());
        int status = response.status();
        if (response.isSuccessful()) {
            return response;
        }
        throw ApiException.builder()
                .operation(chain.request().operation())
                .httpStatus(status)
                .vendorMessage(redactor.excerpt(response.body(), 200))
                .throttled(status == 429)
                .retryable(status >= 500 || status == 408)
                .retryAfter(response.retryAfter().orElse(null))
                .requestId(response.header("X-Request-Id").or(() -> response.header("X-Trace-Id")).orElse(null))
                .build();
    }
}
