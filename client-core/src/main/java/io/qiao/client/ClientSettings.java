package io.qiao.client;

import java.time.Clock;
import java.util.List;

/**
 * The common settings of one vendor client, resolved by its {@link ClientBuilder}: what every pipeline of the
 * client is built from.
 */
public final class ClientSettings {
    private final HttpTransport transport;
    private final RetryOptions retry;
    private final RateLimits rateLimits;
    private final List<ApiCallListener> listeners;
    private final Clock clock;
    private final PagingLimits pagingLimits;

    ClientSettings(HttpTransport transport, RetryOptions retry, RateLimits rateLimits,
                   List<ApiCallListener> listeners, Clock clock, PagingLimits pagingLimits) {
        this.transport = transport;
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
        return HttpPipeline.builder().transport(transport).retry(retry).rateLimits(rateLimits).listeners(listeners);
    }
}
