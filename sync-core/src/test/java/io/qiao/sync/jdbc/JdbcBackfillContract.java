package io.qiao.sync.jdbc;

import static io.qiao.sync.jdbc.TestDatabase.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.Position;
import io.qiao.sync.SyncException;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.SyncRetry;
import io.qiao.sync.TimeWindow;
import io.qiao.sync.TimeWindowSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcBackfill}: slices planned once, claimed by one worker at a time, retried, and taken over from dead workers. */
abstract class JdbcBackfillContract {
    private static final String JOB = "orders-backfill";
    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    protected abstract TestDatabase database();

    private DataSource ds;
    private String table;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T00:00:00Z"));
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void createTable() {
        ds = database().dataSource();
        table = TestDatabase.uniqueName("qj_bf");
        worker("planner", clock).createTablesIfMissing();
    }

    @AfterEach
    void dropTable() {
        threads.shutdownNow();
        execute(ds, "DROP TABLE " + table);
    }

    private JdbcBackfill worker(String owner, Clock clock) {
        return JdbcBackfill.builder(ds).table(table).owner(owner).clock(clock).retryDelay(Duration.ZERO).build();
    }

    @Test
    void plan_splitsTheRangeIntoSlices_theLastOneShorter_andPlanningAgainAddsNothing() {
        JdbcBackfill backfill = worker("w1", clock);
        Instant to = FROM.plus(Duration.ofHours(3 * 24 + 12));

        assertThat(backfill.plan(JOB, FROM, to, DAY)).isEqualTo(4);
        assertThat(backfill.plan(JOB, FROM, to, DAY)).isZero();
        assertThat(worker("w2", clock).plan(JOB, to, FROM.plus(Duration.ofDays(5)), DAY)).as("extended").isEqualTo(2);

        assertThat(backfill.progress(JOB)).isEqualTo(new JdbcBackfill.Progress(JOB, 6, 0, 0, 0, 0));
        List<Instant> ends = new ArrayList<>();
        backfill.work(JOB, slice -> ends.add(slice.end()));
        assertThat(ends).containsExactlyInAnyOrder(FROM.plus(DAY), FROM.plus(Duration.ofDays(2)),
                FROM.plus(Duration.ofDays(3)), to, to.plus(DAY), FROM.plus(Duration.ofDays(5)));
    }

