package io.qiao.sync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointConflictException;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CheckpointStore} must have, as the engine relies on it: an empty load for a job that
 * never committed, versions that start at 1 and grow by one, compare-and-set that refuses a stale, a premature or an
 * ahead-of-store version and keeps what is stored, exactly one winner among concurrent runners, positions (cursor
 * included) read back exactly, jobs kept apart whatever their names, and checkpoints that survive a reopen.
 *
 * <p>Extend it with a class named {@code <Store>Test} (or {@code <Store>IT} for a real database) and implement
 * {@link #newStore()}; override {@link #reopen} when the store keeps its checkpoints outside the instance.
 *
 * <p>Instants are whole milliseconds: a store may not keep finer precision (SQL timestamps), and a watermark
 * that loses nanoseconds only re-reads a record, which idempotent sinks allow.
 */
public abstract class CheckpointStoreContract {
    protected static final Instant T1 = Instant.parse("2024-05-01T08:00:00.123Z");
    protected static final Instant T2 = Instant.parse("2024-05-02T09:30:00.456Z");
    protected static final Instant T3 = Instant.parse("2024-05-03T10:45:00Z");

    protected CheckpointStore store;

    /** A new, empty store (a fresh table, directory or map); each test gets its own job names too. */
    protected abstract CheckpointStore newStore() throws Exception;

    /**
     * A second instance over the same storage as {@code store} (same directory, same database), to show that
     * checkpoints survive a restart and that two runners see each other. Stores without shared storage return
     * {@code store} itself.
     */
    protected CheckpointStore reopen(CheckpointStore store) throws Exception {
        return store;
    }

    /** Creates the store each test uses. */
    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    @Test
    void load_whenJobNeverCommitted_isEmpty() {
        assertThat(store.load("never-ran")).isEmpty();
    }

    @Test
    void compareAndSet_fromZero_createsVersionOne() {
        Checkpoint c = store.compareAndSet("orders", 0, Position.at(T1));

        assertThat(c.job()).isEqualTo("orders");
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.position()).isEqualTo(Position.at(T1));
        assertThat(c.updatedAt()).isNotNull();
        assertThat(store.load("orders")).contains(c);
    }

    @Test
    void compareAndSet_fromCurrentVersion_advancesByOne() {
        store.compareAndSet("orders", 0, Position.at(T1));
        Checkpoint second = store.compareAndSet("orders", 1, Position.at(T2));
        Checkpoint third = store.compareAndSet("orders", 2, new Position(T3, "io_id:1024"));

        assertThat(second.version()).isEqualTo(2);
        assertThat(third.version()).isEqualTo(3);
        assertThat(store.load("orders").orElseThrow().position()).isEqualTo(new Position(T3, "io_id:1024"));
    }

    @Test
    void compareAndSet_keepsCursorExactly_includingNullAndUnicode() {
        store.compareAndSet("a", 0, new Position(T1, "仓库-001|\"quoted\"\\slash\n"));
        store.compareAndSet("b", 0, new Position(T1, null));

        assertThat(store.load("a").orElseThrow().position().cursor()).isEqualTo("仓库-001|\"quoted\"\\slash\n");
        assertThat(store.load("b").orElseThrow().position().cursor()).isNull();
    }

    @Test
    void compareAndSet_withStaleVersion_throwsAndKeepsStoredCheckpoint() {
        store.compareAndSet("orders", 0, Position.at(T1));
        store.compareAndSet("orders", 1, Position.at(T2));

        assertThatThrownBy(() -> store.compareAndSet("orders", 1, Position.at(T3)))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("orders");
        Checkpoint kept = store.load("orders").orElseThrow();
        assertThat(kept.version()).isEqualTo(2);
        assertThat(kept.position()).isEqualTo(Position.at(T2));
    }

    @Test
    void compareAndSet_fromZero_whenCheckpointExists_throws() {
        store.compareAndSet("orders", 0, Position.at(T1));

        assertThatThrownBy(() -> store.compareAndSet("orders", 0, Position.at(T2)))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(store.load("orders").orElseThrow().position()).isEqualTo(Position.at(T1));
    }

    @Test
    void compareAndSet_withVersionAheadOfStore_throws() {
        assertThatThrownBy(() -> store.compareAndSet("orders", 5, Position.at(T1)))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(store.load("orders")).isEmpty();
    }

    @Test
    void jobs_areIndependent() {
        store.compareAndSet("orders", 0, Position.at(T1));
        store.compareAndSet("orders", 1, Position.at(T2));
        store.compareAndSet("warehouses", 0, Position.at(T3));

        assertThat(store.load("orders").orElseThrow().version()).isEqualTo(2);
        assertThat(store.load("warehouses").orElseThrow().version()).isEqualTo(1);
        assertThat(store.load("warehouses").orElseThrow().position()).isEqualTo(Position.at(T3));
    }

    @Test
    void jobNames_withUnusualCharacters_areKeptApart() {
        store.compareAndSet("jst/other-inout", 0, Position.at(T1));
        store.compareAndSet("jst other inout", 0, Position.at(T2));
        store.compareAndSet("聚水潭-其他出入库", 0, Position.at(T3));

        assertThat(store.load("jst/other-inout").orElseThrow().position()).isEqualTo(Position.at(T1));
        assertThat(store.load("jst other inout").orElseThrow().position()).isEqualTo(Position.at(T2));
        assertThat(store.load("聚水潭-其他出入库").orElseThrow().position()).isEqualTo(Position.at(T3));
    }

    @Test
    void checkpoint_survivesReopen_andSecondInstanceSeesConflicts() throws Exception {
        store.compareAndSet("orders", 0, Position.at(T1));
        CheckpointStore other = reopen(store);

        assertThat(other.load("orders").orElseThrow().position()).isEqualTo(Position.at(T1));
        other.compareAndSet("orders", 1, Position.at(T2));
        assertThatThrownBy(() -> store.compareAndSet("orders", 1, Position.at(T3)))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(store.load("orders").orElseThrow().position()).isEqualTo(Position.at(T2));
    }

    @Test
    void concurrentRunners_fromTheSameVersion_exactlyOneWins() throws Exception {
        store.compareAndSet("orders", 0, Position.at(T1));
        int runners = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < runners; i++) {
                CheckpointStore runnerStore = reopen(store);
                Instant watermark = T2.plusSeconds(i);
                Callable<Boolean> attempt = () -> {
                    start.await();
                    try {
                        runnerStore.compareAndSet("orders", 1, Position.at(watermark));
                        return true;
                    } catch (CheckpointConflictException e) {
                        return false;
                    }
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> r : results) {
                wins += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
            assertThat(store.load("orders").orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
