package io.qiao.kis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.Json;
import io.qiao.client.PagingGuard;
import io.qiao.client.QiaoException;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.internal.HttpPipeline;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds koas/gateway requests against one endpoint and returns the envelope's {@code data}. */
public final class KisHttp {
    private final String base;
    private final HttpPipeline pipeline;
    private final Json json;
    private final KisEnvelope envelope;
    private final PagingGuard pagingGuard;

    public KisHttp(URI endpoint, HttpPipeline pipeline, Json json) {
        this(endpoint, pipeline, json, PagingGuard.unnamed());
    }

    /** @param pagingGuard the client's guard against a vendor that pages without end */
    public KisHttp(URI endpoint, HttpPipeline pipeline, Json json, PagingGuard pagingGuard) {
        String e = endpoint.toString();
        this.base = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
        this.pipeline = pipeline;
        this.json = json;
        this.envelope = new KisEnvelope(json, pipeline.redactor());
        this.pagingGuard = pagingGuard;
    }

    public PagingGuard pagingGuard() {
        return pagingGuard;
    }

    public Json json() {
        return json;
    }

    public URI uri(String path, Map<String, String> query) {
        String p = path.startsWith("/") ? path : "/" + path;
        String q = query == null || query.isEmpty() ? "" : "?" + GatewaySigner.encodeQuery(query);
        return URI.create(base + p + q);
    }

    /** A JSON POST; {@code body} is serialised with the client's mapper (a JsonNode or String is sent as is). */
    public Request.Builder post(String operation, String path, Map<String, String> query, Object body) {
        String text = body instanceof String s ? s : json.write(body == null ? Map.of() : body);
        return Request.post(uri(path, query), RequestBody.json(text))
                .header("Content-Type", "application/json")
                .operation(operation);
    }

    public Request.Builder get(String operation, String path, Map<String, String> query) {
        return Request.get(uri(path, query)).operation(operation);
    }

    public JsonNode execute(Request request) {
        try {
            Response response = pipeline.execute(request);
            return envelope.data(response);
        } catch (QiaoException e) {
            throw e.redact(pipeline.redactor()); // a decode error made here quotes the vendor's text
        }
    }

    public static Map<String, String> query(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
