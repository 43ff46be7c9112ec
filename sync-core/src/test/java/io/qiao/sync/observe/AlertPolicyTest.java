package io.qiao.sync.observe;

import io.qiao.sync.MovingClock;
import io.qiao.sync.Position;
import io.qiao.sync.SyncReport;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {
    private final MovingClock clock =
            new MovingClock(Instant.parse("2024-05-01T00:00:00Z"));

    private AlertPolicy policy(long deadLetterThreshold, Duration staleAfter) {
        return new AlertPolicy(clock, Duration.ofMinutes(10), deadLetterThreshold, staleAfter, "[T]");
    }

    private SyncReport failed(String job) {
        return new SyncReport(job, SyncReport.Status.FAILED, clock.instant(), Duration.ofSeconds(3), 2, 5, 120, 100,
                3, 0, 2, null, null, "[w)", new IllegalStateException("boom"), false);
    }

    private SyncReport ok(String job, long deadLetters) {
        return new SyncReport(job, deadLetters > 0 ? SyncReport.Status.PARTIAL : SyncReport.Status.SUCCEEDED,
                clock.instant(), Duration.ofSeconds(1), 1, 1, 10, 10 - deadLetters, deadLetters, 0, 0, null,
                Position.at(clock.instant()), null, null, false);
    }

    @Test
    void throttling_holdsBackRepeatsWithinTheInterval_andTheNextAlertCountsThem() {
        AlertPolicy policy = policy(1, null);

        List<Alert> first = policy.runFinished(failed("orders"));
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        List<Alert> second = policy.runFinished(failed("orders"));
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        List<Alert> third = policy.runFinished(failed("orders"));
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        List<Alert> fourth = policy.runFinished(failed("orders"));

        assertThat(first).hasSize(1);
        assertThat(first.get(0).message()).startsWith("[T] orders\n运行失败").doesNotContain("held back");
        assertThat(second).isEmpty();
        assertThat(third).isEmpty();
        assertThat(fourth).hasSize(1);
        assertThat(fourth.get(0).message()).contains("2 similar alerts held back");
    }

    @Test
    void throttling_isPerJobAndPerKind() {
        AlertPolicy policy = policy(1, null);

        assertThat(policy.runFinished(failed("orders"))).hasSize(1);
        assertThat(policy.runFinished(failed("refunds"))).as("another job").hasSize(1);
        assertThat(policy.runFinished(ok("orders", 3))).as("another kind").extracting(Alert::kind)
                .containsExactly(WebhookAlerter.Kind.DEAD_LETTERS);
    }

    @Test
    void deadLetterThreshold_alertsAtTheThresholdOnly_andZeroTurnsItOff() {
        assertThat(policy(5, null).runFinished(ok("a", 4))).isEmpty();
        assertThat(policy(5, null).runFinished(ok("a", 5))).extracting(Alert::kind)
                .containsExactly(WebhookAlerter.Kind.DEAD_LETTERS);
        assertThat(policy(0, null).runFinished(ok("a", 500))).isEmpty();
    }

    @Test
    void stale_alertsOnlyPastStaleAfter_andAFailedRunAfterALongSuccessAddsIt() {
        AlertPolicy policy = policy(1, Duration.ofHours(2));
        policy.runFinished(ok("orders", 0));

        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(policy.runFinished(failed("orders"))).extracting(Alert::kind)
                .containsExactly(WebhookAlerter.Kind.RUN_FAILED);
        clock.now = clock.now.plus(Duration.ofHours(2));
        List<Alert> later = policy.runFinished(failed("orders"));

        assertThat(later).extracting(Alert::kind)
                .containsExactly(WebhookAlerter.Kind.RUN_FAILED, WebhookAlerter.Kind.NOT_SUCCEEDED);
        assertThat(later.get(1).message()).contains("no successful run for 3 h");
        assertThat(policy(1, null).stale("orders", Instant.EPOCH)).as("staleAfter off").isEmpty();
    }

    @Test
    void leaseHeldSkip_isNoAlertAndNoSuccess() {
        AlertPolicy policy = policy(1, Duration.ofHours(2));
        SyncReport skipped = new SyncReport("orders", SyncReport.Status.SKIPPED_LEASE_HELD, clock.instant(),
                Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, false);

        assertThat(policy.runFinished(skipped)).isEmpty();
        clock.now = clock.now.plus(Duration.ofHours(3));
        assertThat(policy.runFinished(failed("orders"))).extracting(Alert::kind)
                .as("no success was recorded, so no stale alert").containsExactly(WebhookAlerter.Kind.RUN_FAILED);
    }
}
