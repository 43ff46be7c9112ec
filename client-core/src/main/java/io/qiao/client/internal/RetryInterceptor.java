package io.qiao.client.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.client.RetryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a failed call according to {@link RetryOptions}, as a Failsafe {@link RetryPolicy}. Each attempt
 * goes down the rest of the chain again, so it is re-signed, re-paced and re-counted.
 */
public final class RetryInterceptor implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);

    private final RetryOptions options;
    // What may be retried depends only on whether the request is idempotent, so the two executors are built
    // once here rather than on every call.
    private final FailsafeExecutor<Response> idempotent;
    private final FailsafeExecutor<Response> nonIdempotent;

    public RetryInterceptor(RetryOptions options) {
        this.options = options;
        this.idempotent = Failsafe.with(policy(true));
        this.nonIdempotent = Failsafe.with(policy(false));
    }

    private RetryPolicy<Response> policy(boolean idempotentRequest) {
        return RetryPolicy.<Response>builder()
                .handleIf((response, failure) -> failure != null && options.isRetryable(idempotentRequest, failure))
                .withMaxAttempts(options.maxAttempts())
                .withDelayFn(ctx -> options.delayBefore(ctx.getAttemptCount() + 1, ctx.getLastException()))
                .onRetry(e -> log.debug("attempt {} failed ({}), retrying", e.getAttemptCount(),
                        e.getLastException() == null ? "?" : e.getLastException().getMessage()))
                .build();
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        if (options.maxAttempts() <= 1) {
            return chain.proceed(request);
        }
        return (request.idempotent() ? idempotent : nonIdempotent).get(ctx -> chain.proceed(
                request.toBuilder().attempt(ctx.getAttemptCount() + 1).build()));
    }
}
