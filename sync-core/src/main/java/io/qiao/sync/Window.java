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

    /** How many pages (requests, queries) the window has fetched so far, for the report. */
    default long pagesFetched() {
        return 0;
    }
}
