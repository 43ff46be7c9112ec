package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.SyncReport;
import io.qiao.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QiaoJobStatusTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final QiaoJobStatus status = new QiaoJobStatus(clock);

    @Test
    void neverRan_isStaleOnlyOnceStaleAfterHasPassedSinceStartup() {
        clock.advance(Duration.ofMinutes(59));
        assertThat(status.isStale("j", Duration.ofHours(1))).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(status.isStale("j", Duration.ofHours(1))).isTrue();
        assertThat(status.isStale("j", null)).isFalse();
    }

    @Test
    void success_resetsStaleness_failuresDoNot() {
        status.runFinished(report(SyncReport.Status.SUCCEEDED));
        clock.advance(Duration.ofMinutes(90));
        status.runFinished(report(SyncReport.Status.FAILED));
        assertThat(status.isStale("j", Duration.ofHours(1))).isTrue();
        status.runFinished(report(SyncReport.Status.PARTIAL));
        assertThat(status.isStale("j", Duration.ofHours(1))).isFalse();
        assertThat(status.status("j").runs()).isEqualTo(3);
    }

    @Test
    void runSkippedForAnotherReplicasLease_countsAsAlive_butIsNotTheLastReport() {
        status.runFinished(report(SyncReport.Status.SUCCEEDED));
        clock.advance(Duration.ofMinutes(90));
        status.runFinished(new SyncReport("j", SyncReport.Status.SKIPPED_LEASE_HELD, clock.instant(), Duration.ZERO,
                0, 0, 0, 0, 0, 0, 0, null, null, null, null, false, null));
        assertThat(status.isStale("j", Duration.ofHours(1))).isFalse();
        assertThat(status.lastReport("j").orElseThrow().status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(status.status("j").runs()).isEqualTo(1);
    }

    private SyncReport report(SyncReport.Status s) {
        return new SyncReport("j", s, clock.instant(), Duration.ofSeconds(1), 1, 1, 1, 1, 0, 0, 0, null, null, null,
                s == SyncReport.Status.FAILED ? new IllegalStateException("boom") : null, false);
    }
}
