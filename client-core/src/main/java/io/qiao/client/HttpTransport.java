package io.qiao.client;

/**
 * The seam where a request leaves Qiao. The default is {@link JdkHttpTransport}; tests and users may
 * substitute their own (a recording fake, a corporate proxy client).
 *
 * <p>Contract: return the response for any HTTP status (errors included); throw
 * {@link TransportException} when no response was received. Never throw an IOException.
 */
@FunctionalInterface
public interface HttpTransport {
    Response send(Request request);
}
