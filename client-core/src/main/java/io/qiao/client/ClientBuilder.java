package io.qiao.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings every vendor client takes, declared once so that they read, default and validate alike on each
 * client's builder: the endpoint, the transport (or the timeouts of the default one), the JSON mapper, user
 * interceptors, retry, rate limits, call listeners and the clock. A vendor builder extends this, adds its
 * {@code credentials(...)} and its own settings; its {@code build()} passes {@link #settings()} to the client.
 *
 * <p>Every {@link Duration} setting is checked for an upper bound as well as its sign: a timeout of days is a
 * unit mistake, refused by the setter with a message naming it.
 *
 * @param <B> the vendor builder, returned by every setter so that calls chain
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
    private final Supplier<RateLimits> defaultRateLimits;
    private URI endpoint;
    private HttpTransport transport;
    // Set on a builder derived from a built client (newBuilder()): that client's default transport, joined rather
    // than a new one created, so that derived clients share one connection pool.
    private TransportShare derivedShare;
    private Duration connectTimeout = JdkHttpTransport.DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = JdkHttpTransport.DEFAULT_REQUEST_TIMEOUT;
    private ObjectMapper objectMapper;
    private final List<Interceptor> interceptors = new ArrayList<>();
    private RetryOptions retry = RetryOptions.defaults();
    private RateLimits rateLimits;
    private final List<ApiCallListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private PagingLimits pagingLimits = PagingLimits.defaults();

    /**
     * A builder without a default endpoint: {@link #endpoint(URI)} must be called.
     *
     * @param defaultRateLimits the vendor's limits, made when the first client is built without
     *                          {@link #rateLimits(RateLimits)} and then shared by every client this builder builds
     */
    protected ClientBuilder(Supplier<RateLimits> defaultRateLimits) {
        this(null, defaultRateLimits);
    }

    /**
     * @param defaultEndpoint   the vendor's public address, used unless {@link #endpoint(URI)} is called; null if
     *                          there is none (each customer runs its own server)
     * @param defaultRateLimits the vendor's limits, made when the first client is built without
     *                          {@link #rateLimits(RateLimits)} and then shared by every client this builder builds
     */
    protected ClientBuilder(URI defaultEndpoint, Supplier<RateLimits> defaultRateLimits) {
        this.endpoint = defaultEndpoint;
        this.defaultRateLimits = Objects.requireNonNull(defaultRateLimits, "defaultRateLimits");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The vendor's address: an http(s) URL with a host, e.g. a simulator's {@code endpoint()} in tests. Each client
     * documents its default (or that it has none) and how it normalises a trailing {@code /}.
     *
     * @throws IllegalArgumentException unless an http(s) URL with a host
     */
    public B endpoint(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' must be an http(s) URL with a host");
        }
        this.endpoint = normalizeEndpoint(endpoint);
        return self();
    }

    /**
     * As {@link #endpoint(URI)}, from text; surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException unless an http(s) URL with a host
     */
    public B endpoint(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        URI uri;
        try {
            uri = URI.create(endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' is not a URL: " + e.getMessage(), e);
        }
        // Outside the try: a URL that parses but is not http(s) keeps its own message, not "is not a URL: ..."
        return endpoint(uri);
    }

    /**
     * The vendor's form of a valid endpoint (with or without a trailing {@code /}, as its paths are resolved);
     * the endpoint unchanged unless overridden.
     */
    protected URI normalizeEndpoint(URI endpoint) {
        return endpoint;
    }

    /** The endpoint set (or the vendor's default); null when there is none yet, which {@code build()} reports. */
    protected final URI configuredEndpoint() {
        return endpoint;
    }

    /**
     * Replaces the default transport ({@code java.net.http}, one connection pool per client and the clients derived
     * from it) with the caller's (a proxy-aware client, a recording fake); the timeouts set here then do not apply,
     * the transport's own do. The clients never close a transport passed in: it is the caller's.
     */
    public B transport(HttpTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return self();
    }

    /**
     * How long the default transport waits for a connection; 10 seconds unless set, at most
     * {@link JdkHttpTransport#MAX_CONNECT_TIMEOUT}. A client derived with {@code newBuilder()} that changes it gets a
     * connection pool of its own, because the JDK fixes the connect timeout when the pool is made.
     */
    public B connectTimeout(Duration timeout) {
        this.connectTimeout = Durations.positive(timeout, "connectTimeout", JdkHttpTransport.MAX_CONNECT_TIMEOUT);
        return self();
    }

    /**
     * How long the default transport waits for an answer; 30 seconds unless set, at most
     * {@link JdkHttpTransport#MAX_REQUEST_TIMEOUT}. Applied per request, so clients derived with
     * {@code newBuilder()} may differ in it and still share one connection pool.
     */
    public B requestTimeout(Duration timeout) {
        this.requestTimeout = Durations.positive(timeout, "requestTimeout", JdkHttpTransport.MAX_REQUEST_TIMEOUT);
        return self();
    }

    /**
     * The caller's own mapper (modules, features) for reading the vendor's answers into results and writing request
     * bodies. The client works on a copy, to which it adds what Qiao's models and the vendor's wire format need
     * (java.time support, unknown properties ignored, decimals as BigDecimal, the vendor's property naming and
     * date formats); the mapper passed in is not changed. {@link Json#newMapper()} unless set.
     */
    public B objectMapper(ObjectMapper objectMapper) {
        this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
        return self();
    }

    /**
     * Adds an interceptor that sees every HTTP exchange of the client exactly as it goes over the wire, like an
     * OkHttp network interceptor: the request after the client has added its token and signature, and the raw
     * response (any status, before the client reads the vendor's envelope or error codes). It runs once per actual
     * HTTP attempt: inside retry and rate limiting, so each retry, and each re-send after a token refresh, passes
     * through it again, and token requests pass through it too. Interceptors run in the order added, the first
     * outermost; only the debug log line is closer to the transport. An interceptor may add headers, record, or
     * replace the response; it must call {@link Interceptor.Chain#proceed} for the request to be sent. What it
     * throws fails the attempt as is (an {@link ApiException} or {@link TransportException} may be retried).
     * Remember that what it sees carries the signature and token: never log it unmasked.
     */
    public B addInterceptor(Interceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
        return self();
    }

    /** Retries of failed calls; {@link RetryOptions#defaults()} unless set, {@link RetryOptions#disabled()} for none. */
    public B retry(RetryOptions retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        return self();
    }

    /**
     * The account's limits, shared by every call of the clients built here and derived from them with
     * {@code newBuilder()}; pass the same instance to other clients of the same vendor account so that together
     * they stay under the vendor's limits.
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
     * The settings of one client: the transport (the caller's; or, for a builder from a client's
     * {@code newBuilder()}, that client's default transport while any client still uses it; or a new default
     * one), and the rate limits (the caller's, or the vendor's default).
     */
    protected final ClientSettings settings() {
        if (rateLimits == null) {
            rateLimits = Objects.requireNonNull(defaultRateLimits.get(), "default rate limits");
        }
        TransportShare share;
        if (transport != null) {
            share = TransportShare.callers(transport);
        } else if (derivedShare != null && derivedShare.joinIfOpen(connectTimeout)) {
            share = derivedShare;
        } else {
            share = TransportShare.created(connectTimeout, requestTimeout);
        }
        return new ClientSettings(share, requestTimeout, Json.newMapper(objectMapper), interceptors, retry, rateLimits,
                listeners, clock, pagingLimits);
    }

    /** Copies the common settings of {@code other} into this builder (for a client's {@code newBuilder()}). */
    protected final void copyCommonSettings(ClientBuilder<?> other) {
        endpoint = other.endpoint;
        transport = other.transport;
        derivedShare = other.derivedShare;
        connectTimeout = other.connectTimeout;
        requestTimeout = other.requestTimeout;
        objectMapper = other.objectMapper;
        interceptors.clear();
        interceptors.addAll(other.interceptors);
        retry = other.retry;
        rateLimits = other.rateLimits;
        listeners.clear();
        listeners.addAll(other.listeners);
        clock = other.clock;
        pagingLimits = other.pagingLimits;
    }

    /**
     * Makes the clients this builder builds share {@code built}'s resources: its rate limiters (the same vendor
     * account's budget) and its default transport (one connection pool, closed when the last client using it
     * closes). A transport the caller passed in is shared as it is, and never closed. Call after
     * {@link #copyCommonSettings} in a client's {@code newBuilder()}.
     */
    protected final void shareResourcesOf(ClientSettings built) {
        Objects.requireNonNull(built, "built");
        rateLimits = built.rateLimits();
        TransportShare share = built.transportShare();
        if (share.created()) {
            derivedShare = share;
            transport = null;
        } else {
            transport = share.transport();
        }
    }

    /** @throws IllegalArgumentException naming the setting unless {@code d} is positive and at most {@code max} */
    protected static Duration positive(Duration d, String name, Duration max) {
        return Durations.positive(d, name, max);
    }

    /** @throws IllegalArgumentException naming the setting unless {@code d} is not negative and at most {@code max} */
    protected static Duration nonNegative(Duration d, String name, Duration max) {
        return Durations.nonNegative(d, name, max);
    }

    /**
     * @throws IllegalArgumentException naming the setting unless {@code d} is positive
     * @deprecated use {@link #positive(Duration, String, Duration)}, which also refuses a duration too long to mean
     *     anything
     */
    @Deprecated(since = "0.2", forRemoval = true)
    protected static Duration positive(Duration d, String name) {
        return Durations.positive(d, name, Duration.ofSeconds(Long.MAX_VALUE));
    }
}
