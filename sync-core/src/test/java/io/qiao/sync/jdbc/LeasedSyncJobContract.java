package io.qiao.sync.jdbc;

import static io.qiao.sync.jdbc.TestDatabase.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.store.Lease;
import io.qiao.sync.store.LeaseHolder;
import io.qiao.sync.store.LeasingCheckpointStore;
import io.qiao.sync.ListSource;
import io.qiao.sync.Position;
import io.qiao.sync.Sink;
import io.qiao.sync.Source;
import io.qiao.sync.SyncException;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.SyncReport;
import io.qiao.sync.SyncRetry;
import io.qiao.sync.SyncScheduler;
import io.qiao.sync.Window;
import io.qiao.sync.WholeWindows;
import io.qiao.sync.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SyncJob.Builder#lease}: jobs of one name on two replicas (two {@link JdbcCheckpointStore}s with
 * distinct owners over one database) run one at a time, and a run that loses its lease cannot commit.
 */
abstract class LeasedSyncJobContract {
    private static final String JOB = "leased-job";
    private static final Duration TTL = Duration.ofMinutes(2);

    protected abstract TestDatabase database();

    private DataSource ds;
    private String table;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T00:00:00Z"));
    private JdbcCheckpointStore replicaA;
    private JdbcCheckpointStore replicaB;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void createTable() {
        ds = database().dataSource();
        table = TestDatabase.uniqueName("qj_cp");
        replicaA = JdbcCheckpointStore.builder(ds).table(table).owner("replica-a").clock(clock).build();
        replicaB = JdbcCheckpointStore.builder(ds).table(table).owner("replica-b").clock(clock).build();
        replicaA.createTablesIfMissing();
    }

    @AfterEach
    void dropTable() {
        threads.shutdownNow();
        execute(ds, "DROP TABLE " + table);
    }

    private SyncJob.Builder<Integer, Integer> job(LeasingCheckpointStore store, Source<Integer> source,
                                                  Sink<Integer> sink, Duration ttl) {
        return SyncJob.builder(JOB).source(source).sink(sink).checkpoints(store)
                .deadLetters(new InMemoryDeadLetterStore()).clock(clock).retry(SyncRetry.none()).lease(ttl);
    }

