package io.qiao.client;

/**
 * The root of every exception Qiao throws on purpose. Unchecked: a caller catches the subtype it can act on
 * ({@link ApiException} when the vendor answered, {@link TransportException} when nobody did,
 * {@link DecodeException} when the answer could not be read).
 *
 * <p>Messages never contain secrets, access tokens or signatures.
 */
public class QiaoException extends RuntimeException {
    private volatile String redactedMessage;

    public QiaoException(String message) {
        super(message);
    }

    public QiaoException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Masks, in this exception, its cause chain and its suppressed exceptions that are Qiao's, every value the
     * redactor knows: {@link #getMessage()}, {@code toString()} and the vendor's own fields then no longer carry
     * the client's secrets or tokens, whatever the vendor echoed. Clients call it on every exception before it
     * leaves them; calling it again with a redactor that knows more masks more.
     *
     * @return this exception, for {@code throw e.redact(redactor)}
     */
    public QiaoException redact(Redactor redactor) {
        if (redactor == null) {
            return this;
        }
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        redactAll(this, redactor, seen);
        return this;
    }

    private static void redactAll(Throwable t, Redactor redactor, java.util.Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        if (t instanceof QiaoException q) {
            String message = q.getMessage();
            q.redactedMessage = message == null ? null : redactor.text(message);
            q.redactFields(redactor);
        }
        redactAll(t.getCause(), redactor, seen);
        for (Throwable s : t.getSuppressed()) {
            redactAll(s, redactor, seen);
        }
    }

    /** Subclasses mask the vendor text they keep beside the message (a vendor message, a body excerpt). */
    protected void redactFields(Redactor redactor) {
    }

    @Override
    public String getMessage() {
        String r = redactedMessage;
        return r != null ? r : super.getMessage();
    }

    /** Whether repeating the same call later may succeed. Subclasses decide; a plain QiaoException is not. */
    public boolean isRetryable() {
        return false;
    }
}
