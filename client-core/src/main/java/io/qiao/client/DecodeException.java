package io.qiao.client;

/**
 * The vendor answered but the answer cannot be read: malformed JSON, a missing field the envelope
 * requires, a value of the wrong type. Carries a short, redacted excerpt of the body for diagnosis.
 */
public class DecodeException extends QiaoException {
    private final String operation;
    private volatile String excerpt;

    public DecodeException(String operation, String problem, String excerpt, Throwable cause) {
        super((operation == null ? "response" : operation) + ": cannot decode the response: " + problem
                + (excerpt == null || excerpt.isEmpty() ? "" : " [body: " + excerpt + "]"), cause);
        this.operation = operation;
        this.excerpt = excerpt;
    }

    /** For subclasses whose message is a whole sentence of its own, not "cannot decode the response". */
    protected DecodeException(String operation, String message) {
        super(message);
        this.operation = operation;
        this.excerpt = "";
    }

    public String operation() {
        return operation;
    }

    /** At most a few hundred characters of the body, with secrets and tokens masked. */
    public String excerpt() {
        return excerpt;
    }

    @Override
    protected void redactFields(Redactor redactor) {
        excerpt = excerpt == null ? null : redactor.text(excerpt);
    }
}
