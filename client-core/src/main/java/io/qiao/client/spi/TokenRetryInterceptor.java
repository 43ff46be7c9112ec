package io.qiao.client.spi;

import io.qiao.client.ApiException;
import io.qiao.client.internal.HttpPipeline;
import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import java.util.Objects;
import java.util.Optional;
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
 * outside the rate limiter and its {@link #attacher()} just inside:
 *
 * <pre>
 *   retry -> redaction -> <b>re-send on refusal</b> (attach token) -> rate limit -> (<b>or attach token here</b>)
 *   -> API usage -> HTTP status -> vendor (signing, envelope) -> logging -> transport
 * </pre>
 *
 * So the request sent again passes through the whole chain below like a first attempt: it waits for its own
 * rate-limit permit from the same limiters as every other call (a refresh never lets a burst past the vendor's
 * limit), it is reported to the listeners, signed afresh and logged. The token is read before the permit by default
 * (a token request paced by the same limiter then never leaves back to back with the call that waited for it), or
 * after it with {@link #attachingAfterPermit()} (it then cannot lapse while its request waits). Retry stays
 * outermost, so each retry attempt starts here again with the then-current token.
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
    /** The pipeline runs a call's interceptors on the caller's thread: the attacher tells the token it sent here. */
    private final ThreadLocal<Sent<T>> sent = new ThreadLocal<>();
    private final boolean afterPermit;

    private TokenRetryInterceptor(TokenCache<T> tokens, BiFunction<Request, ? super T, Request> attach,
                                  Predicate<? super ApiException> isAuthFailure, boolean afterPermit) {
        this.tokens = tokens;
        this.attach = attach;
        this.isAuthFailure = isAuthFailure;
        this.afterPermit = afterPermit;
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
                Objects.requireNonNull(attach, "attach"), Objects.requireNonNull(isAuthFailure, "isAuthFailure"),
                false);
    }

    /**
     * This interceptor, but reading the token only once the request has its rate-limit permit (see
     * {@link #attacher()}): for a vendor that may revoke a token while a call waits for its permit (KIS sessions and
     * app-tokens). The price: a token request then leaves right before the call it was made for, a burst of two. By
     * default the token is read before the permit, so that a token request paced by the same limiter (聚水潭, whose
     * limit is counted strictly per second) never leaves back to back with the business call that waited for it.
     *
     * @return a copy that attaches after the permit
     */
    public TokenRetryInterceptor<T> attachingAfterPermit() {
        return new TokenRetryInterceptor<>(tokens, attach, isAuthFailure, true);
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        Sent<T> sent = new Sent<>();
        Sent<T> enclosing = this.sent.get(); // a token fetch may run a call through this chain on this thread
        this.sent.set(sent);
        try {
            try {
                return chain.proceed(afterPermit ? request : attached(request, sent));
            } catch (ApiException e) {
                if (!isAuthFailure.test(e) || sent.token == null) {
                    throw e;
                }
                // Only the token that was sent: when several threads meet the same refusal, one invalidates and all
                // share one fetch.
                tokens.invalidate(sent.token);
                log.debug("{}: the vendor refused the {}; sending once more with a fresh one", request.operation(),
                        tokens);
                // Through the rest of the chain again: rate limit (a new permit), a fresh token attached after it,
                // listeners, signing, envelope. A second refusal is thrown as it came.
                return chain.proceed(afterPermit ? request : attached(request, sent));
            }
        } finally {
            if (enclosing == null) {
                this.sent.remove();
            } else {
                this.sent.set(enclosing);
            }
        }
    }

    /**
     * The part installed by {@link HttpPipeline} just inside the rate limiter. With
     * {@link #attachingAfterPermit()} it puts the token on the request there, read from the cache when the request
     * has its permit, so that the token cannot lapse while the request waits for one (a vendor that revokes tokens
     * often refused even the re-send's fresh token when it was read before the wait: ChaosTokenExpiryIT, KIS);
     * otherwise there is none, and nothing is added to the chain.
     *
     * @return the interceptor that attaches the current token, or empty when the token is attached before the permit
     */
    public Optional<Interceptor> attacher() {
        if (!afterPermit) {
            return Optional.empty();
        }
        return Optional.of(chain -> chain.proceed(attached(chain.request(), sent.get())));
    }

    private Request attached(Request request, Sent<T> to) {
        T token = tokens.get(); // a failure to fetch is thrown as the fetch threw it
        if (to != null) {
            to.token = token;
        }
        return attach.apply(request, token);
    }

    /** The token a call was sent with, handed from the attacher back to this interceptor on the same thread. */
    private static final class Sent<T> {
        T token;
    }

    @Override
    public String toString() {
        return "TokenRetryInterceptor{" + tokens + "}";
    }
}
