package io.qiao.archive.internal;

/** The logical operation names, as they appear in metrics, logs and exception messages. */
public final class Operations {
    public static final String TOKEN = "archive.auth.token";
    public static final String QUERY = "archive.query";
    public static final String CREATE = "archive.create";
    public static final String UPLOAD = "archive.files.upload";
    public static final String LOOKUP = "archive.lookup";

    private Operations() {
    }
}
