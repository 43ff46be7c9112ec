package io.qiao.sync.observe;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.Position;
import io.qiao.sync.SyncReport;

/**
 * Events of a sync run, for metrics, progress and alerts. Every method has an empty default, so a listener
 * overrides only what it needs. Calls come from the run's threads (the fetch-ahead thread reports retries of
 * window reads), so implementations must be thread-safe and quick. A listener that throws is logged and
 * ignored: observing a run never changes its outcome.
 */
public interface SyncListener {

    /** A run began from {@code from} (the committed position, or the source's initial one). */
    default void runStarted(String job, Position from) {
    }

    /** The first batch of a window reached the writer. */
    default void windowStarted(String job, String window) {
    }

    /** A batch went to the sink: {@code written} records written, {@code rejected} refused by the sink. */
    default void batchWritten(String job, String window, int written, int rejected) {
    }

    /** A record was stored as a dead letter (new entry or an existing one seen again). */
    default void deadLettered(String job, DeadLetter deadLetter) {
    }

    /** A transient failure of {@code operation}; attempt {@code nextAttempt} follows. */
    default void retrying(String job, String operation, int nextAttempt, Throwable failure) {
    }

    /**
     * A window is done: its records are durable and the checkpoint moved to its end. (Commits after a batch inside
     * a window are not announced: listeners count windows.)
     */
    default void checkpointCommitted(String job, String window, Checkpoint checkpoint) {
    }

    /**
     * A window failed after its retries; the run ends FAILED with the checkpoint before that window, or before the
     * failed batch in a window that commits after each batch.
     */
    default void windowFailed(String job, String window, Throwable failure) {
    }

    /** The run ended, whatever its status. */
    default void runFinished(SyncReport report) {
    }
}
