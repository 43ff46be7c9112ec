package io.qiao.client;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The common settings of one vendor client, resolved by its {@link ClientBuilder}: what every pipeline of the
 * client is built from.
 *
 * <p>{@link #close()} ends the client: its pipelines refuse further calls, and a transport these settings created
 * (the default {@link JdkHttpTransport}) is closed; a transport the caller passed in is left open, because the
 * caller may share it with other clients.
 */
public final class ClientSettings implements AutoCloseable {
    private final HttpTransport transport;
    private final boolean ownsTransport;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RetryOptions retry;
    private final RateLimits rateLimits;
    private final List<ApiCallListener> listeners;
    private final Clock clock;
    private final PagingLimits pagingLimits;

    ClientSettings(HttpTransport transport, boolean ownsTransport, RetryOptions retry, RateLimits rateLimits,
                   List<ApiCallListener> listeners, Clock clock, PagingLimits pagingLimits) {
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.retry = retry;
        this.rateLimits = rateLimits;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.pagingLimits = pagingLimits;
    }

    public HttpTransport transport() {
        return transport;
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
     * A pipeline on this client's transport, retry, rate limits and listeners, for the vendor to add its
     * interceptors to. A client's pipelines (token calls, business calls) share the transport and the limiters.
     */
    public HttpPipeline.Builder pipeline() {
        return HttpPipeline.builder().transport(this::send).retry(retry).rateLimits(rateLimits).listeners(listeners);
    }

    private Response send(Request request) {
        if (closed.get()) {
            throw new IllegalStateException("this client is closed; build a new one to call " + request.operation());
        }
        return transport.send(request);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Refuses further calls of this client's pipelines and closes the transport if these settings created it;
     * a transport the caller passed in stays open. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsTransport && transport instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Nothing was in flight that the caller could still lose; a failure to release is not theirs to handle.
                throw new IllegalStateException("closing the client's transport failed: " + e.getMessage(), e);
            }
        }
    }
}
