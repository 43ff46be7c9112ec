package io.qiao.jackyun.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.qiao.client.Json;
import io.qiao.client.PagingGuard;
import io.qiao.client.QiaoException;
import io.qiao.client.Redactor;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import io.qiao.client.internal.HttpPipeline;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one gateway call and returns {@code result.data}. Signing and error mapping happen in the pipeline's
 * interceptors; this class builds the form and decodes the data, parsing it a second time when the gateway
 * sends it as a JSON-encoded string (OMS methods do).
 */
public final class JackyunCaller {
    private final HttpPipeline pipeline;
    private final Json json;
    private final URI endpoint;
    private final String appKey;
    private final String version;
    private final Secret token;
    private final Clock clock;
    private final Redactor redactor;
    private final EnvelopeInterceptor envelope;
    private final PagingGuard pagingGuard;

    /** @param envelope the pipeline's envelope check, which also binds a page's records in its pass */
    public JackyunCaller(HttpPipeline pipeline, EnvelopeInterceptor envelope, Json json, Redactor redactor,
                         URI endpoint, String appKey, String version, Secret token, Clock clock,
                         PagingGuard pagingGuard) {
        this.pagingGuard = pagingGuard;
        this.pipeline = pipeline;
        this.envelope = envelope;
        this.json = json;
        this.redactor = redactor;
        this.endpoint = endpoint;
        this.appKey = appKey;
        this.version = version;
        this.token = token;
        this.clock = clock;
    }

    public Json json() {
        return json;
    }

    public Clock clock() {
        return clock;
    }

    /** The client's guard against a vendor that pages without end. */
    public PagingGuard pagingGuard() {
        return pagingGuard;
    }

    /** Serialises bizcontent once: the same string is signed and sent. */
    public String bizContent(Object bizContent) {
        if (bizContent == null) {
            return "{}";
        }
        if (bizContent instanceof String s) {
            return s;
        }
        if (bizContent instanceof JsonNode n) {
            return n.toString();
        }
        return json.write(bizContent);
    }

    /** Calls {@code method} and returns its {@code result.data} (a NullNode when the vendor sent none). */
    public JsonNode data(String method, Object bizContent, boolean idempotent) {
        try {
            Response response = execute(method, bizContent, idempotent);
            JsonNode data = json.tree(method, response.body()).path("result").path("data");
            if (data.isTextual()) {
                String text = data.textValue().trim();
                return text.isEmpty() ? NullNode.getInstance()
                        : json.tree(method, text.getBytes(StandardCharsets.UTF_8));
            }
            return data.isMissingNode() ? NullNode.getInstance() : data;
        } catch (QiaoException e) {
            throw e.redact(redactor); // a decode error made here quotes the vendor's text
        }
    }

    /**
     * Calls a list method and binds the page's records in the same streaming pass that checks the envelope
     * (see {@link StreamingPage#readEnvelope}), with the requested scalar fields of {@code data} (and of the
     * rows, when {@code rowScalar} is set).
     */
    public <T> StreamingPage.Result<T> page(String method, Object bizContent, String listKey, Class<T> type,
                                            List<String> dataScalars, String rowScalar) {
        PageRead<T> read = new PageRead<>(json.mapper(), listKey, type, dataScalars, rowScalar);
        try {
            return envelope.reading(read, () -> execute(method, bizContent, true));
        } catch (QiaoException e) {
            throw e.redact(redactor);
        }
    }

    private Response execute(String method, Object bizContent, boolean idempotent) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("method", method);
        form.put("appkey", appKey);
        form.put("version", version);
        form.put("contenttype", "json");
        form.put("bizcontent", bizContent(bizContent));
        if (token != null) {
            form.put("token", token.reveal());
        }
        Request request = Request.post(endpoint, RequestBody.form(form))
                .operation(method)
                .idempotent(idempotent)
                .build();
        return pipeline.execute(request);
    }
}
