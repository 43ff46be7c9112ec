package io.qiao.client.internal;

import io.qiao.client.Interceptor;
import io.qiao.client.RateLimits;
import io.qiao.client.Request;
import io.qiao.client.Response;

/** Waits for a permit from every window of the request's endpoint class before letting the call through. */
public final class RateLimitInterceptor implements Interceptor {
    private final RateLimits limits;

    public RateLimitInterceptor(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        limits.acquire(request);
        return chain.proceed(request);
    }
}
