package io.qiao.sync.jdbc;

import static io.qiao.sync.jdbc.TestDatabase.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointConflictException;
import io.qiao.sync.store.LeaseHolder;
import io.qiao.sync.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC-only behaviour of {@link JdbcCheckpointStore}: its table and job leases between replicas. */
abstract class JdbcCheckpointStoreContract {
    private static final Duration TTL = Duration.ofMinutes(2);
    private static final Position P1 = Position.at(Instant.parse("2024-05-01T00:00:00Z"));
    private static final Position P2 = new Position(Instant.parse("2024-05-02T00:00:00.123456789Z"), "io_id:7");

    protected abstract TestDatabase database();

    private DataSource ds;
    private String table;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T00:00:00Z"));
    private JdbcCheckpointStore replicaA;
    private JdbcCheckpointStore replicaB;

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
        execute(ds, "DROP TABLE " + table);
    }

    @Test
    void createTablesIfMissing_canRunAgain() {
        replicaA.compareAndSet("j", 0, P1);

        replicaB.createTablesIfMissing();

        assertThat(replicaB.load("j").orElseThrow().position()).isEqualTo(P1);
    }

    @Test
    void compareAndSet_keepsTheWatermarkToTheNanosecond() {
        replicaA.compareAndSet("j", 0, P2);

        assertThat(replicaB.load("j").orElseThrow().position()).isEqualTo(P2);
    }

    @Test
    void compareAndSet_stampsUpdatedAtFromTheClock() {
        Checkpoint c = replicaA.compareAndSet("j", 0, P1);

        assertThat(c.updatedAt()).isEqualTo(clock.instant());
        assertThat(replicaA.load("j")).contains(c);
    }

    @Test
    void tryAcquireLease_whileAnotherReplicaHoldsIt_isEmpty_untilReleased() {
        JobLease a = replicaA.tryAcquireLease("j", TTL).orElseThrow();

        assertThat(replicaB.tryAcquireLease("j", TTL)).isEmpty();
        a.release();
        assertThat(replicaB.tryAcquireLease("j", TTL)).isPresent();
    }

    @Test
    void tryAcquireLease_bySameOwner_extendsIt() {
        replicaA.tryAcquireLease("j", TTL).orElseThrow();
        clock.advance(Duration.ofMinutes(1));

        JobLease again = replicaA.tryAcquireLease("j", TTL).orElseThrow();

        assertThat(again.until()).isEqualTo(clock.instant().plus(TTL));
    }

    @Test
    void lease_doesNotCreateOrMoveTheCheckpoint() {
        replicaA.tryAcquireLease("new-job", TTL).orElseThrow();

        assertThat(replicaA.load("new-job")).isEmpty();
        Checkpoint first = replicaA.compareAndSet("new-job", 0, P1);
        assertThat(first.version()).isEqualTo(1);
        replicaA.tryAcquireLease("new-job", TTL).orElseThrow();
        assertThat(replicaA.load("new-job")).contains(first);
    }

    @Test
    void compareAndSet_byAnotherReplica_whileTheLeaseIsLive_isRefused() {
        replicaA.compareAndSet("j", 0, P1);
        replicaA.tryAcquireLease("j", TTL).orElseThrow();

        assertThatThrownBy(() -> replicaB.compareAndSet("j", 1, P2))
                .isInstanceOf(LeaseLostException.class)
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("replica-a").hasMessageContaining("replica-b");
        assertThat(replicaA.compareAndSet("j", 1, P2).version()).isEqualTo(2);
    }

    @Test
    void expiredLease_isTakenOver_andTheOldHolderCanNeitherRenewNorCommit() {
        replicaA.compareAndSet("j", 0, P1);
        JobLease a = replicaA.tryAcquireLease("j", TTL).orElseThrow();
        long loaded = replicaA.load("j").orElseThrow().version();
        clock.advance(TTL.plusSeconds(1));  // A stalled (GC pause, network cut) past its lease

        JobLease b = replicaB.tryAcquireLease("j", TTL).orElseThrow();

        assertThat(a.renew()).isFalse();
        assertThatThrownBy(() -> replicaA.compareAndSet("j", loaded, P2)).isInstanceOf(CheckpointConflictException.class);
        assertThat(replicaB.compareAndSet("j", loaded, P2).version()).isEqualTo(loaded + 1);
        assertThat(b.renew()).isTrue();
    }

    @Test
    void renew_afterExpiry_succeedsWhenNobodyTookTheJob() {
        JobLease a = replicaA.tryAcquireLease("j", TTL).orElseThrow();
        clock.advance(TTL.plusSeconds(30));

        assertThat(a.renew()).isTrue();
        assertThat(a.until()).isEqualTo(clock.instant().plus(TTL));
        assertThat(replicaB.tryAcquireLease("j", TTL)).isEmpty();
    }

    @Test
    void shortLease_readsBackItsExpiryToTheMillisecond_andEndsExactlyThen() {
        clock.advance(Duration.ofMillis(250));
        Duration ttl = Duration.ofMillis(1500);
        Instant until = Instant.parse("2024-06-01T00:00:01.750Z");

        JobLease a = replicaA.tryAcquireLease("j", ttl).orElseThrow();

        assertThat(a.until()).isEqualTo(until);
        assertThat(replicaB.leaseHolder("j")).hasValueSatisfying(h -> assertThat(h.until()).isEqualTo(until));
        clock.advance(Duration.ofMillis(1499));
        assertThat(replicaB.tryAcquireLease("j", ttl)).isEmpty();  // whole seconds would have let B in at 01.000
        clock.advance(Duration.ofMillis(1));
        assertThat(replicaB.tryAcquireLease("j", ttl)).hasValueSatisfying(b -> assertThat(b.until())
                .isEqualTo(Instant.parse("2024-06-01T00:00:03.250Z")));
        assertThat(replicaA.leaseHolder("j")).hasValueSatisfying(h -> assertThat(h.until())
                .isEqualTo(Instant.parse("2024-06-01T00:00:03.250Z")));
    }

    @Test
    void renewedShortLease_keepsTheMillisecondsOfItsNewExpiry() {
        JobLease a = replicaA.tryAcquireLease("j", Duration.ofMillis(1500)).orElseThrow();
        clock.advance(Duration.ofMillis(600));

        assertThat(a.renew()).isTrue();

        assertThat(replicaB.leaseHolder("j")).hasValueSatisfying(h -> assertThat(h.until())
                .isEqualTo(Instant.parse("2024-06-01T00:00:02.100Z")));
        clock.advance(Duration.ofMillis(1499));
        assertThat(replicaB.tryAcquireLease("j", Duration.ofMillis(1500))).isEmpty();
    }

    @Test
    void compareAndSet_stampsUpdatedAtToTheMillisecond() {
        clock.advance(Duration.ofNanos(123_456_789));

        Checkpoint c = replicaA.compareAndSet("j", 0, P1);

        assertThat(c.updatedAt()).isEqualTo(Instant.parse("2024-06-01T00:00:00.123Z"));
        assertThat(replicaB.load("j")).contains(c);
    }

    @Test
    void acquireLease_waitsUntilTheHolderReleases() throws Exception {
        JobLease a = replicaA.tryAcquireLease("j", Duration.ofMillis(200)).orElseThrow();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Optional<JobLease>> b = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return replicaB.acquireLease("j", Duration.ofMillis(200), Duration.ofSeconds(30));
        });
        waiting.await();

        a.release();

        assertThat(b.get(30, TimeUnit.SECONDS)).hasValueSatisfying(l -> assertThat(l.owner()).isEqualTo("replica-b"));
    }

    @Test
    void runLeased_skipsWhenAnotherReplicaRunsTheJob_andReleasesAfterItsOwnRun() {
        JobLease a = replicaA.tryAcquireLease("j", TTL).orElseThrow();

        assertThat(replicaB.runLeased("j", TTL, () -> "ran")).isEmpty();
        a.release();
        assertThat(replicaB.runLeased("j", TTL, () -> "ran")).contains("ran");
        assertThat(replicaA.tryAcquireLease("j", TTL)).isPresent();
    }

    @Test
    void runLeased_renewsTheLeaseWhileTheWorkRuns_soNoOtherReplicaCanTakeIt() {
        Optional<Optional<JobLease>> otherReplicaTried = replicaA.runLeased("j", Duration.ofMillis(300), () -> {
            clock.advance(Duration.ofHours(1));  // the lease taken at the start ran out long ago, unless renewed
            awaitUntil(() -> replicaA.leaseHolder("j").isPresent());
            return replicaB.tryAcquireLease("j", TTL);
        });

        assertThat(otherReplicaTried).contains(Optional.empty());
    }

    @Test
    void runLeased_whenTheLeaseIsLostMidWork_interruptsTheWork_andClearsThatInterruptAfterwards() {
        Optional<String> outcome = replicaA.runLeased("j", Duration.ofMillis(300), () -> {
            // another replica takes the job over (as after a long pause of this one): the next renewal is refused
            execute(ds, "UPDATE " + table + " SET owner = 'replica-b' WHERE job = 'j'");
            try {
                Thread.sleep(30_000);
                return "finished";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "stopped";
            }
        });

        assertThat(outcome).contains("stopped");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(replicaB.leaseHolder("j")).map(LeaseHolder::owner).as("A's release leaves B's lease alone")
                .contains("replica-b");
    }

    private static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void tableNames_areValidatedIdentifiers() {
        assertThatThrownBy(() -> JdbcCheckpointStore.builder(ds).table("cp; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JdbcCheckpointStore.Builder.table 'cp; DROP TABLE x'");
    }
}
