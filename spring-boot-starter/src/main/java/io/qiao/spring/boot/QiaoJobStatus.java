package io.qiao.spring.boot;

import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.SyncReport;
import io.qiao.sync.observe.SyncStatus;
import io.qiao.sync.observe.SyncStatusListener;
import io.qiao.sync.observe.SyncStatusStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this application instance saw of each job's runs: its {@link SyncStatus} totals, the last report, and when
 * another replica was last seen running it. The health contributor and the {@code qiao} endpoint read it; the
 * {@link SyncJobs} builders register it as a listener.
 *
 * <p>Staleness is judged from this instance's view: a run skipped because another replica held the job's lease
 * counts as the job being alive (that replica was running it then), so a replica that always loses the lease
 * does not turn DOWN; the one that runs the job reports its failures.
 */
public final class QiaoJobStatus implements SyncListener {
    private final SyncStatusListener statuses = new SyncStatusListener(SyncStatusStore.inMemory());
    private final Map<String, SyncReport> lastReports = new ConcurrentHashMap<>();
    private final Map<String, Instant> runElsewhereAt = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Instant startedAt;

    QiaoJobStatus(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public void runFinished(SyncReport report) {
        if (report.status() == SyncReport.Status.SKIPPED_LEASE_HELD) {
            runElsewhereAt.put(report.job(), report.startedAt());
        } else {
            lastReports.put(report.job(), report);
        }
        statuses.runFinished(report);
    }

    /** The job's totals and last outcome on this instance (initial before its first run). */
    public SyncStatus status(String job) {
        return statuses.status(job);
    }

    /** The report of the job's last run on this instance that was not skipped for the lease. */
    public Optional<SyncReport> lastReport(String job) {
        return Optional.ofNullable(lastReports.get(job));
    }

    /** When this instance last skipped the job because another replica held its lease, if ever. */
    public Optional<Instant> lastSkippedForLease(String job) {
        return Optional.ofNullable(runElsewhereAt.get(job));
    }

    /**
     * Whether the job has gone longer than {@code staleAfter} without a success here, a sighting of it running on
     * another replica, or (before either) since this instance started. Never stale when {@code staleAfter} is null.
     */
    public boolean isStale(String job, Duration staleAfter) {
        if (staleAfter == null) {
            return false;
        }
        Instant last = status(job).lastSuccessAt();
        Instant elsewhere = runElsewhereAt.get(job);
        if (elsewhere != null && (last == null || elsewhere.isAfter(last))) {
            last = elsewhere;
        }
        if (last == null) {
            last = startedAt;
        }
        return Duration.between(last, clock.instant()).compareTo(staleAfter) > 0;
    }

    @Override
    public String toString() {
        return "QiaoJobStatus{jobs=" + lastReports.keySet() + "}";
    }
}
