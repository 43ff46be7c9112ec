package io.qiao.sync;

import io.qiao.sync.store.LeaseHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Exactly what one run did. Counts are of operations: a window that is read again after a transient failure
 * counts its pages and records once per attempt (each attempt fetched them from the source, and spent the
 * vendor's quota, again; its records are written again too, harmlessly, since sinks are idempotent).
 *
 * <p>{@code pages} and {@code read} say what the source delivered, whether or not the run got to write it:
 * they include the window that failed (every attempt, up to the failure) and any windows read ahead of a
 * failure or a stop. So on a run that neither failed, stopped nor retried, {@code read} is exactly
 * {@code written + deadLettered + skipped}; otherwise it may be more.
 *
 * @param job                the job's name
 * @param status             SUCCEEDED, PARTIAL (dead letters were written), FAILED, STOPPED (a stop request ended it
 *                           early, without an error), or SKIPPED_LEASE_HELD (the job did not run: another owner
 *                           holds its lease)
 * @param startedAt          when the run began (job clock)
 * @param duration           how long it took (job clock)
 * @param windows            windows completed (records durable, checkpoint moved)
 * @param pages              pages (requests, queries) the source fetched, over all windows and attempts
 * @param read               records the source delivered, over all windows and attempts
 * @param written            records the sink reported written
 * @param deadLettered       records stored as dead letters
 * @param skipped            records the mapper deliberately skipped
 * @param retried            retries of transient failures (reads, writes, dead letters, commits)
 * @param checkpointBefore   the committed position when the run began, or null when the job had none
 * @param checkpointAfter    the committed position when the run ended, or null when there still is none
 * @param failedWindow       the window that failed, or null
 * @param error              the first error, or null
 * @param stopped            whether a stop request ended the run early (after a complete batch)
 * @param leaseHeldBy        who held the job's lease when a SKIPPED_LEASE_HELD run tried to take it, or null
 *                           (also null in the rare case that the holder let go while this runner looked)
 * @param created            of {@code written}, records the target did not have before (as the sink reported)
 * @param updated            of {@code written}, records the write changed in the target
 * @param alreadyPresent     of {@code written}, records the target already had as written: nothing changed
 */
public record SyncReport(String job, Status status, Instant startedAt, Duration duration, long windows, long pages,
                         long read, long written, long deadLettered, long skipped, long retried,
                         Position checkpointBefore, Position checkpointAfter, String failedWindow, Throwable error,
                         boolean stopped, LeaseHolder leaseHeldBy, long created, long updated,
                         long alreadyPresent) {

    public SyncReport {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
    }

    /** A report whose written records are not classified (all of them {@link #unclassified()}). */
    public SyncReport(String job, Status status, Instant startedAt, Duration duration, long windows, long pages,
                      long read, long written, long deadLettered, long skipped, long retried,
                      Position checkpointBefore, Position checkpointAfter, String failedWindow, Throwable error,
                      boolean stopped, LeaseHolder leaseHeldBy) {
        this(job, status, startedAt, duration, windows, pages, read, written, deadLettered, skipped, retried,
                checkpointBefore, checkpointAfter, failedWindow, error, stopped, leaseHeldBy, 0, 0, 0);
    }

    /** A report without lease information, as every run that is not {@link Status#SKIPPED_LEASE_HELD} has. */
    public SyncReport(String job, Status status, Instant startedAt, Duration duration, long windows, long pages,
                      long read, long written, long deadLettered, long skipped, long retried,
                      Position checkpointBefore, Position checkpointAfter, String failedWindow, Throwable error,
                      boolean stopped) {
        this(job, status, startedAt, duration, windows, pages, read, written, deadLettered, skipped, retried,
                checkpointBefore, checkpointAfter, failedWindow, error, stopped, null);
    }

    /** The report of a run that did not start because another owner holds the job's lease. */
    public static SyncReport leaseHeld(String job, Instant at, LeaseHolder holder) {
        return new SyncReport(job, Status.SKIPPED_LEASE_HELD, at, Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, null, null, null,
                null, false, holder);
    }

    public enum Status {
        SUCCEEDED, PARTIAL, FAILED,
        /**
         * A stop request ({@link SyncJob#requestStop}, e.g. on SIGTERM) ended the run after a complete batch and
         * before the source's end; what it committed stays, the next run goes on from there. Not a failure; its
         * dead letters, if any, are in {@link #deadLettered}.
         */
        STOPPED,
        /**
         * The job did not run, an ordinary outcome with several replicas: another owner (replica) holds the
         * job's lease; nothing was read or written. Neither a success nor a failure.
         */
        SKIPPED_LEASE_HELD
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    public Optional<Throwable> firstError() {
        return Optional.ofNullable(error);
    }

    /** The checkpoint moved during this run. */
    public boolean advanced() {
        return checkpointAfter != null && !checkpointAfter.equals(checkpointBefore);
    }

    /** Written records the sink did not classify as created, updated or already present. */
    public long unclassified() {
        return written - created - updated - alreadyPresent;
    }

    /** Records per second written, on the job clock; 0 when no time passed. */
    public double writtenPerSecond() {
        long nanos = duration.toNanos();
        return nanos <= 0 ? 0 : written * 1e9 / nanos;
    }

    /** The first error and its causes in one line: "write batch failed: HTTP 503; caused by: ...". */
    public String errorSummary() {
        if (error == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(describe(error));
        int depth = 0;
        for (Throwable c = error.getCause(); c != null && c != error && depth < 8; c = c.getCause(), depth++) {
            s.append("; caused by: ").append(describe(c));
        }
        return s.toString();
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    public String toString() {
        if (status == Status.SKIPPED_LEASE_HELD) {
            return job + " " + status + ": not run; the lease is held by "
                    + (leaseHeldBy == null ? "another owner" : leaseHeldBy);
        }
        StringBuilder s = new StringBuilder();
        s.append(job).append(' ').append(status).append(": ").append(windows).append(" windows, ").append(pages)
                .append(" pages, ").append(read).append(" read, ").append(written).append(" written (")
                .append(created).append(" created, ").append(updated).append(" updated, ").append(alreadyPresent)
                .append(" already present");
        if (unclassified() > 0) {
            s.append(", ").append(unclassified()).append(" not classified by the sink");
        }
        s.append("), ").append(deadLettered).append(" dead-lettered, ").append(skipped).append(" skipped, ")
                .append(retried).append(" retried in ").append(duration.toMillis()).append(" ms; checkpoint ")
                .append(checkpointBefore == null ? "none" : checkpointBefore.watermark())
                .append(" -> ").append(checkpointAfter == null ? "none" : checkpointAfter.watermark());
        if (stopped) {
            s.append("; stopped on request");
        }
        if (error != null) {
            s.append("; failed").append(failedWindow == null ? "" : " in window " + failedWindow).append(": ")
                    .append(errorSummary());
        }
        return s.toString();
    }
}
