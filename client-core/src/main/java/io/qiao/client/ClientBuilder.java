package io.qiao.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings every vendor client takes, declared once so that they read, default and validate alike on each
 * client's builder: the transport (or the timeouts of the default one), retry, rate limits, call listeners and
 * the clock. A vendor builder extends this and adds its own settings; its {@code build()} passes
 * {@link #settings()} to the client.
 *
 * @param <B> the vendor builder, returned by every setter so that calls chain
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
    private final Supplier<RateLimits> defaultRateLimits;
    private HttpTransport transport;
    private Duration connectTimeout = JdkHttpTransport.DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = JdkHttpTransport.DEFAULT_REQUEST_TIMEOUT;
    private RetryOptions retry = RetryOptions.defaults();
    private RateLimits rateLimits;
    private final List<ApiCallListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private PagingLimits pagingLimits = PagingLimits.defaults();

    /**
     * @param defaultRateLimits the vendor's limits, made when the first client is built without
     *                          {@link #rateLimits(RateLimits)} and then shared by every client this builder builds
     */
    protected ClientBuilder(Supplier<RateLimits> defaultRateLimits) {
        this.defaultRateLimits = Objects.requireNonNull(defaultRateLimits, "defaultRateLimits");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Replaces the default transport ({@code java.net.http}, one connection pool per client) with the caller's
     * (a proxy-aware client, a recording fake); the timeouts set here then do not apply, the transport's own do.
     */
    public B transport(HttpTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return self();
    }

    /** How long the default transport waits for a connection; 10 seconds unless set. */
    public B connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return self();
    }

    /** How long the default transport waits for an answer; 30 seconds unless set. */
    public B requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
        return self();
    }

    /** Retries of failed calls; {@link RetryOptions#defaults()} unless set, {@link RetryOptions#disabled()} for none. */
    public B retry(RetryOptions retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        return self();
    }

    /**
     * The account's limits, shared by every call of the clients built here; pass the same instance to clients
     * of the same vendor account so that together they stay under the vendor's limits.
     */
    public B rateLimits(RateLimits rateLimits) {
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
        return self();
    }

    /** Told of every attempt of every call (metrics, {@link ApiUsage}); may be called several times. */
    public B listener(ApiCallListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /** The clock for request timestamps, token expiry and open time ranges (tests use a controllable one). */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * How far one window of a listing may page before the client decides the vendor pages without end and stops
     * it with a {@link PagingException}; {@link PagingLimits#defaults()} (10,000 pages, 30 minutes) unless set.
     */
    public B pagingLimits(PagingLimits limits) {
        this.pagingLimits = Objects.requireNonNull(limits, "pagingLimits");
        return self();
    }

    /**
     * The settings of one client: the transport (the caller's, or a new default one with the timeouts), and the
     * rate limits (the caller's, or the vendor's default).
     */
    protected final ClientSettings settings() {
        if (rateLimits == null) {
            rateLimits = Objects.requireNonNull(defaultRateLimits.get(), "default rate limits");
        }
        HttpTransport t = transport != null ? transport
                : JdkHttpTransport.builder().connectTimeout(connectTimeout).requestTimeout(requestTimeout).build();
        return new ClientSettings(t, transport == null, retry, rateLimits, listeners, clock, pagingLimits);
    }

    /** Copies the common settings of {@code other} into this builder (for a client's {@code toBuilder()}). */
    protected final void copyCommonSettings(ClientBuilder<?> other) {
        transport = other.transport;
        connectTimeout = other.connectTimeout;
        requestTimeout = other.requestTimeout;
        retry = other.retry;
        rateLimits = other.rateLimits;
        listeners.clear();
        listeners.addAll(other.listeners);
        clock = other.clock;
        pagingLimits = other.pagingLimits;
    }

    /** @throws IllegalArgumentException naming the setting unless {@code d} is positive */
    protected static Duration positive(Duration d, String name) {
        return JdkHttpTransport.positive(d, name);
    }
}
