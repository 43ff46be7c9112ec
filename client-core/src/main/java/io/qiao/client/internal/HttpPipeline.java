package io.qiao.client.internal;

import io.qiao.client.ApiCallListener;
import io.qiao.client.ApiException;
import io.qiao.client.ClientBuilder;
import io.qiao.client.HttpTransport;
import io.qiao.client.Interceptor;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.QiaoException;
import io.qiao.client.RateLimits;
import io.qiao.client.Redactor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.client.RetryOptions;
import io.qiao.client.spi.TokenRetryInterceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A transport with its interceptors, in the one order that makes them compose correctly:
 *
 * <pre>
 *   retry -> authentication (re-send on refusal) -> rate limit -> token attached -> API usage (per attempt)
 *   -> HTTP status -> vendor interceptors (signing, envelope) -> user interceptors -> logging -> transport
 * </pre>
 *
 * Retry is outermost so every attempt is re-signed (fresh timestamp), re-counted and re-paced. Authentication
 * (a {@link TokenRetryInterceptor}) sits outside the rate limiter, so that a request it sends
 * again after a refused token takes a permit of its own; the token itself is attached just after the permit, so it
 * cannot lapse while the request waits for one; logging is
 * innermost so it shows exactly the bytes that were sent. The user's interceptors
 * ({@link ClientBuilder#addInterceptor}) sit just outside logging, like OkHttp's network interceptors: they see
 * the signed request and the raw response, once per attempt. Vendor interceptors see every response, error
 * statuses included, so their own error envelopes win; whatever error status they let through becomes a
 * generic {@link ApiException} (429 throttled, 5xx retryable). Vendor clients build one pipeline each and
 * share it across threads.
 *
 * <p>Every {@link QiaoException} is {@linkplain QiaoException#redact redacted} with the pipeline's
 * {@link Redactor} just inside the retry step, before retry logs it and before it leaves {@link #execute}: a
 * vendor that echoes the client's secret or a token in an error cannot carry it further.
 */
public final class HttpPipeline {
    private final List<Interceptor> interceptors;
    private final HttpTransport transport;
    private final Redactor redactor;

    private HttpPipeline(List<Interceptor> interceptors, HttpTransport transport, Redactor redactor) {
        this.interceptors = List.copyOf(interceptors);
        this.transport = transport;
        this.redactor = redactor;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Response execute(Request request) {
        try {
            return new RealChain(0, request).proceed(request);
        } catch (QiaoException e) {
            throw e.redact(redactor);
        }
    }

    /** The redactor of this pipeline, which knows the client's secrets and tokens. */
    public Redactor redactor() {
        return redactor;
    }

    private final class RealChain implements Interceptor.Chain {
        private final int index;
        private final Request request;

        RealChain(int index, Request request) {
            this.index = index;
            this.request = request;
        }

        @Override
        public Request request() {
            return request;
        }

        @Override
        public Response proceed(Request next) {
            if (index == interceptors.size()) {
                return transport.send(next);
            }
            return interceptors.get(index).intercept(new RealChain(index + 1, next));
        }
    }

    public static final class Builder {
        private HttpTransport transport;
        private RetryOptions retry = RetryOptions.defaults();
        private RateLimits rateLimits = RateLimits.none();
        private final List<ApiCallListener> listeners = new ArrayList<>();
        private final List<Interceptor> vendorInterceptors = new ArrayList<>();
        private Interceptor authentication;
        private final List<Interceptor> userInterceptors = new ArrayList<>();
        private Redactor redactor = Redactor.defaults();

        private Builder() {
        }

        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder retry(RetryOptions retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** The limiters are shared by every request of the pipeline: pass one RateLimits per vendor account. */
        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        public Builder listener(ApiCallListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder listeners(List<ApiCallListener> listeners) {
            listeners.forEach(this::listener);
            return this;
        }

        /** Adds a vendor interceptor (token, signing, envelope check); they run in the order added. */
        public Builder interceptor(Interceptor interceptor) {
            vendorInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * The interceptor that puts the vendor's token on each request and may send it once more after a refusal
         * ({@link TokenRetryInterceptor}). It runs outside the rate limiter, unlike the
         * {@linkplain #interceptor vendor interceptors}: everything it sends, the second sending included, waits
         * for its own permit, is reported to the listeners and passes the vendor interceptors again. A
         * {@code TokenRetryInterceptor}'s {@linkplain io.qiao.client.spi.TokenRetryInterceptor#attacher() attacher}
         * is placed just inside the rate limiter, so the token is read when the request has its permit.
         */
        public Builder authentication(Interceptor authentication) {
            this.authentication = Objects.requireNonNull(authentication, "authentication");
            return this;
        }

        /**
         * The caller's interceptors, run after every vendor interceptor (on the signed request and the raw
         * response), in the order given.
         */
        public Builder userInterceptors(List<Interceptor> interceptors) {
            interceptors.forEach(i -> userInterceptors.add(Objects.requireNonNull(i, "interceptor")));
            return this;
        }

        /**
         * Masks logs and exceptions; pass the client's own redactor, which {@linkplain Redactor#remember
         * remembers} its secrets and tokens.
         */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        public HttpPipeline build() {
            List<Interceptor> chain = new ArrayList<>();
            chain.add(new RetryInterceptor(retry));
            Redactor r = redactor;
            chain.add(c -> {
                try {
                    return c.proceed(c.request());
                } catch (QiaoException e) {
                    throw e.redact(r);
                }
            });
            if (authentication != null) {
                chain.add(authentication);
            }
            chain.add(new RateLimitInterceptor(rateLimits));
            if (authentication instanceof TokenRetryInterceptor<?> tokens) {
                tokens.attacher().ifPresent(chain::add); // after the permit: the token cannot lapse while it waits
            }
            if (!listeners.isEmpty()) {
                // After the rate limiter: an attempt's latency is the vendor's, not the wait for a permit.
                chain.add(new ApiUsageInterceptor(listeners));
            }
            chain.add(new HttpStatusInterceptor(redactor));
            chain.addAll(vendorInterceptors);
            chain.addAll(userInterceptors);
            chain.add(new LoggingInterceptor(redactor));
            return new HttpPipeline(chain, transport != null ? transport : JdkHttpTransport.create(), redactor);
        }
    }
}
