package io.qiao.jackyun.internal;

import io.qiao.client.ApiException;
import io.qiao.client.Redactor;
import io.qiao.client.Response;
import io.qiao.jackyun.JackyunSubCodes;
import java.util.Map;

/** Turns an error envelope or an HTTP error into an {@link ApiException} with the right retry semantics. */
public final class JackyunErrors {
    private record Kind(boolean retryable, boolean throttled, String hint) {
    }

    private static final Kind UNKNOWN = new Kind(false, false, null);

    private static final Map<String, Kind> KINDS = Map.of(
            JackyunSubCodes.SIGNATURE_ERROR, new Kind(false, false,
                    "check the appsecret; the sign covers every parameter except sign, contextid and token"),
            JackyunSubCodes.APPKEY_UNKNOWN, new Kind(false, false, "check the appkey of the open-platform application"),
            JackyunSubCodes.TOKEN_EXPIRED, new Kind(false, false,
                    "the ISV token expired: have the merchant authorise the application again"),
            JackyunSubCodes.API_NOT_SUBSCRIBED, new Kind(false, false,
                    "subscribe this method for the application in the Jackyun open-platform console"),
            JackyunSubCodes.PARAMETER_OUT_OF_RANGE, new Kind(false, false,
                    "a business parameter is missing or out of range (e.g. a modified-time window too long)"),
            JackyunSubCodes.BUSY, new Kind(true, true, "Jackyun is throttling or busy; backing off"),
            JackyunSubCodes.APP_NOT_ENABLED_OR_QUOTA, new Kind(false, false,
                    "the application is not enabled for the open platform or its call quota is used up; "
                            + "ask the Jackyun account manager"),
            JackyunSubCodes.UNKNOWN_ERROR, new Kind(true, false, null),
            JackyunSubCodes.DUPLICATE_BARCODE, new Kind(false, false, null));

    private JackyunErrors() {
    }

    /** An HTTP 200 envelope whose code or subCode is not success. */
    public static ApiException fromEnvelope(String operation, int httpStatus, EnvelopeHead head) {
        String code = head.hasErrorSubCode() ? head.subCode() : head.code();
        Kind kind = head.hasErrorSubCode() ? KINDS.getOrDefault(head.subCode(), UNKNOWN) : UNKNOWN;
        return ApiException.builder()
                .operation(operation)
                .httpStatus(httpStatus)
                .vendorCode(code)
                .vendorMessage(head.msg())
                .requestId(head.contextId())
                .retryable(kind.retryable())
                .throttled(kind.throttled())
                .hint(kind.hint())
                .build();
    }

    /** A non-2xx answer: 429 is a throttle, 5xx and 408 transient, anything else final. */
    public static ApiException fromHttpStatus(String operation, Response response, EnvelopeHead head,
                                              Redactor redactor) {
        int status = response.status();
        ApiException.Builder b = ApiException.builder()
                .operation(operation)
                .httpStatus(status)
                .retryAfter(response.retryAfter().orElse(null))
                .throttled(status == 429)
                .retryable(status == 429 || status == 408 || status >= 500);
        if (head != null) {
            b.vendorCode(head.hasErrorSubCode() ? head.subCode() : null).vendorMessage(head.msg())
                    .requestId(head.contextId());
        } else {
            b.vendorMessage(redactor.excerpt(response.body(), 200));
        }
        return b.build();
    }

    /**
     * HTTP 2xx with a body that is not a Jackyun envelope (cut off, an HTML page from a proxy). Retried as a
     * transient gateway fault: a read repeated later usually gets a whole answer.
     */
    public static ApiException malformed(String operation, Response response, Redactor redactor, Exception cause) {
        ApiException e = ApiException.builder()
                .operation(operation)
                .httpStatus(response.status())
                .retryable(true)
                .hint("the gateway answered with a body that is not a Jackyun JSON envelope: "
                        + redactor.excerpt(response.body(), 200))
                .build();
        if (cause != null) {
            e.initCause(redactor.cause(cause));
        }
        return e;
    }
}
