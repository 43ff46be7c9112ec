package io.qiao.testkit.jushuitan;

/** What the simulator does to a request instead of answering it normally (see {@link JushuitanSimulator#injectFault}). */
public enum JushuitanFault {
    /** The connection is reset before any answer. */
    CONNECTION_RESET,
    /** The connection is closed without an answer. */
    EMPTY_RESPONSE,
    /** HTTP 500 with an HTML body, as a gateway in trouble sends. */
    HTTP_500,
    /** HTTP 503. */
    HTTP_503,
    /** HTTP 200 whose body is not JSON. */
    MALFORMED_JSON,
    /** Code 199: over 5 requests a second. */
    THROTTLE_PER_SECOND,
    /** Code 200: over 100 requests a minute. */
    THROTTLE_PER_MINUTE,
    /** Code 100: the access token is refused (as if it expired on the vendor's side). */
    TOKEN_INVALID
}