    private static List<Integer> numbers(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void twoReplicasStartedTogether_exactlyOneRuns_andTheOtherReportsWhoHoldsTheLeaseUntilWhen() throws Exception {
        CountDownLatch skipReported = new CountDownLatch(1);
        SyncListener onSkip = new SyncListener() {
            @Override
            public void runFinished(SyncReport r) {
                if (r.status() == SyncReport.Status.SKIPPED_LEASE_HELD) {
                    skipReported.countDown();
                }
            }
        };
        // The winner holds its lease until the loser has reported, so the two runs surely overlap.
        Sink<Integer> waitsForTheSkip = batch -> {
            await(skipReported);
            return WriteResult.allWritten(batch.size());
        };
        List<SyncJob<Integer, Integer>> jobs = List.of(
                job(replicaA, ListSource.of(numbers(5)), waitsForTheSkip, TTL).listener(onSkip).build(),
                job(replicaB, ListSource.of(numbers(5)), waitsForTheSkip, TTL).listener(onSkip).build());
        CyclicBarrier start = new CyclicBarrier(2);

        List<Future<SyncReport>> runs = new ArrayList<>();
        for (SyncJob<Integer, Integer> j : jobs) {
            runs.add(threads.submit(() -> {
                start.await();
                return j.runOnce();
            }));
        }
        List<SyncReport> reports = new ArrayList<>();
        for (Future<SyncReport> run : runs) {
            reports.add(run.get(60, TimeUnit.SECONDS));
        }

        assertThat(reports).extracting(SyncReport::status)
                .containsExactlyInAnyOrder(SyncReport.Status.SUCCEEDED, SyncReport.Status.SKIPPED_LEASE_HELD);
        int winner = reports.get(0).status() == SyncReport.Status.SUCCEEDED ? 0 : 1;
        SyncReport skipped = reports.get(1 - winner);
        String winnerOwner = winner == 0 ? "replica-a" : "replica-b";
        assertThat(skipped.leaseHeldBy()).isEqualTo(new LeaseHolder(JOB, winnerOwner, clock.instant().plus(TTL)));
        assertThat(skipped.toString()).contains(winnerOwner).contains(clock.instant().plus(TTL).toString());
        assertThat(skipped.read()).isZero();
        assertThat(reports.get(winner).written()).isEqualTo(5);
        assertThat(replicaA.load(JOB).orElseThrow().version()).isEqualTo(1);
        assertThat(replicaA.leaseHolder(JOB)).as("released after the run").isEmpty();
    }

    @Test
    void runSkippedForAHeldLease_readsAndWritesNothing_andSaysOnlyThatItFinished() {
        Lease a = replicaA.tryAcquireLease(JOB, TTL).orElseThrow();
        AtomicInteger planned = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        List<String> events = new CopyOnWriteArrayList<>();
        Source<Integer> counting = countingPlans(ListSource.of(numbers(3)), planned);
        SyncJob<Integer, Integer> b = job(replicaB, counting, batch -> {
            writes.incrementAndGet();
            return WriteResult.allWritten(batch.size());
        }, TTL).listener(new SyncListener() {
            @Override
            public void runStarted(String job, Position from) {
                events.add("started");
            }

            @Override
            public void runFinished(SyncReport r) {
                events.add("finished " + r.status());
            }
        }).build();

        SyncReport report = b.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SKIPPED_LEASE_HELD);
        assertThat(report.leaseHeldBy()).isEqualTo(new LeaseHolder(JOB, "replica-a", a.until()));
        assertThat(report.error()).isNull();
        assertThat(planned).hasValue(0);
        assertThat(writes).hasValue(0);
        assertThat(replicaB.load(JOB)).isEmpty();
        assertThat(events).containsExactly("finished SKIPPED_LEASE_HELD");
        assertThat(replicaB.leaseHolder(JOB)).map(LeaseHolder::owner).contains("replica-a");
    }

