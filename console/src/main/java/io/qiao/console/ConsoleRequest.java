package io.qiao.console;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the console needs it, independent of the server that received it (the JDK's HTTP server in
 * {@link ConsoleServer}, a servlet container in a host).
 *
 * @param method  GET, POST, ...
 * @param path    the path below where the console is mounted, starting with "/" ("/api/overview")
 * @param query   the decoded query parameters (the first value of each)
 * @param headers the request headers; names are matched case-insensitively
 * @param body    the request body (empty for none)
 */
public record ConsoleRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                             byte[] body) {
    public ConsoleRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(h);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A header's value, names compared without case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "ConsoleRequest[" + method + " " + path + "]"; // headers hold the token
    }
}
