package io.qiao.testkit.kis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The KIS simulator's reading of requests and writing of answers ({@code errcode}/{@code description}/{@code data}),
 * shared by {@link KisHandler} and {@link KisSessionFlow} so that both answer in the one shape the vendor uses.
 * Static: the mapper has default settings and is thread-safe.
 */
final class KisJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private KisJson() {
    }

    /** The JSON body, an empty object if there is none, or null if it is not JSON. */
    static JsonNode body(Request r) {
        try {
            byte[] b = r.getBody();
            return b == null || b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b);
        } catch (IOException e) {
            return null;
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) return q;
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return q;
    }

    /** A number, or -1 for anything that is not one (so that a lookup finds nothing). */
    static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Map<String, Object> nullFree(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) out.put(k, v);
        });
        return out;
    }

    static Map<String, Object> error(int code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errcode", code);
        m.put("description", description);
        return m;
    }

    static ResponseDefinition ok(Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errcode", 0);
        m.put("description", "成功");
        m.put("data", data);
        return answer(200, m);
    }

    static ResponseDefinition answer(int status, Object body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(write(body)).build();
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
