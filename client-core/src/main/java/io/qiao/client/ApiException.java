package io.qiao.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The vendor answered, and the answer is an error: an HTTP error status, or HTTP 200 carrying a non-success
 * business code. Carries everything support needs to find the call on the vendor's side.
 */
public class ApiException extends QiaoException {
    private final int httpStatus;
    private final String vendorCode;
    private volatile String vendorMessage;
    private final String requestId;
    private final String operation;
    private final boolean retryable;
    private final boolean throttled;
    private final Duration retryAfter;

    protected ApiException(Builder b) {
        super(message(b));
        this.httpStatus = b.httpStatus;
        this.vendorCode = b.vendorCode;
        this.vendorMessage = b.vendorMessage;
        this.requestId = b.requestId;
        this.operation = b.operation;
        this.retryable = b.retryable || b.throttled;
        this.throttled = b.throttled;
        this.retryAfter = b.retryAfter;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String message(Builder b) {
        StringBuilder m = new StringBuilder();
        m.append(b.operation == null ? "API call" : b.operation).append(" failed");
        if (b.httpStatus > 0) m.append(": HTTP ").append(b.httpStatus);
        if (b.vendorCode != null) m.append(b.httpStatus > 0 ? ", " : ": ").append("code ").append(b.vendorCode);
        if (b.vendorMessage != null && !b.vendorMessage.isBlank()) m.append(" - ").append(b.vendorMessage);
        if (b.hint != null) m.append(" (").append(b.hint).append(')');
        if (b.requestId != null) m.append(" [request id ").append(b.requestId).append(']');
        return m.toString();
    }

    /** The HTTP status of the answer; 200 for a business error carried in a successful HTTP response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The vendor's own error code (code, subCode, errcode...), or null when the vendor gave none. */
    public String vendorCode() {
        return vendorCode;
    }

    public String vendorMessage() {
        return vendorMessage;
    }

    @Override
    protected void redactFields(Redactor redactor) {
        vendorMessage = vendorMessage == null ? null : redactor.text(vendorMessage);
    }

    /** The vendor's request or trace id, when it sent one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    public String operation() {
        return operation;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * The vendor refused the call because of a rate limit. Such a call was not processed, so even a
     * non-idempotent write may be repeated after backing off.
     */
    public boolean isThrottled() {
        return throttled;
    }

    /** How long the vendor asked us to wait (Retry-After), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static final class Builder {
        private int httpStatus;
        private String vendorCode;
        private String vendorMessage;
        private String requestId;
        private String operation;
        private boolean retryable;
        private boolean throttled;
        private Duration retryAfter;
        private String hint;

        private Builder() {
        }

        public Builder httpStatus(int httpStatus) {
            this.httpStatus = httpStatus;
            return this;
        }

        public Builder vendorCode(String vendorCode) {
            this.vendorCode = vendorCode;
            return this;
        }

        public Builder vendorMessage(String vendorMessage) {
            this.vendorMessage = vendorMessage;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        /** Marks a rate-limit refusal; implies retryable. */
        public Builder throttled(boolean throttled) {
            this.throttled = throttled;
            return this;
        }

        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        /** A short, actionable hint appended to the message ("check the host clock", "re-authorise the app"). */
        public Builder hint(String hint) {
            this.hint = hint;
            return this;
        }

        public ApiException build() {
            Objects.requireNonNull(operation, "operation");
            return new ApiException(this);
        }
    }
}
