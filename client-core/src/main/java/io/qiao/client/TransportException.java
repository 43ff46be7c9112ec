package io.qiao.client;

/**
 * No answer from the vendor: the connection failed, was reset, or timed out. Retryable for idempotent
 * calls; for a write, {@link #isSent()} says whether the request may have reached the vendor.
 */
public class TransportException extends QiaoException {
    private final String operation;
    private final boolean sent;

    public TransportException(String operation, String message, boolean sent, Throwable cause) {
        super((operation == null ? "API call" : operation) + ": " + message, cause);
        this.operation = operation;
        this.sent = sent;
    }

    public String operation() {
        return operation;
    }

    /**
     * False only when we know the request never left this process (the connection could not be opened);
     * a non-idempotent write may then be repeated safely.
     */
    public boolean isSent() {
        return sent;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
