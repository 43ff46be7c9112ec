package io.qiao.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run counted, and the {@link SyncReport} made of it.
 *
 * <p>The writer owns most counters. Pages and records read are counted by the readers: what the source
 * delivered, whether or not it reached the writer (a failed attempt's partial batch, a failed window, windows
 * read ahead of a failure or a stop), so that a failed run's report says what it fetched.
 */
final class RunTally {
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    // writer thread only
    private long windows;
    private long written;
    private long created;
    private long updated;
    private long alreadyPresent;
    private long deadLettered;
    private long skipped;

    /** A reader: a window's pages, once per window after all its attempts (a window counts its own cumulatively). */
    void pagesFetched(long count) {
        pages.addAndGet(count);
    }

    /** A reader: records delivered by one attempt at a window, also when the attempt then failed. */
    void recordsRead(long count) {
        read.addAndGet(count);
    }

    void windowCommitted() {
        windows++;
    }

    void wrote(WriteResult<?> result) {
        written += result.written();
        created += result.created();
        updated += result.updated();
        alreadyPresent += result.alreadyPresent();
    }

    void deadLettered() {
        deadLettered++;
    }

    void skipped(int count) {
        skipped += count;
    }

    long deadLetteredCount() {
        return deadLettered;
    }

    /** The run's outcome: how it ended, and where its checkpoint went. */
    record Outcome(Throwable error, String failedWindow, boolean stopped, Position before, Position after) {
    }

    /**
     * The report of a run that started at {@code startedAt} and ends at {@code now}: FAILED when it has an
     * error, else STOPPED when asked to stop, else PARTIAL when any record became a dead letter, else SUCCEEDED.
     */
    SyncReport report(String job, Instant startedAt, Instant now, long retried, Outcome outcome) {
        SyncReport.Status status = outcome.error() != null ? SyncReport.Status.FAILED
                : outcome.stopped() ? SyncReport.Status.STOPPED
                : deadLettered > 0 ? SyncReport.Status.PARTIAL : SyncReport.Status.SUCCEEDED;
        Duration duration = Duration.between(startedAt, now);
        if (duration.isNegative()) {
            duration = Duration.ZERO; // a clock that went back must not make a negative duration
        }
        return new SyncReport(job, status, startedAt, duration, windows, pages.get(), read.get(), written,
                deadLettered, skipped, retried, outcome.before(), outcome.after(), outcome.failedWindow(),
                outcome.error(), outcome.stopped(), null, created, updated, alreadyPresent);
    }
}
