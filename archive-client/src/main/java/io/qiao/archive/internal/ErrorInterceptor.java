package io.qiao.archive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.ApiException;
import io.qiao.client.Interceptor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import java.io.IOException;

/**
 * Turns the archive system's error answers into {@link ApiException}s, so that retry and token refresh see them.
 *
 * <p>The error body is not specified (VENDORS.md 4.1 is as-given), so it is read leniently: a code from
 * {@code code}/{@code errorCode}/{@code error}, a message from {@code message}/{@code msg}/{@code errorMessage},
 * a request id from the {@code X-Request-Id} header or a {@code requestId}/{@code traceId} field. A 200 answer
 * carrying {@code "success": false} or a numeric {@code code} other than 0/200 is an error too.
 */
public final class ErrorInterceptor implements Interceptor {
    private final ObjectMapper mapper;

    public ErrorInterceptor(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        Response response = chain.proceed(request);
        JsonNode body = parse(response.body());
        if (response.isSuccessful() && !isBusinessError(body)) {
            return response;
        }
        throw toException(request, response, body);
    }

    private static boolean isBusinessError(JsonNode body) {
        if (body == null || !body.isObject()) {
            return false;
        }
        JsonNode success = body.get("success");
        if (success != null && success.isBoolean() && !success.asBoolean()) {
            return true;
        }
        JsonNode code = body.get("code");
        return code != null && code.isNumber() && code.asInt() != 0 && code.asInt() != 200;
    }

    private ApiException toException(Request request, Response response, JsonNode body) {
        int status = response.status();
        String code = text(body, "code", "errorCode", "error");
        String message = text(body, "message", "msg", "errorMessage", "error_description");
        String requestId = response.header("X-Request-Id").orElse(text(body, "requestId", "traceId"));
        ApiException.Builder b = ApiException.builder()
                .operation(request.operation())
                .httpStatus(status)
                .vendorCode(code)
                .vendorMessage(message != null ? message : excerpt(response))
                .requestId(requestId);
        retryability(b, status, response);
        if (status == 401) {
            b.hint(request.operation().equals(Operations.TOKEN) ? "check appKey and appSecret"
                    : "the access token was refused even after a refresh");
        } else if (status == 409) {
            b.hint("a record with this archiveNo already exists");
        } else if (status == 413) {
            b.hint("the archive system refuses files this large");
        }
        return b.build();
    }

    /**
     * Marks 429 throttled and 5xx/408 retryable, with the answer's Retry-After: what the retry policy sees, the same
     * for a REST error and a SOAP fault.
     */
    static void retryability(ApiException.Builder b, int status, Response response) {
        if (status == 429) {
            b.throttled(true).retryAfter(response.retryAfter().orElse(null));
        } else if (status >= 500 || status == 408) {
            b.retryable(true).retryAfter(response.retryAfter().orElse(null));
        }
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0 || body.length > 1 << 20) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null; // not JSON: the status and an excerpt still describe the error
        }
    }

    private static String text(JsonNode body, String... names) {
        if (body == null || !body.isObject()) {
            return null;
        }
        for (String n : names) {
            JsonNode v = body.get(n);
            if (v != null && !v.isNull() && v.isValueNode()) {
                return v.asText();
            }
        }
        return null;
    }

    private static String excerpt(Response response) {
        String s = io.qiao.client.Redactor.defaults().excerpt(response.body(), 200);
        return s.isEmpty() ? null : s;
    }
}
