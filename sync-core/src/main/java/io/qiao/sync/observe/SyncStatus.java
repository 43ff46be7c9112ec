package io.qiao.sync.observe;

import io.qiao.sync.SyncReport;
import io.qiao.sync.jdbc.JdbcUrls;
import java.time.Instant;
import java.util.Objects;

/**
 * A job's running totals and health, kept across runs by a {@link SyncStatusStore}: what the old monitoring
 * scripts kept in {@code sync_stats.json} (last sync time, total synced, last error, error count), plus
 * enough to alert on "has not succeeded for a while".
 *
 * @param job                 the job
 * @param lastRunAt           when the last run started, or null before the first
 * @param lastStatus          the last run's status (STOPPED when a stop request, e.g. SIGTERM, ended it early), or null
 *                            before the first
 * @param lastSuccessAt       when the last run that did not fail (succeeded, partial or stopped) started, or null
 * @param runs                runs so far
 * @param totalRead           records read, all runs
 * @param totalWritten        records written, all runs
 * @param totalDeadLettered   records dead-lettered, all runs
 * @param lastError           the last failed run's error summary (JDBC URLs in it redacted), or null
 * @param errorCount          failed runs, all time
 * @param consecutiveFailures failed runs since the last success
 * @param watermark           the committed watermark after the last run, or null
 */
public record SyncStatus(String job, Instant lastRunAt, SyncReport.Status lastStatus, Instant lastSuccessAt, long runs,
                         long totalRead, long totalWritten, long totalDeadLettered, String lastError, long errorCount,
                         long consecutiveFailures, Instant watermark) {

    public SyncStatus {
        Objects.requireNonNull(job, "job");
    }

    /** The status of a job that never ran. */
    public static SyncStatus initial(String job) {
        return new SyncStatus(job, null, null, null, 0, 0, 0, 0, null, 0, 0, null);
    }

    /** This status updated with one more run; unchanged by a run skipped because another replica held the lease. */
    public SyncStatus after(SyncReport r) {
        if (r.status() == SyncReport.Status.SKIPPED_LEASE_HELD) {
            return this;
        }
        boolean failed = r.failed();
        return new SyncStatus(job, r.startedAt(), r.status(), failed ? lastSuccessAt : r.startedAt(), runs + 1,
                totalRead + r.read(), totalWritten + r.written(), totalDeadLettered + r.deadLettered(),
                failed ? JdbcUrls.redactIn(r.errorSummary()) : lastError, errorCount + (failed ? 1 : 0),
                failed ? consecutiveFailures + 1 : 0,
                r.checkpointAfter() != null ? r.checkpointAfter().watermark() : watermark);
    }
}
