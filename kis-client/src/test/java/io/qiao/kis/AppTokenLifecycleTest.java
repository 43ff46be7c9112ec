package io.qiao.kis;

import static io.qiao.kis.KisTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.JdkHttpTransport;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.kis.model.MiscellaneousReceiptQuery;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppTokenLifecycleTest {
    private final ManualClock clock = ManualClock.startingNow();
    private final KisSimulator sim = KisSimulator.builder().clock(clock).tokenTtl(Duration.ofMinutes(30)).start();

    @AfterEach
    void stop() {
        sim.stop();
    }

    private void read(KisClient kis) {
        kis.miscellaneousReceipts().list(MiscellaneousReceiptQuery.all()).stream().count();
    }

    @Test
    void token_isCachedAcrossCalls() {
        KisClient kis = clientFor(sim).build();

        for (int i = 0; i < 5; i++) {
            read(kis);
        }

        assertThat(sim.tokensIssued()).isEqualTo(1);
        assertThat(sim.calls(KisOperation.LIST_RECEIPTS)).isEqualTo(5);
    }

    @Test
    void token_isRenewedBeforeItExpires_byTheClientClock() {
        KisClient kis = clientFor(sim).tokenRefreshMargin(Duration.ofMinutes(1)).build();
        read(kis);

        clock.advance(Duration.ofMinutes(28));
        read(kis);
        assertThat(sim.tokensIssued()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // inside the 1-minute margin of the 30-minute token
        read(kis);
        assertThat(sim.tokensIssued()).isEqualTo(2);
    }

    @Test
    void token_refusedByKis_isRenewedAndTheCallRepeatedOnce() {
        KisClient kis = clientFor(sim).build();
        read(kis);

        sim.expireTokens();
        read(kis);

        assertThat(sim.tokensIssued()).isEqualTo(2);
        assertThat(sim.calls(KisOperation.LIST_RECEIPTS)).isEqualTo(3);
    }

    @Test
    void token_refusedByKis_theRepeatWaitsForARateLimitPermitOfItsOwn() {
        Duration interval = Duration.ofMillis(400);
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        List<String> sent = new CopyOnWriteArrayList<>();
        JdkHttpTransport jdk = JdkHttpTransport.create();
        KisClient kis = clientFor(sim).rateLimits(RateLimits.of(RateLimit.of(1, interval)))
                .transport(request -> {
                    sentAt.add(System.nanoTime());
                    sent.add(request.operation());
                    return jdk.send(request);
                }).build();
        read(kis);
        sim.expireTokens();

        read(kis);

        assertThat(sim.tokensIssued()).isEqualTo(2);
        assertThat(sim.calls(KisOperation.LIST_RECEIPTS)).isEqualTo(3);
        assertThat(sent).hasSize(5);
        assertThat(sent.get(0)).isEqualTo("kingdee_auth_token");
        assertThat(sent.get(3)).isEqualTo("kingdee_auth_token");
        // The repeat after the renewal (4) waits for a permit of its own: it is a permit apart from the refused call (2)
        // (half the interval allows for scheduling). Before, the repeat followed the refusal at once. KIS reads its token
        // once a call has its permit, so that a token cannot be revoked while the call waits: a call follows its token
        // request at once, and the sending of that call may lag its permit by as long as the token request took (on a
        // loaded machine, longer than the interval), so the gaps around a token request say nothing about pacing.
        assertThat(Duration.ofNanos(sentAt.get(4) - sentAt.get(2))).as("gap between the refused call and its repeat")
                .isGreaterThan(interval.dividedBy(2));
        assertThat(Duration.ofNanos(sentAt.get(3) - sentAt.get(2))).as("gap between the refused call and the renewal")
                .isGreaterThan(interval.dividedBy(2));
    }

    @Test
    void token_refusedDuringACreate_isRenewed_andTheBillStoredOnce() {
        KisClient kis = clientFor(sim).build();
        sim.addMaterial("SKU-A", "A", "PCS");
        read(kis);
        sim.injectFault(KisOperation.CREATE_RECEIPT, KisFault.TOKEN_EXPIRED);

        assertThat(kis.miscellaneousReceipts().create(KisTestSupport.bill("T-1", "SKU-A")).created()).isTrue();
        assertThat(sim.billCount()).isEqualTo(1);
        assertThat(sim.tokensIssued()).isEqualTo(2);
    }

    @Test
    void token_refresh_isSingleFlight_underConcurrentCallers() throws Exception {
        KisClient kis = clientFor(sim).build();
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    read(kis);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(sim.tokensIssued()).isEqualTo(1);

            sim.expireTokens(); // every thread now meets a refused token at about the same time
            clock.advance(Duration.ofSeconds(1));
            CountDownLatch again = new CountDownLatch(1);
            done.clear();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    again.await();
                    read(kis);
                    return null;
                }));
            }
            again.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            // Refusals of the same stale token invalidate it once; everyone shares that one renewal.
            assertThat(sim.tokensIssued()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