    @Test
    void leaseLostMidRun_theNextCommitIsRefused_andTheRunFailsSayingTheLeaseWasLost() {
        replicaA.compareAndSet(JOB, 0, ListSource.positionAt(0));
        // A stalls (GC pause, network cut) past its lease while writing; B takes the job over meanwhile.
        SyncJob<Integer, Integer> a = job(replicaA, ListSource.of(numbers(3)), batch -> {
            clock.advance(TTL.plusSeconds(1));
            replicaB.tryAcquireLease(JOB, TTL).orElseThrow();
            return WriteResult.allWritten(batch.size());
        }, TTL).build();

        SyncReport report = a.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.errorSummary()).contains("lease was lost").contains("replica-b");
        assertThat(report.windows()).isZero();
        assertThat(replicaA.load(JOB).map(Checkpoint::version)).contains(1L);
        assertThat(replicaA.leaseHolder(JOB)).as("A's release leaves B's lease alone")
                .map(LeaseHolder::owner).contains("replica-b");
    }

    @Test
    void renewerFindingTheLeaseLost_stopsTheRunAfterTheCurrentBatch() {
        // The renewer tells the run right after the first refused renewal; the second one comes after that.
        CountDownLatch lossSeen = new CountDownLatch(2);
        LeasingCheckpointStore observedA = reportingLostRenewals(replicaA, lossSeen);
        AtomicInteger writes = new AtomicInteger();
        Duration shortTtl = Duration.ofMillis(300);  // renewed every 100 ms
        // whole windows: no commit after the first batch, where the store would refuse it before the renewer spoke
        SyncJob<Integer, Integer> a = job(observedA, WholeWindows.of(ListSource.of(numbers(10), 10)), batch -> {
            if (writes.incrementAndGet() == 1) {
                clock.advance(Duration.ofHours(1));
                replicaB.tryAcquireLease(JOB, TTL).orElseThrow();
                await(lossSeen);
            }
            return WriteResult.allWritten(batch.size());
        }, shortTtl).batchSize(1).build();

        SyncReport report = a.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.errorSummary()).contains("lease of job 'leased-job' held by 'replica-a' was lost");
        assertThat(writes).hasValue(1);
        assertThat(replicaA.load(JOB)).isEmpty();
    }

    @Test
    void renewalsFailingUntilTheLeaseIsAboutToRunOut_stopTheRunAfterTheCurrentBatch() {
        // The renewer tells the run at the failure that leaves less than a period; the next failure comes after that.
        AtomicBoolean databaseDown = new AtomicBoolean();
        CountDownLatch failedThrice = new CountDownLatch(3);
        LeasingCheckpointStore observedA = failingRenewalsWhile(replicaA, databaseDown, failedThrice);
        AtomicInteger writes = new AtomicInteger();
        Duration shortTtl = Duration.ofMillis(300);  // renewed every 100 ms
        SyncJob<Integer, Integer> a = job(observedA, WholeWindows.of(ListSource.of(numbers(10), 10)), batch -> {
            if (writes.incrementAndGet() == 1) {
                databaseDown.set(true);
                await(failedThrice);
                databaseDown.set(false);  // back, but the run was told to stop: another replica may hold the job now
            }
            return WriteResult.allWritten(batch.size());
        }, shortTtl).batchSize(1).build();

        SyncReport report = a.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.errorSummary()).contains("cannot renew the lease of job 'leased-job' held by 'replica-a'")
                .contains("database unreachable");
        assertThat(writes).hasValue(1);
        assertThat(replicaA.load(JOB)).isEmpty();
    }

    @Test
    void longRun_keepsItsLeaseByRenewing() {
        Duration shortTtl = Duration.ofMillis(300);  // renewed every 100 ms
        List<Optional<?>> otherReplicaTried = new ArrayList<>();
        SyncJob<Integer, Integer> a = job(replicaA, ListSource.of(numbers(1)), batch -> {
            clock.advance(Duration.ofHours(1));  // the lease taken at the start ran out long ago, unless renewed
            awaitUntil(() -> replicaA.leaseHolder(JOB).isPresent());
            otherReplicaTried.add(replicaB.tryAcquireLease(JOB, TTL));
            return WriteResult.allWritten(batch.size());
        }, shortTtl).build();

        SyncReport report = a.runOnce();

        assertThat(report.status()).as(report.errorSummary()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(otherReplicaTried).containsExactly(Optional.empty());
    }

    @Test
    void leaseIsReleasedAfterAFailedRun_soAnotherReplicaRunsAtOnce() {
        SyncJob<Integer, Integer> a = job(replicaA, ListSource.of(numbers(2)), batch -> {
            throw new IllegalStateException("sink down");
        }, TTL).build();
        SyncJob<Integer, Integer> b = job(replicaB, ListSource.of(numbers(2)),
                batch -> WriteResult.allWritten(batch.size()), TTL).build();

        assertThat(a.runOnce().status()).isEqualTo(SyncReport.Status.FAILED);

        assertThat(replicaA.leaseHolder(JOB)).isEmpty();
        assertThat(b.runOnce().status()).isEqualTo(SyncReport.Status.SUCCEEDED);
    }

    @Test
    void scheduler_treatsAHeldLeaseAsAnOrdinarySkippedTurn_andRunsTheJobOnceTheLeaseIsFree() throws Exception {
        Lease a = replicaA.tryAcquireLease(JOB, TTL).orElseThrow();
        CountDownLatch twoSkips = new CountDownLatch(2);
        CountDownLatch ran = new CountDownLatch(1);
        SyncJob<Integer, Integer> b = job(replicaB, ListSource.of(numbers(2)),
                batch -> WriteResult.allWritten(batch.size()), TTL).listener(new SyncListener() {
            @Override
            public void runFinished(SyncReport r) {
                if (r.status() == SyncReport.Status.SKIPPED_LEASE_HELD) {
                    twoSkips.countDown();
                } else if (r.status() == SyncReport.Status.SUCCEEDED) {
                    ran.countDown();
                }
            }
        }).build();
        SyncScheduler scheduler = SyncScheduler.create(1);
        try {
            scheduler.schedule(b, Duration.ofMillis(10), Duration.ZERO);
            await(twoSkips);
            a.release();
            await(ran);
        } finally {
            scheduler.shutdown(Duration.ofSeconds(30));
        }
        assertThat(replicaB.load(JOB)).map(Checkpoint::version).contains(1L);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited 30 s in vain");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited 30 s in vain");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static <T> Source<T> countingPlans(Source<T> source, AtomicInteger planned) {
        return new Source<>() {
            @Override
            public Iterator<Window<T>> windows(Position from, Clock clock) {
                planned.incrementAndGet();
                return source.windows(from, clock);
            }

            @Override
            public Position initialPosition(Clock clock) {
                return source.initialPosition(clock);
            }
        };
    }

    /** The store, with lease renewals that fail (and count {@code failed} down) while {@code down} is set. */
    private static LeasingCheckpointStore failingRenewalsWhile(JdbcCheckpointStore store, AtomicBoolean down,
                                                               CountDownLatch failed) {
        return new LeasingCheckpointStore() {
            @Override
            public Optional<? extends Lease> tryAcquireLease(String job, Duration ttl) {
                return store.tryAcquireLease(job, ttl).map(lease -> new Lease() {
                    @Override
                    public String job() {
                        return lease.job();
                    }

                    @Override
                    public String owner() {
                        return lease.owner();
                    }

                    @Override
                    public Instant until() {
                        return lease.until();
                    }

                    @Override
                    public Duration ttl() {
                        return lease.ttl();
                    }

                    @Override
                    public boolean renew() {
                        if (down.get()) {
                            failed.countDown();
                            throw new SyncException("database unreachable");
                        }
                        return lease.renew();
                    }

                    @Override
                    public void release() {
                        lease.release();
                    }
                });
            }

            @Override
            public Optional<LeaseHolder> leaseHolder(String job) {
                return store.leaseHolder(job);
            }

            @Override
            public Optional<Checkpoint> load(String job) {
                return store.load(job);
            }

            @Override
            public Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
                return store.compareAndSet(job, expectedVersion, position);
            }
        };
    }

    /** The store, with leases that count {@code lossSeen} down each time a renewal finds the lease lost. */
    private static LeasingCheckpointStore reportingLostRenewals(JdbcCheckpointStore store, CountDownLatch lossSeen) {
        return new LeasingCheckpointStore() {
            @Override
            public Optional<? extends Lease> tryAcquireLease(String job, Duration ttl) {
                return store.tryAcquireLease(job, ttl).map(lease -> new Lease() {
                    @Override
                    public String job() {
                        return lease.job();
                    }

                    @Override
                    public String owner() {
                        return lease.owner();
                    }

                    @Override
                    public Instant until() {
                        return lease.until();
                    }

                    @Override
                    public Duration ttl() {
                        return lease.ttl();
                    }

                    @Override
                    public boolean renew() {
                        boolean renewed = lease.renew();
                        if (!renewed) {
                            lossSeen.countDown();
                        }
                        return renewed;
                    }

                    @Override
                    public void release() {
                        lease.release();
                    }
                });
            }

            @Override
            public Optional<LeaseHolder> leaseHolder(String job) {
                return store.leaseHolder(job);
            }

            @Override
            public Optional<Checkpoint> load(String job) {
                return store.load(job);
            }

            @Override
            public Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
                return store.compareAndSet(job, expectedVersion, position);
            }
        };
    }
}
