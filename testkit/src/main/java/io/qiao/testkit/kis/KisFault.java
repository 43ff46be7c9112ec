package io.qiao.testkit.kis;

/** A failure the simulator can inject into its next answers; see {@link KisSimulator#injectFault}. */
public enum KisFault {
    /** The request is processed (a create is stored) and then the connection is reset: the answer is lost. */
    LOSE_RESPONSE_AFTER_PROCESSING,
    /** The request is processed, then the gateway answers HTTP 502: the caller cannot tell it succeeded. */
    GATEWAY_ERROR_AFTER_PROCESSING,
    /** HTTP 503 before anything is processed. */
    UNAVAILABLE_BEFORE_PROCESSING,
    /** The connection is reset before anything is processed. */
    RESET_BEFORE_PROCESSING,
    /** HTTP 429 with Retry-After: 1, nothing processed. */
    THROTTLED,
    /** HTTP 200 with errcode 10201 and a "系统繁忙，请稍后重试" description, nothing processed. */
    BUSY,
    /** The app-token in the request is treated as expired (and forgotten), nothing processed. */
    TOKEN_EXPIRED,
    /** HTTP 519: the gateway refuses the signature. */
    SIGNATURE_REJECTED,
    /**
     * HTTP 200 with errcode 10201 and a description that repeats the client secret, the app secret and the request's
     * KIS-AuthData in plain text (not as {@code name=value}), as a careless gateway might; nothing processed.
     */
    ECHO_SECRETS
}