    @Test
    void plan_overlappingSlicesOfAnotherLength_isRefused_andBadRangesAreNamed() {
        JdbcBackfill backfill = worker("w1", clock);
        backfill.plan(JOB, FROM, FROM.plus(Duration.ofDays(2)), DAY);

        assertThatThrownBy(() -> backfill.plan(JOB, FROM, FROM.plus(Duration.ofDays(2)), Duration.ofHours(12)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z)");
        assertThatThrownBy(() -> backfill.plan(JOB, FROM, FROM, DAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 2024-01-01T00:00:00Z is not before to 2024-01-01T00:00:00Z");
        assertThatThrownBy(() -> backfill.plan(JOB, FROM, FROM.plus(DAY), Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sliceLength");
        assertThatThrownBy(() -> JdbcBackfill.builder(ds).table("bf; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JdbcBackfill.Builder.table 'bf; DROP TABLE x'");
        assertThat(backfill.progress(JOB).total()).isEqualTo(2);
    }

    @Test
    void plan_fromSeveralReplicasAtOnce_storesEachSliceOnce() throws Exception {
        CyclicBarrier start = new CyclicBarrier(3);
        List<Future<Integer>> planners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JdbcBackfill replica = worker("p" + i, clock);
            planners.add(threads.submit(() -> {
                start.await();
                return replica.plan(JOB, FROM, FROM.plus(Duration.ofDays(30)), DAY);
            }));
        }
        int added = 0;
        for (Future<Integer> p : planners) {
            added += p.get(60, TimeUnit.SECONDS);
        }

        assertThat(added).isEqualTo(30);
        assertThat(worker("w", clock).progress(JOB).pending()).isEqualTo(30);
    }

    @Test
    void severalWorkers_doEverySliceExactlyOnce_andNeverTwoOnOneSliceAtOnce() throws Exception {
        int sliceCount = 40;
        worker("planner", clock).plan(JOB, FROM, FROM.plus(Duration.ofDays(sliceCount)), DAY);
        Map<Instant, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<Instant, AtomicInteger> inProgress = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger busyWorkers = new AtomicInteger();
        AtomicInteger mostBusy = new AtomicInteger();
        List<String> owners = new CopyOnWriteArrayList<>();
        CyclicBarrier start = new CyclicBarrier(4);
        List<Future<JdbcBackfill.Progress>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            JdbcBackfill worker = worker("w" + w, Clock.systemUTC());
            workers.add(threads.submit(() -> {
                start.await();
                return worker.work(JOB, slice -> {
                    if (inProgress.computeIfAbsent(slice.start(), k -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    mostBusy.accumulateAndGet(busyWorkers.incrementAndGet(), Math::max);
                    runs.computeIfAbsent(slice.start(), k -> new AtomicInteger()).incrementAndGet();
                    owners.add(worker.owner());
                    Thread.sleep(5);
                    busyWorkers.decrementAndGet();
                    inProgress.get(slice.start()).decrementAndGet();
                });
            }));
        }
        for (Future<JdbcBackfill.Progress> w : workers) {
            w.get(120, TimeUnit.SECONDS);
        }

        assertThat(overlaps).hasValue(0);
        assertThat(runs).hasSize(sliceCount);
        assertThat(runs.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        assertThat(worker("w", clock).progress(JOB)).isEqualTo(new JdbcBackfill.Progress(JOB, 0, 0, sliceCount, 0, 0));
        assertThat(mostBusy.get()).as("workers ran side by side").isGreaterThan(1);
    }

    @Test
    void failedSlice_keepsItsErrorText_isRetried_andIsAbandonedAfterMaxAttempts() {
        JdbcBackfill backfill = JdbcBackfill.builder(ds).table(table).owner("w1").clock(clock)
                .retryDelay(Duration.ZERO).maxAttempts(2).build();
        backfill.plan(JOB, FROM, FROM.plus(Duration.ofDays(3)), DAY);
        Instant flaky = FROM.plus(DAY);
        Instant broken = FROM.plus(Duration.ofDays(2));
        List<String> attempts = new ArrayList<>();

        JdbcBackfill.Progress p = backfill.work(JOB, slice -> {
            attempts.add(slice.start() + "#" + slice.attempt());
            if (slice.start().equals(broken) || (slice.start().equals(flaky) && slice.attempt() == 1)) {
                throw new SyncException("vendor said no", new IllegalStateException("HTTP 503"));
            }
        });

        assertThat(p).isEqualTo(new JdbcBackfill.Progress(JOB, 0, 0, 2, 0, 1));
        assertThat(attempts).containsExactlyInAnyOrder(FROM + "#1", flaky + "#1", flaky + "#2", broken + "#1",
                broken + "#2");
        assertThat(TestDatabase.query(ds, "SELECT state, last_error, attempts FROM " + table
                + " WHERE job = ? ORDER BY slice_start", JOB)).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
                .containsExactly("DONE null 1", "DONE null 2",
                        "FAILED SyncException: vendor said no; caused by: IllegalStateException: HTTP 503 2");
    }

    @Test
    void sliceOfAWorkerThatDied_isClaimedAgainOnceItsClaimRunsOut() {
        JdbcBackfill dying = JdbcBackfill.builder(ds).table(table).owner("dying").clock(clock)
                .claimTtl(Duration.ofMinutes(5)).build();
        JdbcBackfill survivor = JdbcBackfill.builder(ds).table(table).owner("survivor").clock(clock)
                .claimTtl(Duration.ofMinutes(5)).build();
        dying.plan(JOB, FROM, FROM.plus(Duration.ofDays(3)), DAY);

        assertThatThrownBy(() -> dying.work(JOB, slice -> {
            throw new WorkerKilled();  // the thread dies mid-slice: no outcome is recorded
        })).isInstanceOf(WorkerKilled.class);
        List<String> survivorDid = new ArrayList<>();
        JdbcBackfill.Progress meanwhile = survivor.work(JOB, slice -> survivorDid.add(slice.start().toString()));
        clock.advance(Duration.ofMinutes(5));
        JdbcBackfill.Progress after = survivor.work(JOB, slice -> survivorDid.add(slice.start() + "#" + slice.attempt()));

        assertThat(meanwhile).isEqualTo(new JdbcBackfill.Progress(JOB, 0, 1, 2, 0, 0));
        assertThat(survivorDid).containsExactly(FROM.plus(DAY).toString(), FROM.plus(Duration.ofDays(2)).toString(),
                FROM + "#2");
        assertThat(after.complete()).isTrue();
    }

    @Test
    void claimLostMidSlice_interruptsTheWork_andLeavesTheSliceToTheWorkerThatTookItOver() {
        JdbcBackfill a = JdbcBackfill.builder(ds).table(table).owner("a").clock(clock)
                .claimTtl(Duration.ofMillis(300)).build();
        a.plan(JOB, FROM, FROM.plus(DAY), DAY);
        List<String> outcome = new ArrayList<>();

        JdbcBackfill.Progress progress = a.work(JOB, slice -> {
            // another worker took the slice over (as after a long pause of this one): the next renewal is refused
            execute(ds, "UPDATE " + table + " SET owner = 'b#1' WHERE job = '" + JOB + "'");
            try {
                Thread.sleep(30_000);
                outcome.add("finished");
            } catch (InterruptedException e) {
                outcome.add("stopped");
                throw e;
            }
        });

        assertThat(outcome).containsExactly("stopped");
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt does not leak past work()").isFalse();
        assertThat(progress).as("still b's claim; a's outcome is not recorded")
                .isEqualTo(new JdbcBackfill.Progress(JOB, 0, 1, 0, 0, 0));
    }

    @Test
    void longSlice_keepsItsClaimByRenewing() {
        JdbcBackfill a = JdbcBackfill.builder(ds).table(table).owner("a").clock(clock)
                .claimTtl(Duration.ofMillis(300)).build();
        JdbcBackfill b = JdbcBackfill.builder(ds).table(table).owner("b").clock(clock).build();
        a.plan(JOB, FROM, FROM.plus(DAY), DAY);
        List<JdbcBackfill.Progress> seenByB = new ArrayList<>();

        a.work(JOB, slice -> {
            clock.advance(Duration.ofHours(1));  // the claim taken at the start ran out long ago, unless renewed
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (a.progress(JOB).claimed() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            seenByB.add(b.work(JOB, other -> {
                throw new AssertionError("b claimed a slice a holds");
            }));
        });

        assertThat(seenByB).containsExactly(new JdbcBackfill.Progress(JOB, 0, 1, 0, 0, 0));
        assertThat(a.progress(JOB).complete()).isTrue();
    }

    @Test
    void claimOfAWorkerThatDied_withATtlOf1500ms_isClaimableAt1500msAndNotAt1499ms() {
        clock.advance(Duration.ofMillis(250));  // the claim runs out at 00:00:01.750, between two whole seconds
        JdbcBackfill dying = JdbcBackfill.builder(ds).table(table).owner("dying").clock(clock)
                .claimTtl(Duration.ofMillis(1500)).build();
        JdbcBackfill survivor = JdbcBackfill.builder(ds).table(table).owner("survivor").clock(clock)
                .claimTtl(Duration.ofMillis(1500)).build();
        dying.plan(JOB, FROM, FROM.plus(DAY), DAY);
        assertThatThrownBy(() -> dying.work(JOB, slice -> {
            throw new WorkerKilled();
        })).isInstanceOf(WorkerKilled.class);
        List<Integer> survivorAttempts = new ArrayList<>();

        clock.advance(Duration.ofMillis(1499));
        JdbcBackfill.Progress stillHeld = survivor.work(JOB, slice -> survivorAttempts.add(slice.attempt()));
        clock.advance(Duration.ofMillis(1));
        JdbcBackfill.Progress runOut = survivor.progress(JOB);
        JdbcBackfill.Progress after = survivor.work(JOB, slice -> survivorAttempts.add(slice.attempt()));

        assertThat(stillHeld).isEqualTo(new JdbcBackfill.Progress(JOB, 0, 1, 0, 0, 0));
        assertThat(runOut).isEqualTo(new JdbcBackfill.Progress(JOB, 1, 0, 0, 0, 0));
        assertThat(survivorAttempts).containsExactly(2);
        assertThat(after.complete()).isTrue();
    }

    @Test
    void failedSlice_withARetryDelayOf1500ms_isClaimedAgainAt1500msAndNotAt1499ms() {
        clock.advance(Duration.ofMillis(250));  // the retry is due at 00:00:01.750, between two whole seconds
        JdbcBackfill backfill = JdbcBackfill.builder(ds).table(table).owner("w1").clock(clock)
                .retryDelay(Duration.ofMillis(1500)).build();
        backfill.plan(JOB, FROM, FROM.plus(DAY), DAY);
        List<Integer> attempts = new ArrayList<>();
        JdbcBackfill.SliceWork failingOnce = slice -> {
            attempts.add(slice.attempt());
            if (slice.attempt() == 1) {
                throw new SyncException("vendor said no");
            }
        };

        JdbcBackfill.Progress failed = backfill.work(JOB, failingOnce);
        clock.advance(Duration.ofMillis(1499));
        JdbcBackfill.Progress waiting = backfill.work(JOB, failingOnce);
        clock.advance(Duration.ofMillis(1));
        JdbcBackfill.Progress retried = backfill.work(JOB, failingOnce);

        assertThat(failed).isEqualTo(new JdbcBackfill.Progress(JOB, 0, 0, 0, 1, 0));
        assertThat(waiting).isEqualTo(failed);
        assertThat(attempts).containsExactly(1, 2);
        assertThat(retried.complete()).isTrue();
    }

    @Test
    void slicesThatSplitASecond_keepTheirBoundsToTheMillisecond() {
        JdbcBackfill backfill = worker("w1", clock);
        Instant from = FROM.plusMillis(250);
        Instant to = FROM.plusMillis(1_000);

        assertThat(backfill.plan(JOB, from, to, Duration.ofMillis(250))).isEqualTo(3);
        assertThat(backfill.plan(JOB, from, to, Duration.ofMillis(250))).isZero();
        List<TimeWindow> done = new ArrayList<>();
        JdbcBackfill.Progress p = backfill.work(JOB, slice -> done.add(slice.window()));

        assertThat(done).containsExactly(new TimeWindow(from, FROM.plusMillis(500)),
                new TimeWindow(FROM.plusMillis(500), FROM.plusMillis(750)), new TimeWindow(FROM.plusMillis(750), to));
        assertThat(p).isEqualTo(new JdbcBackfill.Progress(JOB, 0, 0, 3, 0, 0));
    }

    @Test
    void eachSlice_runsASyncJobOfItsOwn_boundedToTheSlice() {
        JdbcCheckpointStore checkpoints = JdbcCheckpointStore.builder(ds).table(table + "_cp").clock(clock).build();
        checkpoints.createTablesIfMissing();
        try {
            List<Instant> modified = IntStream.range(0, 72).mapToObj(h -> FROM.plus(Duration.ofHours(h))).toList();
            InMemorySink<Instant, Instant> sink = InMemorySink.keyedBy(i -> i);
            JdbcBackfill backfill = worker("w1", clock);
            backfill.plan(JOB, FROM, FROM.plus(Duration.ofDays(3)), DAY);

            JdbcBackfill.Progress p = backfill.work(JOB, slice -> {
                SyncReport r = SyncJob.builder(slice.checkpointName())
                        .source(TimeWindowSource.<Instant>builder(w -> modified.stream()
                                        .filter(m -> !m.isBefore(w.start()) && m.isBefore(w.end())).toList())
                                .initialWatermark(slice.start()).until(slice.end()).overlap(Duration.ZERO)
                                .maxWindow(Duration.ofHours(6)).build())
                        .sink(sink).checkpoints(checkpoints).deadLetters(new InMemoryDeadLetterStore())
                        .clock(clock).retry(SyncRetry.none()).build().runOnce();
                if (r.failed()) {
                    throw new SyncException(r.errorSummary());
                }
            });

            assertThat(p.complete()).isTrue();
            assertThat(sink.records().keySet()).containsExactlyInAnyOrderElementsOf(modified);
            assertThat(checkpoints.load(JOB + "#" + FROM.plus(DAY)).orElseThrow().position())
                    .isEqualTo(Position.at(FROM.plus(Duration.ofDays(2))));
        } finally {
            execute(ds, "DROP TABLE " + table + "_cp");
        }
    }

    /** Stands for the death of a worker's thread or process in the middle of a slice. */
    private static final class WorkerKilled extends Error {
    }
}
