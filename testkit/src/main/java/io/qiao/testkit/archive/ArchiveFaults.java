package io.qiao.testkit.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Faults to inject into the simulator, each aimed at the n-th request of one operation (counted from the last
 * {@link ArchiveSimulator#reset()}, starting at 1). "The upload of the 2nd file fails" is {@code failUpload(2)}.
 * Thread-safe.
 */
public final class ArchiveFaults {
    /** The four operations of the archive API. */
    public enum Operation {
        TOKEN, QUERY, CREATE, UPLOAD
    }

    /** What happens to the targeted request. */
    public enum Kind {
        /** Answer with the status; the request has no effect. */
        FAIL_BEFORE,
        /** Carry the request out (store the record or file), then answer 500: the client cannot know it worked. */
        FAIL_AFTER,
        /** Reset the connection without an answer; the request has no effect. */
        CONNECTION_RESET,
        /** Answer 429 with {@code Retry-After: 1}; the request has no effect. */
        THROTTLE,
        /**
         * Answer 400 with a message that repeats the app secret and the request's access token in plain text (not
         * as {@code name=value}), as a careless archive system might; the request has no effect.
         */
        ECHO_SECRETS
    }

    record Fault(Operation operation, int nth, Kind kind, int status) {
    }

    private final List<Fault> faults = new ArrayList<>();
    private volatile boolean endlessPaging;

    ArchiveFaults() {
    }

    /** The n-th upload answers 500 and stores nothing. */
    public ArchiveFaults failUpload(int nth) {
        return add(Operation.UPLOAD, nth, Kind.FAIL_BEFORE, 500);
    }

    /** The n-th upload stores the file, then answers 500. */
    public ArchiveFaults failUploadAfterStoring(int nth) {
        return add(Operation.UPLOAD, nth, Kind.FAIL_AFTER, 500);
    }

    /** The n-th create stores the record, then answers 500. */
    public ArchiveFaults failCreateAfterStoring(int nth) {
        return add(Operation.CREATE, nth, Kind.FAIL_AFTER, 500);
    }

    /** The n-th request of {@code operation} answers {@code status} and has no effect. */
    public ArchiveFaults status(Operation operation, int nth, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status (400-599), was " + status);
        }
        return add(operation, nth, Kind.FAIL_BEFORE, status);
    }

    /** The n-th request of {@code operation} loses its connection before any effect. */
    public ArchiveFaults resetConnection(Operation operation, int nth) {
        return add(operation, nth, Kind.CONNECTION_RESET, 0);
    }

    /** The n-th request of {@code operation} is refused with 429. */
    public ArchiveFaults throttle(Operation operation, int nth) {
        return add(operation, nth, Kind.THROTTLE, 429);
    }

    /** The n-th request of {@code operation} is refused with a message echoing the app secret and the token. */
    public ArchiveFaults echoSecrets(Operation operation, int nth) {
        return add(operation, nth, Kind.ECHO_SECRETS, 400);
    }

    /**
     * Endless paging on (true) or off: every query is answered as page 1 with a {@code total} far beyond it,
     * whatever page is asked for: the same records for ever, as a system that ignores the page parameter would.
     * Off again after {@link #clear()}.
     */
    public ArchiveFaults endlessPaging(boolean on) {
        this.endlessPaging = on;
        return this;
    }

    boolean endlessPaging() {
        return endlessPaging;
    }

    public synchronized void clear() {
        endlessPaging = false;
        faults.clear();
    }

    private synchronized ArchiveFaults add(Operation operation, int nth, Kind kind, int status) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth counts from 1, was " + nth);
        }
        faults.add(new Fault(operation, nth, kind, status));
        return this;
    }

    synchronized Optional<Fault> take(Operation operation, int nth) {
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (f.operation() == operation && f.nth() == nth) {
                faults.remove(i);
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
