package io.qiao.client;

/**
 * A listing was stopped because the vendor seemed to page without end: a page repeated the one before it, a
 * continuation repeated, or a window took more pages or more time than its {@link PagingLimits}. The message is
 * one sentence naming the vendor, the operation, the page and the reason. Not retryable: the same request would
 * page the same way again.
 */
public class PagingException extends DecodeException {
    private final int page;

    public PagingException(String operation, int page, String message) {
        super(operation, message);
        this.page = page;
    }

    /** The page (1 for the first of its window) at which the listing was stopped. */
    public int page() {
        return page;
    }
}
