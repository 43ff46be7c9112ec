package io.qiao.sync;

import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.observe.SyncListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncSchedulerTest {
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final SyncScheduler scheduler = SyncScheduler.create(2, new Random(7));

    @AfterEach
    void stop() {
        scheduler.shutdown(Duration.ofSeconds(10));
    }

    private SyncJob<Integer, Integer> job(String name, List<Integer> data, int window, Sink<Integer> sink,
                                          SyncListener listener) {
        return SyncJob.builder(name).source(ListSource.of(data, window)).sink(sink).batchSize(window)
                .checkpoints(checkpoints).deadLetters(new InMemoryDeadLetterStore()).listener(listener).build();
    }

    @Test
    void shutdown_finishesTheCurrentBatch_commitsIt_andOnlyThenReturns() throws Exception {
        CountDownLatch inSecondBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger batches = new AtomicInteger();
        AtomicReference<SyncReport> report = new AtomicReference<>();
        Sink<Integer> sink = b -> {
            if (batches.incrementAndGet() == 2) {
                inSecondBatch.countDown();
                await(release);
            }
            return WriteResult.allWritten(b.size());
        };
        SyncJob<Integer, Integer> job = job("shutdown-job", IntStream.range(0, 100).boxed().toList(), 10, sink,
                new SyncListener() {
                    @Override
                    public void runFinished(SyncReport r) {
                        report.set(r);
                    }
                });
        scheduler.schedule(job, Duration.ofHours(1), Duration.ZERO);
        assertThat(inSecondBatch.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicReference<Boolean> finished = new AtomicReference<>();
        Thread stopper = new Thread(() -> finished.set(scheduler.shutdown(Duration.ofSeconds(30))));
        stopper.start();
        stopper.join(200);
        assertThat(stopper.isAlive()).as("shutdown waits for the batch in progress").isTrue();
        assertThat(finished.get()).isNull();

        release.countDown();
        stopper.join(30_000);

        assertThat(finished.get()).isTrue();
        assertThat(report.get().stopped()).isTrue();
        assertThat(report.get().written()).isEqualTo(20);
        assertThat(report.get().failed()).isFalse();
        assertThat(checkpoints.load("shutdown-job").orElseThrow().position()).isEqualTo(ListSource.positionAt(20));
        assertThat(batches).hasValue(2);
        assertThat(job.isRunning()).isFalse();
    }

    @Test
    void aJob_neverRunsTwiceAtOnce_evenWhenItsIntervalIsShorterThanARun() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CountDownLatch fiveRuns = new CountDownLatch(5);
        Sink<Integer> sink = b -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            return WriteResult.allWritten(b.size());
        };
        SyncJob<Integer, Integer> job = SyncJob.builder("busy").source(FullRefreshSource.of(() -> List.of(1, 2, 3)))
                .sink(sink).checkpoints(checkpoints).deadLetters(new InMemoryDeadLetterStore())
                .listener(new SyncListener() {
                    @Override
                    public void runFinished(SyncReport r) {
                        fiveRuns.countDown();
                    }
                }).build();

        scheduler.schedule(job, Duration.ofMillis(1), Duration.ofMillis(2));
        scheduler.runNow("busy");
        scheduler.runNow("busy");

        assertThat(fiveRuns.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(maxConcurrent).hasValue(1);
        assertThat(checkpoints.load("busy").orElseThrow().version()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void schedule_refusesDuplicatesAndBadIntervals_andAfterShutdown() {
        SyncJob<Integer, Integer> job = job("dup", List.of(1), 1, b -> WriteResult.allWritten(b.size()), new SyncListener() {
        });
        scheduler.schedule(job, Duration.ofHours(1), Duration.ZERO);

        assertThatThrownBy(() -> scheduler.schedule(job, Duration.ofHours(1), Duration.ZERO))
                .hasMessageContaining("already scheduled");
        assertThatThrownBy(() -> scheduler.schedule(job, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("every must be positive");
        assertThat(scheduler.shutdown(Duration.ofSeconds(10))).isTrue();
        assertThatThrownBy(() -> scheduler.schedule(job("other", List.of(1), 1, b -> WriteResult.allWritten(1),
                new SyncListener() {
                }), Duration.ofHours(1), Duration.ZERO)).isInstanceOf(IllegalStateException.class);
        assertThat(scheduler.jobNames()).containsExactly("dup");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
