package io.qiao.sync;

import java.util.Iterator;

/**
 * One unit of progress of a source: a set of records read lazily, and the position the job may commit once
 * every one of them is durably written or dead-lettered. The engine never commits a window's
 * {@link #endPosition()} before that.
 *
 * @param <T> the record type
 */
public interface Window<T> {

    /** For reports and logs, e.g. "[2024-05-01T00:00:00Z, 2024-05-08T00:00:00Z)". */
    String describe();

    /** The position to commit after this window. */
    Position endPosition();

    /**
     * The records of this window, fetched lazily page by page. Each call starts afresh from the window's
     * first record: the engine calls it again to retry a window that failed part-way.
     */
    Iterator<T> records();

    /**
     * The position to commit once the window's records up to and including {@code record} are durable, so that a
     * crash in a large window redoes at most one batch; or null (the default) when the window can only be committed
     * whole, at {@link #endPosition()}. {@code record} is the {@code index}-th (from 0) record that the current
     * {@link #records()} iterator delivered; the engine asks after a batch's last record, on the reading thread.
     *
     * <p>A window may answer only if its records come in a fixed order and {@link Source#windows} started from the
     * returned position delivers exactly the records after {@code record} in that order (modulo re-deliveries,
     * which idempotent sinks absorb) and loses none. The engine commits it only when it moves the checkpoint
     * forward.
     */
    default Position positionAfter(T record, long index) {
        return null;
    }

    /** How many pages (requests, queries) the window has fetched so far, for the report. */
    default long pagesFetched() {
        return 0;
    }
}
