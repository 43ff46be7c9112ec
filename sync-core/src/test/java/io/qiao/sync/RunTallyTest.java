package io.qiao.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTallyTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static final Position BEFORE = Position.at(T0.minusSeconds(3600));
    private static final Position AFTER = Position.at(T0.minusSeconds(60));

    private static SyncReport report(RunTally tally, Throwable error, boolean stopped) {
        return tally.report("j", T0, T0.plusSeconds(2), 3,
                new RunTally.Outcome(error, error == null ? null : "w2", stopped, BEFORE, AFTER));
    }

    @Test
    void aRunWithoutDeadLetters_succeeds_andItsReportCarriesEveryCount() {
        RunTally t = new RunTally();
        t.pagesFetched(4);
        t.recordsRead(10);
        t.wrote(WriteResult.of(6, 2, 1, List.of()));
        t.skipped(1);
        t.windowCommitted();

        SyncReport r = report(t, null, false);

        assertThat(r.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(r.windows()).isEqualTo(1);
        assertThat(r.pages()).isEqualTo(4);
        assertThat(r.read()).isEqualTo(10);
        assertThat(r.written()).isEqualTo(9);
        assertThat(r.created()).isEqualTo(6);
        assertThat(r.updated()).isEqualTo(2);
        assertThat(r.alreadyPresent()).isEqualTo(1);
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.retried()).isEqualTo(3);
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.checkpointBefore()).isEqualTo(BEFORE);
        assertThat(r.checkpointAfter()).isEqualTo(AFTER);
    }

    @Test
    void theStatus_isFailedOverStoppedOverPartialOverSucceeded() {
        RunTally t = new RunTally();
        t.deadLettered();

        assertThat(report(t, null, false).status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(report(t, null, true).status()).isEqualTo(SyncReport.Status.STOPPED);
        SyncReport failed = report(t, new SyncException("boom"), true);
        assertThat(failed.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(failed.failedWindow()).isEqualTo("w2");
    }

    @Test
    void aClockThatWentBack_makesAZeroDuration_notANegativeOne() {
        SyncReport r = new RunTally().report("j", T0, T0.minusSeconds(5), 0,
                new RunTally.Outcome(null, null, false, null, null));

        assertThat(r.duration()).isEqualTo(Duration.ZERO);
    }
}
