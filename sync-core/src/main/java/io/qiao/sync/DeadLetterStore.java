package io.qiao.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keeps rejected records. Implementations: in memory, JSON Lines file, JDBC table; all pass one contract
 * test suite. {@link #add} must be durable when it returns: the engine moves a checkpoint past a window
 * only after that window's dead letters are stored.
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
}
