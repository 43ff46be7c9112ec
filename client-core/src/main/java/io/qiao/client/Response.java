package io.qiao.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** An immutable HTTP response with its body in memory (vendor answers are JSON pages, not files). */
public final class Response {
    private final Request request;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    public Response(Request request, int status, Map<String, List<String>> headers, byte[] body) {
        this.request = Objects.requireNonNull(request, "request");
        this.status = status;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null) h.put(k, List.copyOf(v));
        });
        this.headers = Collections.unmodifiableMap(h);
        this.body = body == null ? new byte[0] : body;
    }

    public Request request() {
        return request;
    }

    public int status() {
        return status;
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The raw body. The array is shared: do not modify it. */
    public byte[] body() {
        return body;
    }

    public String bodyString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Retry-After in seconds, as servers send it when they throttle; empty when absent, an HTTP date, or not a
     * wait at all (a negative number, which a vendor's own code may send and which reached Thread.sleep).
     */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public String toString() {
        return "Response{" + status + ", " + request.operation() + ", " + body.length + " bytes}";
    }
}
