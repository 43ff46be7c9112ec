package io.qiao.client;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a failed call according to {@link RetryOptions}, as a Failsafe {@link RetryPolicy}. Each attempt
 * goes down the rest of the chain again, so it is re-signed, re-paced and re-counted.
 */
public final class RetryInterceptor implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);

    private final RetryOptions options;

    public RetryInterceptor(RetryOptions options) {
        this.options = options;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        if (options.maxAttempts() <= 1) {
            return chain.proceed(request);
        }
        RetryPolicy<Response> policy = RetryPolicy.<Response>builder()
                .handleIf((response, failure) -> failure != null && options.isRetryable(request, failure))
                .withMaxAttempts(options.maxAttempts())
                .withDelayFn(ctx -> options.delayBefore(ctx.getAttemptCount() + 1, ctx.getLastException()))
                .onRetry(e -> log.debug("{}: attempt {} failed ({}), retrying", request.operation(),
                        e.getAttemptCount(), e.getLastException() == null ? "?" : e.getLastException().getMessage()))
                .build();
        return Failsafe.with(policy).get(ctx -> chain.proceed(
                request.toBuilder().attempt(ctx.getAttemptCount() + 1).build()));
    }
}
