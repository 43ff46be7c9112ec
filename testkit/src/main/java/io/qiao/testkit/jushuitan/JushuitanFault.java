package io.qiao.testkit.jushuitan;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the simulator injects instead of (or on top of) its normal answer; queue them with
 * {@link JushuitanSimulator#faults()}. Immutable; build with the factories.
 */
public final class JushuitanFault {
    enum Kind { CODE, HTTP_STATUS, SLOW, CONNECTION_RESET, EMPTY_RESPONSE, MALFORMED_JSON, ENDLESS_PAGING, ECHO_SECRETS }

    final Kind kind;
    final int code;
    final String message;
    final Duration delay;

    private JushuitanFault(Kind kind, int code, String message, Duration delay) {
        this.kind = kind;
        this.code = code;
        this.message = message;
        this.delay = delay;
    }

    /** Code 199, "over 5 requests a second"; the call is not processed. */
    public static JushuitanFault throttledPerSecond() {
        return code(199, "调用频次超过限制!请稍后再试");
    }

    /** Code 200, "over 100 requests a minute"; the call is not processed. */
    public static JushuitanFault throttledPerMinute() {
        return code(200, "调用频次超过限制");
    }

    /** Code 100: the access token is refused, as if it had expired on the vendor's side. */
    public static JushuitanFault tokenInvalid() {
        return code(100, "验证失败！无效的access_token或access_token已过期");
    }

    /** HTTP 200 with an error envelope carrying {@code code} and {@code message}. */
    public static JushuitanFault code(int code, String message) {
        if (code == 0) {
            throw new IllegalArgumentException("code 0 is success, not a fault");
        }
        return new JushuitanFault(Kind.CODE, code, Objects.requireNonNull(message, "message"), null);
    }

    /** An HTTP error status (500, 502, 503, 429...) with an HTML body, as a gateway in front would send. */
    public static JushuitanFault httpStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("httpStatus must be an error status (400-599), was " + status);
        }
        return new JushuitanFault(Kind.HTTP_STATUS, status, null, null);
    }

    /** The normal answer, sent after {@code delay} more: drives client timeouts. */
    public static JushuitanFault slow(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        return new JushuitanFault(Kind.SLOW, 0, null, delay);
    }

    /** The connection is reset before any answer. */
    public static JushuitanFault connectionReset() {
        return new JushuitanFault(Kind.CONNECTION_RESET, 0, null, null);
    }

    /** The connection is closed without an answer. */
    public static JushuitanFault emptyResponse() {
        return new JushuitanFault(Kind.EMPTY_RESPONSE, 0, null, null);
    }

    /** HTTP 200 whose body is cut off in the middle: not valid JSON. */
    public static JushuitanFault malformedJson() {
        return new JushuitanFault(Kind.MALFORMED_JSON, 0, null, null);
    }

    /**
     * A query answered as if {@code page_index} were always 1, with {@code has_next: true}: the same rows for
     * ever, as a vendor that ignores the page index would. Other calls are answered normally; inject it with
     * {@code faults().every(1, endlessPaging())}.
     */
    public static JushuitanFault endlessPaging() {
        return new JushuitanFault(Kind.ENDLESS_PAGING, 0, null, null);
    }

    /**
     * Code 10 with a message that repeats the app secret and the request's {@code access_token} in plain text
     * (not as {@code name=value}), as a careless vendor's signature error might.
     */
    public static JushuitanFault echoingSecrets() {
        return new JushuitanFault(Kind.ECHO_SECRETS, 10, null, null);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CODE -> "code " + code;
            case HTTP_STATUS -> "HTTP " + code;
            case SLOW -> "slow " + delay;
            default -> kind.name().toLowerCase();
        };
    }
}
