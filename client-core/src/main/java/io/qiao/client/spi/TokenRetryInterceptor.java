package io.qiao.client.spi;

import io.qiao.client.ApiException;
import io.qiao.client.internal.HttpPipeline;
import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the current token of a {@link TokenCache} on each request and, when the vendor refuses the token (its
 * auth-error predicate), invalidates that token and sends the request once more with a fresh one. A refused call
 * was not processed, so sending it again is safe even for a write; a second refusal is thrown as it came.
 *
 * <p><b>Where it sits.</b> Install it with {@link HttpPipeline.Builder#authentication(Interceptor)}, which places it
 * outside the rate limiter:
 *
 * <pre>
 *   retry -> redaction -> <b>token</b> -> rate limit -> API usage -> HTTP status -> vendor (signing, envelope)
 *   -> logging -> transport
 * </pre>
 *
 * So the request sent again passes through the whole chain below like a first attempt: it waits for its own
 * rate-limit permit from the same limiters as every other call (a refresh never lets a burst past the vendor's
 * limit), it is reported to the listeners, signed afresh and logged. And the token is obtained before the request
 * takes its permit: a token request never runs while a business permit is held. Retry stays outermost, so each
 * retry attempt starts here again with the then-current token. A token that lapses while its request waits for a
 * permit (longer than the cache's refresh skew) is refused by the vendor and replaced by the same single re-send.
 *
 * <p>The vendor's auth errors must reach this interceptor as {@link ApiException}s: its envelope or error
 * interceptor, which runs inside, throws them.
 *
 * @param <T> the token type of the cache
 */
public final class TokenRetryInterceptor<T> implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(TokenRetryInterceptor.class);

    private final TokenCache<T> tokens;
    private final BiFunction<Request, ? super T, Request> attach;
    private final Predicate<? super ApiException> isAuthFailure;

    private TokenRetryInterceptor(TokenCache<T> tokens, BiFunction<Request, ? super T, Request> attach,
                                  Predicate<? super ApiException> isAuthFailure) {
        this.tokens = tokens;
        this.attach = attach;
        this.isAuthFailure = isAuthFailure;
    }

    /**
     * An interceptor over {@code tokens}.
     *
     * @param tokens        the client's token cache
     * @param attach        returns the request carrying the token (a header, a form field, a query parameter)
     * @param isAuthFailure whether an error means the vendor refused the token, so that a fresh one would cure it
     * @param <T>           the token type
     * @return the interceptor, to pass to {@link HttpPipeline.Builder#authentication(Interceptor)}
     */
    public static <T> TokenRetryInterceptor<T> of(TokenCache<T> tokens, BiFunction<Request, ? super T, Request> attach,
                                                  Predicate<? super ApiException> isAuthFailure) {
        return new TokenRetryInterceptor<>(Objects.requireNonNull(tokens, "tokens"),
                Objects.requireNonNull(attach, "attach"), Objects.requireNonNull(isAuthFailure, "isAuthFailure"));
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        T token = tokens.get();
        try {
            return chain.proceed(attach.apply(request, token));
        } catch (ApiException e) {
            if (!isAuthFailure.test(e)) {
                throw e;
            }
            // Only this token: when several threads meet the same refusal, one invalidates and all share one fetch.
            tokens.invalidate(token);
            log.debug("{}: the vendor refused the {}; sending once more with a fresh one", request.operation(), tokens);
            T fresh = tokens.get(); // a failure to fetch is thrown as the fetch threw it
            // Through the rest of the chain again: rate limit (a new permit), listeners, signing, envelope.
            return chain.proceed(attach.apply(request, fresh));
        }
    }

    @Override
    public String toString() {
        return "TokenRetryInterceptor{" + tokens + "}";
    }
}
