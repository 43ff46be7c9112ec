package io.qiao.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseRenewerTest {
    private static final String WHAT = "the lease of job 'j' held by 'pod-1'";

    @Test
    void renews_everyThirdOfItsTtl_wellBeforeTheLeaseRunsOut() throws Exception {
        List<Long> renewedAt = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        long start = System.nanoTime();
        try (LeaseRenewer renewer = LeaseRenewer.start("t", WHAT, Duration.ofMillis(1500), () -> {
            renewedAt.add(System.nanoTime() - start);
            twice.countDown();
            return true;
        }, why -> { })) {
            assertThat(twice.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(renewer.loss()).isEmpty();
        }
        // every 500 ms: the first renewal comes a third of the ttl in, well before its end, the next one a period on
        assertThat(TimeUnit.NANOSECONDS.toMillis(renewedAt.get(0))).isBetween(499L, 1499L);
        assertThat(TimeUnit.NANOSECONDS.toMillis(renewedAt.get(1))).isGreaterThanOrEqualTo(999L);
    }

    @Test
    void close_stopsRenewing() throws Exception {
        AtomicInteger renewals = new AtomicInteger();
        CountDownLatch renewing = new CountDownLatch(3);
        LeaseRenewer renewer = LeaseRenewer.start("t", WHAT, Duration.ofMillis(30), () -> {
            renewals.incrementAndGet();
            renewing.countDown();
            return true;
        }, why -> { });
        assertThat(renewing.await(10, TimeUnit.SECONDS)).isTrue();

        renewer.close();
        int afterClose = renewals.get();
        Thread.sleep(200);  // 20 periods

        assertThat(renewals).hasValue(afterClose);
    }

    @Test
    void refusedRenewal_reportsTheLossOnce_sayingWhatWasLost() throws Exception {
        List<String> reported = new CopyOnWriteArrayList<>();
        CountDownLatch refusedThrice = new CountDownLatch(3);
        try (LeaseRenewer renewer = LeaseRenewer.start("t", WHAT, Duration.ofMillis(30), () -> {
            refusedThrice.countDown();
            return false;
        }, reported::add)) {
            assertThat(refusedThrice.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(renewer.loss()).hasValueSatisfying(why -> assertThat(why).startsWith(WHAT + " was lost"));
        }
        assertThat(reported).containsExactly(WHAT + " was lost: it ran out and another owner took it over");
    }

    @Test
    void failingRenewals_reportTheLossAThirdOfATtlBeforeTheLeaseRunsOut() {
        AtomicLong now = new AtomicLong();
        List<String> reported = new CopyOnWriteArrayList<>();
        LeaseRenewer renewer = new LeaseRenewer(WHAT, Duration.ofMillis(300), () -> {
            throw new IllegalStateException("Connection refused");
        }, reported::add, null, now::get);

        now.set(millis(100));
        renewer.renewOnce();
        assertThat(reported).as("200 ms left: the next attempt may get through").isEmpty();

        now.set(millis(200));
        renewer.renewOnce();
        assertThat(reported).as("100 ms left, and the next attempt comes only at the expiry").singleElement()
                .satisfies(why -> assertThat(why).startsWith("cannot renew " + WHAT + " (Connection refused)")
                        .contains("runs out in 100 ms"));
    }

    @Test
    void successfulRenewal_movesTheExpiryOn() {
        AtomicLong now = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        List<String> reported = new CopyOnWriteArrayList<>();
        LeaseRenewer renewer = new LeaseRenewer(WHAT, Duration.ofMillis(300), () -> {
            if (calls.incrementAndGet() == 1) {
                return true;
            }
            throw new IllegalStateException("Connection refused");
        }, reported::add, null, now::get);

        now.set(millis(100));
        renewer.renewOnce();  // runs out at 400 ms now, not 300
        now.set(millis(250));
        renewer.renewOnce();
        assertThat(reported).as("150 ms left after the renewal at 100 ms").isEmpty();
        now.set(millis(320));
        renewer.renewOnce();
        assertThat(reported).hasSize(1);
    }

    @Test
    void lostLease_interruptsTheWorkOfAnInterruptingRenewer_andCloseClearsThatInterrupt() {
        boolean interrupted = false;
        LeaseRenewer renewer = LeaseRenewer.startInterrupting("t", WHAT, Duration.ofMillis(30), () -> false);
        try {
            Thread.sleep(10_000);  // the work
        } catch (InterruptedException e) {
            interrupted = true;
            Thread.currentThread().interrupt();  // as well-behaved work does
        } finally {
            renewer.close();
        }

        assertThat(interrupted).as("the work was stopped").isTrue();
        assertThat(renewer.loss()).isPresent();
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt does not leak past close").isFalse();
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
