package io.qiao.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The default transport, on {@code java.net.http.HttpClient}: HTTP/1.1 with keep-alive, a connect
 * timeout and a per-request timeout. One instance (and so one connection pool) per Qiao client.
 */
public final class JdkHttpTransport implements HttpTransport, AutoCloseable {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The longest connect timeout accepted: the operating system gives up on a TCP handshake long before, so a
     * longer one is a unit mistake.
     */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(10);
    /**
     * The longest request timeout accepted for every call: no vendor answer of an ordinary call is worth waiting
     * longer for. A request that really needs more (a large upload) carries its own {@link Request#timeout()}.
     */
    public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(10);
    // Restricted by HttpClient itself; setting them throws, so they are left to the client.
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade");

    private final HttpClient client;
    private final boolean ownsClient;
    private final Duration requestTimeout;
    private volatile boolean closed;

    private JdkHttpTransport(Builder b) {
        this.ownsClient = b.client == null;
        this.client = b.client != null ? b.client : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = b.requestTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static JdkHttpTransport create() {
        return builder().build();
    }

    @Override
    public Response send(Request request) {
        if (closed) {
            throw new IllegalStateException("this JdkHttpTransport is closed; build a new one to call " + request.operation());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .timeout(request.timeout() != null ? request.timeout() : requestTimeout);
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        RequestBody body = request.body();
        if (body == null) {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            if (request.header("Content-Type").isEmpty()) {
                b.header("Content-Type", body.contentType());
            }
            b.method(request.method(), publisher(body));
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(request, r.statusCode(), r.headers().map(), r.body());
        } catch (HttpConnectTimeoutException e) {
            throw new TransportException(request.operation(), "connect timed out to " + request.uri().getAuthority(), false, e);
        } catch (HttpTimeoutException e) {
            throw new TransportException(request.operation(), "no response within the request timeout", true, e);
        } catch (ConnectException e) {
            throw new TransportException(request.operation(), "cannot connect to " + request.uri().getAuthority(), false, e);
        } catch (IOException | UncheckedIOException e) {
            throw new TransportException(request.operation(), "I/O error: " + e.getMessage(), true, e);
        } catch (UnresolvedAddressException e) {
            throw new TransportException(request.operation(), "cannot resolve " + request.uri().getHost(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(request.operation(), "interrupted while waiting for the response", true, e);
        }
    }

    /**
     * Refuses further requests and releases the connection pool if this transport built its {@code HttpClient}
     * (one given to {@link Builder#httpClient} is the caller's and stays open). On Java 17 an {@code HttpClient}
     * has no {@code close()}: its pool and selector thread go when it is no longer referenced, so drop this
     * transport too; on Java 21 and later it is closed here, waiting for requests in flight. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsClient && client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the HttpClient failed: " + e.getMessage(), e);
            }
        }
    }

    private static HttpRequest.BodyPublisher publisher(RequestBody body) {
        if (body instanceof RequestBody.Bytes bytes) {
            return HttpRequest.BodyPublishers.ofByteArray(bytes.bytes());
        }
        if (body instanceof RequestBody.Form form) {
            return HttpRequest.BodyPublishers.ofByteArray(form.bytes());
        }
        HttpRequest.BodyPublisher streamed = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return body.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // A known length is sent as Content-Length rather than chunked: some gateways refuse chunked uploads.
        return body.contentLength() >= 0
                ? HttpRequest.BodyPublishers.fromPublisher(streamed, body.contentLength())
                : streamed;
    }

    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private HttpClient client;

        private Builder() {
        }

        /** How long to wait for a connection; positive, at most {@link #MAX_CONNECT_TIMEOUT}; 10 seconds unless set. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Durations.positive(connectTimeout, "connectTimeout", MAX_CONNECT_TIMEOUT);
            return this;
        }

        /**
         * How long to wait for an answer to a request without a timeout of its own; positive, at most
         * {@link #MAX_REQUEST_TIMEOUT}; 30 seconds unless set.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Durations.positive(requestTimeout, "requestTimeout", MAX_REQUEST_TIMEOUT);
            return this;
        }

        /** Uses the caller's own client (proxy, TLS settings); its connect timeout then applies. */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        public JdkHttpTransport build() {
            return new JdkHttpTransport(this);
        }

    }
}
