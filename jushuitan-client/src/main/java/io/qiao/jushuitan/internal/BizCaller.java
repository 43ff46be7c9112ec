package io.qiao.jushuitan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
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

/**
 * Sends one business call: the common form fields and {@code biz}, serialised once, so that the bytes that
 * are signed are the bytes that are sent. Token, timestamp and sign are added by the interceptors.
 */
public final class BizCaller {
    private final URI endpoint;
    private final String appKey;
    private final HttpPipeline pipeline;
    private final Json json;
    private final PagingGuard pagingGuard;

    public BizCaller(URI endpoint, String appKey, HttpPipeline pipeline, Json json, PagingGuard pagingGuard) {
        this.endpoint = endpoint;
        this.appKey = appKey;
        this.pipeline = pipeline;
        this.json = json;
        this.pagingGuard = pagingGuard;
    }

    /** The client's guard against a vendor that pages without end. */
    public PagingGuard pagingGuard() {
        return pagingGuard;
    }

    public Json json() {
        return json;
    }

    /** Posts {@code biz} (a map or a value object; null is {@code {}}) and returns the answer's {@code data}. */
    public JsonNode call(String path, Object biz, boolean idempotent) {
        String bizJson = biz == null ? "{}" : biz instanceof String s ? s : json.write(biz);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("app_key", appKey);
        form.put("version", "2");
        form.put("charset", "utf-8");
        form.put("biz", bizJson);
        Request request = Request.post(endpoint.resolve(path), RequestBody.form(form))
                .operation(path).idempotent(idempotent).build();
        // The token is obtained by the pipeline's authentication step, which runs before the call takes its rate-limit
        // permit: a token request never goes out while the call holds one.
        try {
            Response response = pipeline.execute(request);
            JsonNode data = json.tree(path, response.body()).get("data");
            return data == null ? NullNode.getInstance() : data;
        } catch (QiaoException e) {
            // The pipeline redacted its own; a decode error made here is redacted as it leaves.
            throw e.redact(pipeline.redactor());
        }
    }
}
