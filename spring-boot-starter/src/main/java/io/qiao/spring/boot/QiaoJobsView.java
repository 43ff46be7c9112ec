package io.qiao.spring.boot;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.ReplayReport;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.observe.SyncStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What the health contributor and the {@code qiao} endpoint say about each SyncJob bean: its status on this
 * instance, its last run, its checkpoint and its open dead letters by reason (the last two read from the shared
 * stores). Plain maps, so that Actuator's JSON needs no knowledge of Qiao's types.
 */
public final class QiaoJobsView {
    /** A job's status before this instance saw it run. */
    static final String NEVER_RAN = "NEVER_RAN";

    private final QiaoJobStatus status;
    private final QiaoProperties properties;
    private final ObjectProvider<SyncJob<?, ?>> jobs;

    QiaoJobsView(QiaoJobStatus status, QiaoProperties properties, ObjectProvider<SyncJob<?, ?>> jobs) {
        this.status = status;
        this.properties = properties;
        this.jobs = jobs;
    }

    /** Every SyncJob bean by name. */
    Map<String, SyncJob<?, ?>> jobs() {
        Map<String, SyncJob<?, ?>> all = new TreeMap<>();
        jobs.orderedStream().forEach(j -> all.put(j.name(), j));
        return all;
    }

    Optional<SyncJob<?, ?>> job(String name) {
        return Optional.ofNullable(jobs().get(name));
    }

    /** Whether the job is DOWN: its last run here failed, or it is stale per {@code qiao.jobs.<name>.stale-after}. */
    boolean isDown(SyncJob<?, ?> job) {
        SyncStatus s = status.status(job.name());
        return s.lastStatus() == SyncReport.Status.FAILED || isStale(job);
    }

    boolean isStale(SyncJob<?, ?> job) {
        QiaoProperties.Job config = properties.getJobs().get(job.name());
        return config != null && status.isStale(job.name(), config.getStaleAfter());
    }

    /** The health details of one job: status, stale, checkpoint, open dead letters by reason, last error. */
    Map<String, Object> health(SyncJob<?, ?> job) {
        Map<String, Object> d = new LinkedHashMap<>();
        SyncStatus s = status.status(job.name());
        d.put("status", s.lastStatus() == null ? NEVER_RAN : s.lastStatus().name());
        d.put("running", job.isRunning());
        d.put("stale", isStale(job));
        if (s.lastSuccessAt() != null) {
            d.put("lastSuccessAt", s.lastSuccessAt().toString());
        }
        if (s.lastError() != null && s.lastStatus() == SyncReport.Status.FAILED) {
            d.put("lastError", s.lastError());
        }
        putStores(job, d);
        return d;
    }

    /** The endpoint's view of one job: the health details plus the last run report and the schedule. */
    Map<String, Object> describe(SyncJob<?, ?> job) {
        Map<String, Object> d = health(job);
        QiaoProperties.Job config = properties.getJobs().get(job.name());
        if (config != null) {
            Map<String, Object> schedule = new LinkedHashMap<>();
            schedule.put("enabled", config.isEnabled());
            schedule.put("every", String.valueOf(config.getEvery()));
            if (config.getStaleAfter() != null) {
                schedule.put("staleAfter", config.getStaleAfter().toString());
            }
            d.put("schedule", schedule);
        }
        status.lastReport(job.name()).ifPresent(r -> d.put("lastRun", report(r)));
        SyncStatus s = status.status(job.name());
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("runs", s.runs());
        totals.put("read", s.totalRead());
        totals.put("written", s.totalWritten());
        totals.put("deadLettered", s.totalDeadLettered());
        totals.put("failedRuns", s.errorCount());
        d.put("totals", totals);
        return d;
    }

    static Map<String, Object> replayReport(ReplayReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempted", r.attempted());
        m.put("resolved", r.resolved());
        m.put("failedAgain", r.failedAgain());
        return m;
    }

    private static void putStores(SyncJob<?, ?> job, Map<String, Object> d) {
        try {
            Optional<Checkpoint> c = job.admin().checkpoint();
            d.put("checkpoint", c.map(QiaoJobsView::checkpoint).orElse(null));
        } catch (RuntimeException e) {
            d.put("checkpointError", e.getMessage());
        }
        try {
            d.put("openDeadLetters", new TreeMap<>(QiaoMetrics.openByReason(job)));
        } catch (RuntimeException e) {
            d.put("openDeadLettersError", e.getMessage());
        }
    }

    private static Map<String, Object> checkpoint(Checkpoint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("watermark", c.position().watermark().toString());
        if (c.position().cursor() != null) {
            m.put("cursor", c.position().cursor());
        }
        m.put("version", c.version());
        m.put("updatedAt", c.updatedAt() == null ? null : c.updatedAt().toString());
        return m;
    }

    private static Map<String, Object> report(SyncReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status().name());
        m.put("startedAt", r.startedAt().toString());
        m.put("duration", r.duration().toString());
        m.put("windows", r.windows());
        m.put("read", r.read());
        m.put("written", r.written());
        m.put("deadLettered", r.deadLettered());
        m.put("skipped", r.skipped());
        m.put("retried", r.retried());
        if (r.failed()) {
            m.put("error", r.errorSummary());
        }
        return m;
    }

}
