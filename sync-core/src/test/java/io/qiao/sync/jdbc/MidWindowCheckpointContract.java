package io.qiao.sync.jdbc;

import static io.qiao.sync.jdbc.TestDatabase.execute;
import static io.qiao.sync.jdbc.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.Position;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.SyncRetry;
import io.qiao.sync.TransactionalSink;
import io.qiao.sync.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A table read by {@link JdbcSource} in one large window and written by {@link JdbcUpsertSink} in batches: a run
 * that dies inside batch k + 1 (its transaction rolled back) leaves the checkpoint at the last row of batch k, in
 * that batch's transaction when the checkpoint table is in the same database; the next run writes from batch
 * k + 1 on. Over both runs every row is applied exactly once.
 */
abstract class MidWindowCheckpointContract {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDateTime BASE = LocalDateTime.parse("2024-05-01T10:00:00");
    private static final int ROWS = 55;
    private static final int BATCH = 10;

    protected abstract TestDatabase database();

    private DataSource db;
    private String documents;
    private String target;
    private String checkpointTable;
    private final MutableClock clock = new MutableClock(BASE.plusHours(2).atZone(SHANGHAI).toInstant());

    @BeforeEach
    void createTables() throws SQLException {
        db = database().dataSource();
        documents = TestDatabase.uniqueName("qj_mw_doc");
        target = TestDatabase.uniqueName("qj_mw_copy");
        checkpointTable = TestDatabase.uniqueName("qj_mw_cp");
        execute(db, "CREATE TABLE " + documents + " (id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(50), updated_at "
                        + database().timestampType() + ")",
                "CREATE TABLE " + target + " (id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(50))");
        JdbcCheckpointStore.builder(db).table(checkpointTable).build().createTablesIfMissing();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + documents + " VALUES (?, ?, ?)")) {
            for (long id = 1; id <= ROWS; id++) {
                ps.setLong(1, id);
                ps.setString(2, "doc " + id);
                // pairs of rows share a time: the position's id, not its time, tells where batch k ended
                ps.setObject(3, BASE.plusSeconds(id / 2));
                ps.executeUpdate();
            }
        }
    }

    @AfterEach
    void dropTables() {
        execute(db, "DROP TABLE " + documents, "DROP TABLE " + target, "DROP TABLE " + checkpointTable);
    }

    record Doc(long id, String title) {
    }

    @Test
    void deathInsideBatchKPlusOne_transactionalCheckpoint_nextRunResumesThere_eachRowAppliedOnce() {
        for (int k = 0; k <= 5; k++) {
            deathAfterBatch(k, JdbcCheckpointStore.builder(db).table(checkpointTable).build(), "k=" + k + ", same db");
            execute(db, "DELETE FROM " + target, "DELETE FROM " + checkpointTable);
        }
    }

    @Test
    void deathInsideBatchKPlusOne_checkpointElsewhere_nextRunResumesThere_eachRowAppliedOnce() {
        for (int k = 0; k <= 5; k++) {
            deathAfterBatch(k, new InMemoryCheckpointStore(clock), "k=" + k + ", checkpoint in memory");
            execute(db, "DELETE FROM " + target);
        }
    }

    private void deathAfterBatch(int k, CheckpointStore checkpoints, String scenario) {
        JdbcUpsertSink<Doc> upsert = JdbcUpsertSink.<Doc>into(db, target).key("id").build();
        Map<Long, Integer> applied = new TreeMap<>();
        List<Long> firstOfEachBatchInRun2 = new ArrayList<>();
        int[] batches = {0};
        boolean[] dying = {true};
        TransactionalSink<Doc> sink = new TransactionalSink<>() {
            @Override
            public WriteResult<Doc> write(List<Doc> batch) {
                dieIfDue("write");
                return counted(batch, upsert.write(batch));
            }

            @Override
            public boolean canCommitWith(CheckpointStore store) {
                return upsert.canCommitWith(store);
            }

            @Override
            public Committed<Doc> writeAndCommit(List<Doc> batch, String job, long expectedVersion, Position p) {
                return writeAndCommit(batch, checkpoints, job, expectedVersion, p, r -> { });
            }

            @Override
            public Committed<Doc> writeAndCommit(List<Doc> batch, CheckpointStore store, String job,
                                                 long expectedVersion, Position p,
                                                 Consumer<List<Rejection<Doc>>> beforeCommit) {
                batches[0]++;
                boolean dies = dying[0] && batches[0] == k + 1;
                Committed<Doc> c = upsert.writeAndCommit(batch, store, job, expectedVersion, p, rejected -> {
                    beforeCommit.accept(rejected);
                    if (dies) { // the rows and the checkpoint are written, not committed: the process dies here
                        throw new IllegalStateException("process killed in batch " + (k + 1));
                    }
                });
                return new Committed<>(counted(batch, c.result()), c.checkpoint());
            }

            private void dieIfDue(String where) {
                batches[0]++;
                if (dying[0] && batches[0] == k + 1) {
                    throw new IllegalStateException("process killed in batch " + (k + 1) + " before its " + where);
                }
            }

            private WriteResult<Doc> counted(List<Doc> batch, WriteResult<Doc> result) {
                if (!dying[0]) {
                    firstOfEachBatchInRun2.add(batch.get(0).id());
                }
                batch.forEach(d -> applied.merge(d.id(), 1, Integer::sum));
                return result;
            }
        };
        SyncJob.Builder<Doc, Doc> job = SyncJob.builder("mid-window-" + k)
                .source(JdbcSource.from(db, documents, rs -> new Doc(rs.getLong("id"), rs.getString("title")))
                        .batchSize(1000).settleDelay(Duration.ofSeconds(30)).build())
                .sink(sink).checkpoints(checkpoints).deadLetters(new InMemoryDeadLetterStore())
                .batchSize(BATCH).clock(clock).retry(SyncRetry.of(1, Duration.ZERO, Duration.ZERO));

        SyncReport died = job.build().runOnce();
        Position left = checkpoints.load("mid-window-" + k).map(Checkpoint::position).orElse(null);
        dying[0] = false;
        SyncReport resumed = job.build().runOnce();

        assertThat(died.status()).as(scenario).isEqualTo(SyncReport.Status.FAILED);
        assertThat(died.errorSummary()).as(scenario).contains("process killed in batch " + (k + 1));
        assertThat(left == null ? null : left.cursor()).as(scenario + ": checkpoint at batch k's last row")
                .isEqualTo(k == 0 ? null : Long.toString((long) k * BATCH));
        assertThat(resumed.status()).as(scenario + ": " + resumed.errorSummary()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(firstOfEachBatchInRun2).as(scenario + ": the second run starts at batch k + 1")
                .first().isEqualTo(k * (long) BATCH + 1);
        assertThat(applied).as(scenario + ": every row applied exactly once over both runs").hasSize(ROWS)
                .allSatisfy((id, times) -> assertThat(times).as(scenario + ", row " + id).isEqualTo(1));
        assertThat(count(db, "SELECT COUNT(*) FROM " + target)).as(scenario).isEqualTo(ROWS);
    }
}
