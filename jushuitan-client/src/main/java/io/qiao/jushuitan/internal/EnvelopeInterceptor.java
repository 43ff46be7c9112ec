package io.qiao.jushuitan.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.Interceptor;
import io.qiao.client.Redactor;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.jushuitan.JushuitanCodes;
import java.io.IOException;

/**
 * Turns every answer that is not {@code code == 0} into an {@link ApiException}, so that the retry and token
 * interceptors above it see business errors as failures. Reads only the envelope fields with a streaming
 * parser; the operation decodes {@code data} itself.
 */
public final class EnvelopeInterceptor implements Interceptor {
    private final JsonFactory factory;
    private final Redactor redactor;

    public EnvelopeInterceptor(JsonFactory factory) {
        this(factory, Redactor.defaults());
    }

    /** @param redactor the client's, which knows its secret and tokens, for the excerpts of decode errors */
    public EnvelopeInterceptor(JsonFactory factory, Redactor redactor) {
        this.factory = factory;
        this.redactor = redactor;
    }

    @Override
    public Response intercept(Chain chain) {
        Request request = chain.request();
        Response response = chain.proceed(request);
        if (!response.isSuccessful()) {
            throw httpError(request, response);
        }
        Envelope e = read(request, response);
        if (e.code == null) {
            throw new DecodeException(request.operation(), "the answer has no 'code'",
                    redactor.excerpt(response.body(), 300), null);
        }
        if (!"0".equals(e.code)) {
            throw businessError(request.operation(), e.code, e.message, e.requestId);
        }
        if (Boolean.FALSE.equals(e.isSuccess)) {
            throw ApiException.builder().operation(request.operation()).httpStatus(200).vendorCode("0")
                    .vendorMessage(e.message).requestId(e.requestId)
                    .hint("code 0 but issuccess=false: the vendor did not complete the call").build();
        }
        return response;
    }

    /** The clear, actionable error for a vendor code (VENDORS.md 1.6). */
    public static ApiException businessError(String operation, String code, String message, String requestId) {
        ApiException.Builder b = ApiException.builder().operation(operation).httpStatus(200).vendorCode(code)
                .vendorMessage(message).requestId(requestId);
        int numeric;
        try {
            numeric = Integer.parseInt(code.trim());
        } catch (NumberFormatException ex) {
            return b.build();
        }
        if (JushuitanCodes.isThrottling(numeric)) {
            return b.throttled(true)
                    .hint(numeric == JushuitanCodes.RATE_LIMIT_PER_MINUTE
                            ? "throttled: over 100 requests a minute for this app key; share one client (or one RateLimits) per app key"
                            : "throttled: over 5 requests a second for this app key; share one client (or one RateLimits) per app key")
                    .build();
        }
        return switch (numeric) {
            case JushuitanCodes.INVALID_SIGN -> b.hint("invalid sign: check the app secret belongs to this app key").build();
            case JushuitanCodes.INVALID_TOKEN -> b.hint("the access token is invalid or expired").build();
            case JushuitanCodes.IP_NOT_WHITELISTED -> b.hint("this host's IP is not in the app's IP whitelist in the Jushuitan console").build();
            case JushuitanCodes.INVALID_TIMESTAMP -> b.hint("clock skew: this host's clock is more than 10-15 minutes away from "
                    + "Jushuitan's; fix the host clock (NTP)").build();
            case JushuitanCodes.REFRESH_FORBIDDEN -> b.hint("Jushuitan forbids ISV (service-provider) apps to refresh tokens since "
                    + "2023-08-15: the merchant must re-authorise the app, then put the new token in the TokenStore").build();
            case JushuitanCodes.NO_API_PERMISSION -> b.hint("the app has no permission for this API: apply for it in the Jushuitan console").build();
            default -> b.build();
        };
    }

    private static ApiException httpError(Request request, Response response) {
        int s = response.status();
        boolean throttled = s == 429;
        return ApiException.builder().operation(request.operation()).httpStatus(s)
                .retryable(s >= 500 || s == 408).throttled(throttled)
                .retryAfter(response.retryAfter().orElse(null)).build();
    }

    private record Envelope(String code, String message, Boolean isSuccess, String requestId) {
    }

    private Envelope read(Request request, Response response) {
        String code = null;
        String message = null;
        Boolean isSuccess = null;
        String requestId = null;
        try (JsonParser p = factory.createParser(response.body())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DecodeException(request.operation(), "the answer is not a JSON object",
                        redactor.excerpt(response.body(), 300), null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "code" -> code = value.isScalarValue() ? p.getValueAsString() : null;
                    case "msg", "message" -> {
                        if (message == null || "msg".equals(name)) {
                            message = value.isScalarValue() ? p.getValueAsString() : null;
                        }
                    }
                    case "issuccess" -> isSuccess = value.isBoolean() ? p.getBooleanValue() : null;
                    case "request_id", "requestId" -> requestId = value.isScalarValue() ? p.getValueAsString() : null;
                    default -> p.skipChildren();
                }
            }
        } catch (IOException ex) {
            throw new DecodeException(request.operation(), redactor.text(ex.getMessage()),
                    redactor.excerpt(response.body(), 300), redactor.cause(ex));
        }
        return new Envelope(code, message, isSuccess, requestId);
    }
}
