package io.qiao.client;

import java.time.Duration;

/**
 * One transport and the clients using it. A transport the caller passed in is never closed here: the caller may
 * use it elsewhere. A transport a client created is shared by the clients derived from it with
 * {@code newBuilder()} and closed when the last of them closes, so that closing one derived client never breaks
 * another.
 */
final class TransportShare {
    private final HttpTransport transport;
    private final boolean created;
    // The connect timeout the created transport was built with: the JDK HttpClient fixes it at construction, so a
    // derived client that wants another one cannot share this transport.
    private final Duration connectTimeout;
    private int clients = 1;

    private TransportShare(HttpTransport transport, boolean created, Duration connectTimeout) {
        this.transport = transport;
        this.created = created;
        this.connectTimeout = connectTimeout;
    }

    /** The caller's transport, held by one more client and never closed by any of them. */
    static TransportShare callers(HttpTransport transport) {
        return new TransportShare(transport, false, null);
    }

    /** A default transport made for one client, with the client's timeouts. */
    static TransportShare created(Duration connectTimeout, Duration requestTimeout) {
        return new TransportShare(JdkHttpTransport.builder().connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout).build(), true, connectTimeout);
    }

    HttpTransport transport() {
        return transport;
    }

    /** Whether the clients created this transport (and so apply their request timeouts to it, and close it). */
    boolean created() {
        return created;
    }

    /**
     * Lets one more client use this transport, if it was created by a client, has the connect timeout asked for and
     * is still open (some client still holds it).
     */
    synchronized boolean joinIfOpen(Duration wantedConnectTimeout) {
        if (!created || clients == 0 || !connectTimeout.equals(wantedConnectTimeout)) {
            return false;
        }
        clients++;
        return true;
    }

    /** One client is done with the transport; the last one closes it if the clients created it. */
    void leave() {
        boolean last;
        synchronized (this) {
            last = --clients == 0;
        }
        if (last && created && transport instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Nothing was in flight that the caller could still lose; a failure to release is not theirs to handle.
                throw new IllegalStateException("closing the client's transport failed: " + e.getMessage(), e);
            }
        }
    }
}
