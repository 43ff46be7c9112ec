package io.qiao.sync.store;

import io.qiao.sync.record.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps rejected records. Implementations: in memory, JSON Lines file, JDBC table; all pass one contract
 * test suite. {@link #add} must be durable when it returns, or at the latest when {@link #flush()} returns:
 * the engine calls {@code flush()} and only then moves a checkpoint past a window, so a window's dead
 * letters are stored before the window counts as done.
 */
public interface DeadLetterStore {

    /**
     * Records a rejection. When an unresolved entry of the same job and key exists, it is updated (reasons,
     * lastSeen, attempts + 1) instead of duplicated.
     */
    DeadLetter add(String job, String key, String payload, Rejection.Stage stage, List<String> reasons,
                   String window, Instant now);

    /** Unresolved (or, with {@code includeResolved}, all) entries of a job, oldest first, at most {@code limit}. */
    List<DeadLetter> list(String job, boolean includeResolved, int limit);

    /** Marks entries resolved after a successful replay. */
    void resolve(String job, List<String> ids, Instant now);

    /** Deletes a job's entries (resolved only, or all); returns how many were deleted. */
    int purge(String job, boolean resolvedOnly);

    /**
     * Counts of unresolved entries last seen in {@code [from, to)}, grouped by normalised reason (numbers,
     * quoted values and ids replaced, so that "sku 123 not found" and "sku 456 not found" are one line),
     * most frequent first: the "which errors happen most in the last 24 hours" report.
     */
    Map<String, Long> summary(String job, Instant from, Instant to);

    /**
     * Makes every entry added so far durable (fsync). Stores whose {@link #add} is already durable need not
     * override it; a file store batches its fsyncs here, once per window instead of once per record.
     */
    default void flush() {
    }

    /** One entry of a job by id (resolved or not), or empty. */
    default Optional<DeadLetter> find(String job, String id) {
        return list(job, true, Integer.MAX_VALUE).stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
