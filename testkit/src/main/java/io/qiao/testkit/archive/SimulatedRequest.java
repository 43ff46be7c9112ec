package io.qiao.testkit.archive;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request the archive simulator received, as {@link ArchiveSimulator#requests()} reports it.
 *
 * @param method  the HTTP method, e.g. {@code POST}
 * @param url     the path and query, e.g. {@code /api/archive/query?page=1&pageSize=100}
 * @param headers each header's values by name as sent (look names up with {@link #header(String)}, which ignores case)
 * @param body    the body, decoded as UTF-8 (a multipart upload's file bytes included)
 */
public record SimulatedRequest(String method, String url, Map<String, List<String>> headers, String body) {
    public SimulatedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** The path without the query. */
    public String path() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The first value of the header {@code name} (any case), or null when it was not sent. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        // Headers and body carry the app secret and tokens; a failing assertion must not print them.
        return "SimulatedRequest{" + method + " " + path() + ", " + body.length() + " chars}";
    }

    static SimulatedRequest of(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader h : request.getHeaders().all()) {
            headers.put(h.key(), List.copyOf(h.values()));
        }
        byte[] body = request.getBody();
        return new SimulatedRequest(request.getMethod().getName(), request.getUrl(), headers,
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }
}
