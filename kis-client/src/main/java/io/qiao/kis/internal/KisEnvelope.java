package io.qiao.kis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.Interceptor;
import io.qiao.client.Json;
import io.qiao.client.Redactor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import java.util.Locale;

/**
 * The KIS answer envelope {@code {"errcode":0,"description":"…","data":…}} (VENDORS.md 3.3/3.4): {@code errcode 0}
 * is success; anything else, and any HTTP error, becomes an {@link ApiException} carrying the description, so that
 * the retry and token interceptors see it.
 *
 * <p><b>[INFER]</b> KIS publishes no list of transient codes, and the public sources show only final ones
 * (errcode 10201 "业务接口返回失败结果" for a bad request, HTTP 519 with errcode -1 for a bad signature). Qiao treats HTTP 429 and descriptions about rate
 * limits (限流, 频繁) as throttling; HTTP 5xx other than 519, and descriptions saying the system is busy or timed out
 * (繁忙, 稍后, 超时, timeout), as retryable; HTTP 401 and descriptions about an expired or invalid token as an
 * authentication failure that a fresh token cures. {@code errcode} is read whether it comes as a number or a string.
 */
public final class KisEnvelope implements Interceptor {
    /** The gateway's answer to a bad {@code X-Api-Signature} or {@code app_signature}. */
    public static final int HTTP_SIGNATURE_FAILURE = 519;

    private final Json json;
    private final Redactor redactor;

    public KisEnvelope(Json json) {
        this(json, KisRedaction.redactor());
    }

    /** @param redactor the client's, which knows its secrets and tokens, for the excerpts of decode errors */
    public KisEnvelope(Json json, Redactor redactor) {
        this.json = json;
        this.redactor = redactor;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        Response response = chain.proceed(request);
        check(response);
        return response;
    }

    /** The {@code data} of a successful answer (a missing node when there is none). */
    public JsonNode data(Response response) {
        return json.tree(response.request().operation(), response.body()).path("data");
    }

    void check(Response response) {
        Request request = response.request();
        JsonNode root = parseQuietly(response);
        String code = root == null ? null : text(root.get("errcode"));
        String description = root == null ? null : text(root.get("description"));
        boolean httpOk = response.isSuccessful();
        if (httpOk && root != null && code != null && isZero(code)) {
            return;
        }
        if (httpOk && (root == null || code == null)) {
            json.tree(request.operation(), response.body()); // not JSON at all: a DecodeException saying why
            throw new DecodeException(request.operation(), "no errcode in the KIS answer",
                    redactor.excerpt(response.body(), 300), null);
        }
        throw toException(response, code, description);
    }

    private static ApiException toException(Response response, String code, String description) {
        int status = response.status();
        String d = description == null ? "" : description.toLowerCase(Locale.ROOT);
        boolean throttled = status == 429 || d.contains("限流") || d.contains("频繁") || d.contains("too many");
        boolean transientFailure = (status >= 500 && status != HTTP_SIGNATURE_FAILURE)
                || d.contains("繁忙") || d.contains("稍后") || d.contains("超时") || d.contains("timeout")
                || d.contains("busy");
        ApiException.Builder b = ApiException.builder()
                .operation(response.request().operation())
                .httpStatus(status)
                .vendorCode(code)
                .vendorMessage(description != null ? description : status >= 400 ? "HTTP error without a KIS body" : null)
                .requestId(response.request().header("Kis-Traceid").orElse(response.header("X-Request-Id").orElse(null)))
                .throttled(throttled)
                .retryable(transientFailure)
                .retryAfter(response.retryAfter().orElse(null));
        if (status == HTTP_SIGNATURE_FAILURE) {
            b.hint("gateway signature refused: check clientId/clientSecret, appKey/appSecret and the host clock "
                    + "(X-Api-TimeStamp is valid for 5 minutes)");
        } else if (isAuthFailure(status, description)) {
            b.hint("the app-token or session is no longer valid");
        }
        return b.build();
    }

    /** Whether a fresh token or session would cure this failure. */
    public static boolean isAuthFailure(ApiException e) {
        return isAuthFailure(e.httpStatus(), e.vendorMessage());
    }

    static boolean isAuthFailure(int status, String description) {
        if (status == 401) {
            return true;
        }
        if (description == null) {
            return false;
        }
        String d = description.toLowerCase(Locale.ROOT);
        boolean aboutToken = d.contains("token") || d.contains("authdata") || d.contains("令牌") || d.contains("会话")
                || d.contains("session");
        boolean lapsed = d.contains("过期") || d.contains("失效") || d.contains("无效") || d.contains("expired")
                || d.contains("invalid");
        return aboutToken && lapsed;
    }

    private JsonNode parseQuietly(Response response) {
        if (response.body().length == 0) {
            return null;
        }
        try {
            JsonNode n = json.mapper().readTree(response.body());
            return n != null && n.isObject() ? n : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static boolean isZero(String code) {
        try {
            return Long.parseLong(code.trim()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
