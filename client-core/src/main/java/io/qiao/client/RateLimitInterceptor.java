package io.qiao.client;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.List;

/** Waits for a permit from every window of the request's endpoint class before letting the call through. */
public final class RateLimitInterceptor implements Interceptor {
    private final RateLimits limits;

    public RateLimitInterceptor(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        List<RateLimiter<Object>> limiters = limits.limitersFor(request.endpointClass());
        for (RateLimiter<Object> limiter : limiters) {
            acquire(limiter, request);
        }
        return chain.proceed(request);
    }

    private void acquire(RateLimiter<Object> limiter, Request request) {
        try {
            Duration maxWait = limits.maxWait();
            if (!limiter.tryAcquirePermit(maxWait)) {
                throw new QiaoException(request.operation() + ": no rate-limit permit within " + maxWait
                        + " (limits " + limits.limitsFor(request.endpointClass()) + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(request.operation(), "interrupted while waiting for a rate-limit permit", false, e);
        }
    }
}
