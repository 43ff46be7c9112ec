package io.qiao.testkit.jackyun;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the simulator injects instead of (or on top of) a normal answer. Immutable; build with the
 * factories.
 */
public final class JackyunFault {
    enum Kind {
        SUB_CODE, HTTP_STATUS, SLOW, CONNECTION_RESET, EMPTY_RESPONSE, MALFORMED_JSON, DATA_AS_STRING, ENDLESS_PAGING,
        ECHO_SECRETS
    }

    /** The subCode that integrations treat as throttling/busy. */
    public static final String THROTTLE_SUB_CODE = "0859999999";

    final Kind kind;
    final String subCode;
    final String message;
    final int status;
    final Duration delay;

    private JackyunFault(Kind kind, String subCode, String message, int status, Duration delay) {
        this.kind = kind;
        this.subCode = subCode;
        this.message = message;
        this.status = status;
        this.delay = delay;
    }

    /** HTTP 200 with the throttling subCode {@value #THROTTLE_SUB_CODE}; the call is not processed. */
    public static JackyunFault throttled() {
        return subCode(THROTTLE_SUB_CODE, "访问频率过高，请稍后再试");
    }

    /** HTTP 200 with an error envelope carrying {@code subCode}. */
    public static JackyunFault subCode(String subCode, String message) {
        return new JackyunFault(Kind.SUB_CODE, Objects.requireNonNull(subCode, "subCode"), message, 200, null);
    }

    /** An HTTP error status (500, 502, 503, 429...) with a plain-text body, as a proxy in front would send. */
    public static JackyunFault httpStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("httpStatus must be an error status (400-599), was " + status);
        }
        return new JackyunFault(Kind.HTTP_STATUS, null, null, status, null);
    }

    /** The normal answer, sent after {@code delay}: drives client timeouts. */
    public static JackyunFault slow(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        return new JackyunFault(Kind.SLOW, null, null, 200, delay);
    }

    /** The connection is reset before any answer. */
    public static JackyunFault connectionReset() {
        return new JackyunFault(Kind.CONNECTION_RESET, null, null, 0, null);
    }

    /** The connection is closed without an answer. */
    public static JackyunFault emptyResponse() {
        return new JackyunFault(Kind.EMPTY_RESPONSE, null, null, 0, null);
    }

    /** HTTP 200 with the normal answer cut off in the middle: not valid JSON. */
    public static JackyunFault malformedJson() {
        return new JackyunFault(Kind.MALFORMED_JSON, null, null, 200, null);
    }

    /** The normal answer with {@code result.data} JSON-encoded as a string, as OMS methods send it. */
    public static JackyunFault dataAsString() {
        return new JackyunFault(Kind.DATA_AS_STRING, null, null, 200, null);
    }

    /**
     * A list method answered as if {@code pageIndex} were always 0: the same full page for ever, as a gateway that
     * ignores the page index would. Other calls are answered normally; inject it with
     * {@code faults().every(1, endlessPaging())}.
     */
    public static JackyunFault endlessPaging() {
        return new JackyunFault(Kind.ENDLESS_PAGING, null, null, 200, null);
    }

    /**
     * An error envelope whose message repeats the app secret and the request's {@code token} in plain text (not as
     * {@code name=value}), as a careless gateway's signature error might.
     */
    public static JackyunFault echoingSecrets() {
        return new JackyunFault(Kind.ECHO_SECRETS, "0130020301", null, 200, null);
    }

    /** Whether the request is still processed (the answer is the real one, delivered oddly). */
    boolean processes() {
        return kind == Kind.SLOW || kind == Kind.MALFORMED_JSON || kind == Kind.DATA_AS_STRING
                || kind == Kind.ENDLESS_PAGING;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SUB_CODE -> "subCode " + subCode;
            case HTTP_STATUS -> "HTTP " + status;
            case SLOW -> "slow " + delay.toMillis() + " ms";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
