package io.qiao.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.internal.HttpPipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The common settings of one vendor client, resolved by its {@link ClientBuilder}: what every pipeline of the
 * client is built from.
 *
 * <p>{@link #close()} ends the client: its pipelines refuse further calls, and the client lets go of its
 * transport. A default transport (a {@link JdkHttpTransport} the builder created) is closed when the last client
 * sharing it (the client and those derived with {@code newBuilder()}) lets go; a transport the caller passed in
 * is never closed, because the caller may share it with other clients.
 */
public final class ClientSettings implements AutoCloseable {
    private final TransportShare transport;
    private final Duration requestTimeout;
    private final ObjectMapper objectMapper;
    private final List<Interceptor> interceptors;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RetryOptions retry;
    private final RateLimits rateLimits;
    private final List<ApiCallListener> listeners;
    private final Clock clock;
    private final PagingLimits pagingLimits;

    ClientSettings(TransportShare transport, Duration requestTimeout, ObjectMapper objectMapper,
                   List<Interceptor> interceptors, RetryOptions retry, RateLimits rateLimits,
                   List<ApiCallListener> listeners, Clock clock, PagingLimits pagingLimits) {
        this.transport = transport;
        this.requestTimeout = requestTimeout;
        this.objectMapper = objectMapper;
        this.interceptors = List.copyOf(interceptors);
        this.retry = retry;
        this.rateLimits = rateLimits;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.pagingLimits = pagingLimits;
    }

    /** The transport calls go out on: the caller's, or the default one this client shares. */
    public HttpTransport transport() {
        return transport.transport();
    }

    TransportShare transportShare() {
        return transport;
    }

    /**
     * This client's own mapper: a copy of the caller's {@link ClientBuilder#objectMapper} with Qiao's settings on
     * top (see {@link Json#newMapper(ObjectMapper)}), or a new default one; the vendor adds its conventions to it.
     */
    public ObjectMapper objectMapper() {
        return objectMapper;
    }

    /** The caller's interceptors, in the order added; every pipeline runs them next to the transport. */
    public List<Interceptor> interceptors() {
        return interceptors;
    }

    public RetryOptions retry() {
        return retry;
    }

    public RateLimits rateLimits() {
        return rateLimits;
    }

    public List<ApiCallListener> listeners() {
        return listeners;
    }

    public Clock clock() {
        return clock;
    }

    public PagingLimits pagingLimits() {
        return pagingLimits;
    }

    /** The guard for this client's listings: its paging limits and clock, with the vendor's name for messages. */
    public PagingGuard pagingGuard(String vendor) {
        return PagingGuard.of(vendor, pagingLimits, clock);
    }

    /**
     * A pipeline on this client's transport, retry, rate limits, listeners and the caller's interceptors, for the
     * vendor to add its interceptors to. A client's pipelines (token calls, business calls) share the transport and
     * the limiters.
     */
    public HttpPipeline.Builder pipeline() {
        return HttpPipeline.builder().transport(this::send).retry(retry).rateLimits(rateLimits).listeners(listeners)
                .userInterceptors(interceptors);
    }

    private Response send(Request request) {
        if (closed.get()) {
            throw new IllegalStateException("this client is closed; build a new one to call " + request.operation());
        }
        if (transport.created() && request.timeout() == null) {
            // The default transport may be shared with clients derived with other request timeouts: each client's
            // own applies to its requests. A caller's transport keeps its own timeouts, as documented.
            request = request.toBuilder().timeout(requestTimeout).build();
        }
        return transport.transport().send(request);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Refuses further calls of this client's pipelines and lets go of the transport: a default one is closed once
     * no client sharing it is left open; a transport the caller passed in stays open. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.leave();
        }
    }
}
