package io.qiao.sync.observe;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.Position;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.jdbc.JdbcUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs runs through SLF4J (logger {@code io.qiao.sync.SyncJob}): one INFO line per run with every count,
 * WARN for a failed run (a run does not throw, so this is where the failure is seen), INFO per retry, DEBUG
 * per window, batch and dead letter (with its reasons; a bad feed can reject thousands of records, and the
 * run's line already counts them). Dead-letter payloads are never logged: they may
 * hold personal data; they stay in the dead-letter store.
 */
public final class LoggingSyncListener implements SyncListener {
    private static final Logger log = LoggerFactory.getLogger(SyncJob.class);

    @Override
    public void runStarted(String job, Position from) {
        log.debug("{}: run started from {}", job, from);
    }

    @Override
    public void windowStarted(String job, String window) {
        log.debug("{}: window {}", job, window);
    }

    @Override
    public void batchWritten(String job, String window, int written, int rejected) {
        log.debug("{}: batch in {}: {} written, {} refused by the sink", job, window, written, rejected);
    }

    @Override
    public void deadLettered(String job, DeadLetter d) {
        log.debug("{}: dead letter {} (key {}, {} stage, attempt {}): {}", job, d.id(), d.key(), d.stage(),
                d.attempts(), String.join("; ", d.reasons()));
    }

    @Override
    public void retrying(String job, String operation, int nextAttempt, Throwable failure) {
        log.info("{}: {} failed ({}), attempt {} follows", job, operation, failure == null ? "?" : JdbcUrls.redactIn(failure.getMessage()),
                nextAttempt);
    }

    @Override
    public void checkpointCommitted(String job, String window, Checkpoint c) {
        log.debug("{}: window {} done, checkpoint v{} at {}", job, window, c.version(), c.position());
    }

    @Override
    public void runFinished(SyncReport report) {
        if (report.failed()) {
            log.warn("{}", JdbcUrls.redactIn(report.toString()));
        } else {
            log.info("{}", JdbcUrls.redactIn(report.toString()));
        }
    }
}
