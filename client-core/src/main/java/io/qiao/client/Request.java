package io.qiao.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable HTTP request as it travels through the interceptor chain. Interceptors derive changed
 * copies with {@link #toBuilder()}; nobody mutates a request in place.
 *
 * <p>Besides the HTTP parts it carries what the cross-cutting interceptors need: the logical
 * {@linkplain #operation() operation name} (for metrics and error messages), the
 * {@linkplain #endpointClass() endpoint class} that selects a rate limit, whether the call is
 * {@linkplain #idempotent() idempotent} (and so safe to retry), and the attempt number.
 */
public final class Request {
    private final String method;
    private final URI uri;
    private final Map<String, List<String>> headers;
    private final RequestBody body;
    private final String operation;
    private final String endpointClass;
    private final boolean idempotent;
    private final int attempt;
    private final Duration timeout;

    private Request(Builder b) {
        this.method = b.method;
        this.uri = Objects.requireNonNull(b.uri, "uri");
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        b.headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(h);
        this.body = b.body;
        this.operation = b.operation == null ? method + " " + uri.getPath() : b.operation;
        this.endpointClass = b.endpointClass;
        this.idempotent = b.idempotent == null ? !"POST".equals(method) && !"PATCH".equals(method) : b.idempotent;
        this.attempt = b.attempt;
        this.timeout = b.timeout;
    }

    public static Builder get(URI uri) {
        return new Builder("GET", uri);
    }

    public static Builder post(URI uri, RequestBody body) {
        return new Builder("POST", uri).body(body);
    }

    public static Builder builder(String method, URI uri) {
        return new Builder(method, uri);
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** Header names are case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The body, or null for a request without one. */
    public RequestBody body() {
        return body;
    }

    public String operation() {
        return operation;
    }

    /** Selects the rate limit that applies; "default" unless the client says otherwise. */
    public String endpointClass() {
        return endpointClass;
    }

    /** Whether sending this request twice has the effect of sending it once. Only such requests are retried. */
    public boolean idempotent() {
        return idempotent;
    }

    /** 1 for the first attempt, 2 for the first retry, and so on. */
    public int attempt() {
        return attempt;
    }

    /** A per-request timeout overriding the transport's default (uploads need longer), or null. */
    public Duration timeout() {
        return timeout;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Never prints header values or the body: they may carry tokens and signatures. */
    @Override
    public String toString() {
        return "Request{" + operation + ", " + method + " " + uri.getScheme() + "://" + uri.getAuthority()
                + uri.getPath() + ", attempt " + attempt + "}";
    }

    public static final class Builder {
        private static final Duration LONGEST_TIMEOUT = Duration.ofDays(1);

        private String method;
        private URI uri;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private RequestBody body;
        private String operation;
        private String endpointClass = "default";
        private Boolean idempotent;
        private int attempt = 1;
        private Duration timeout;

        private Builder(String method, URI uri) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        private Builder(Request r) {
            this.method = r.method;
            this.uri = r.uri;
            r.headers.forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
            this.body = r.body;
            this.operation = r.operation;
            this.endpointClass = r.endpointClass;
            this.idempotent = r.idempotent;
            this.attempt = r.attempt;
            this.timeout = r.timeout;
        }

        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            return this;
        }

        public Builder uri(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** Replaces every value of the header. */
        public Builder header(String name, String value) {
            List<String> values = new ArrayList<>();
            values.add(Objects.requireNonNull(value, () -> "value of header " + name));
            headers.put(name, values);
            return this;
        }

        public Builder addHeader(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(Objects.requireNonNull(value, name));
            return this;
        }

        public Builder removeHeader(String name) {
            headers.remove(name);
            return this;
        }

        public Builder body(RequestBody body) {
            this.body = body;
            return this;
        }

        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        public Builder endpointClass(String endpointClass) {
            this.endpointClass = Objects.requireNonNull(endpointClass, "endpointClass");
            return this;
        }

        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        public Builder attempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        /**
         * A per-request timeout, or null for the transport's default.
         *
         * @throws IllegalArgumentException unless positive and at most a day (the longest upload any client allows)
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout == null ? null : Durations.positive(timeout, "timeout", LONGEST_TIMEOUT);
            return this;
        }

        public Request build() {
            return new Request(this);
        }
    }
}
