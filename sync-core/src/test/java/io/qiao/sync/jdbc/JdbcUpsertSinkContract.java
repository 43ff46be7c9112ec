package io.qiao.sync.jdbc;

import static io.qiao.sync.jdbc.TestDatabase.count;
import static io.qiao.sync.jdbc.TestDatabase.execute;
import static io.qiao.sync.jdbc.TestDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.sync.store.CheckpointConflictException;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.Position;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.SyncException;
import io.qiao.sync.TransactionalSink;
import io.qiao.sync.WriteResult;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link JdbcUpsertSink} must do on every database; subclasses name the database. */
abstract class JdbcUpsertSinkContract {
    record Item(long id, String code, String name, Integer qty) {
    }

    protected abstract TestDatabase database();

    private DataSource raw;
    private SpyDataSource ds;
    private String table;
    private String checkpoints;

    @BeforeEach
    void createTable() {
        raw = database().dataSource();
        ds = new SpyDataSource(raw, database());
        table = TestDatabase.uniqueName("qj_item");
        checkpoints = TestDatabase.uniqueName("qj_cp");
        execute(raw, "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, code VARCHAR(10) NOT NULL, "
                + "name VARCHAR(50), qty INT, created_at " + database().timestampType() + ")");
        JdbcCheckpointStore.builder(raw).table(checkpoints).build().createTablesIfMissing();
    }

    @AfterEach
    void dropTable() {
        execute(raw, "DROP TABLE " + table, "DROP TABLE " + checkpoints);
    }

    private JdbcUpsertSink.Builder<Item> sink() {
        return JdbcUpsertSink.<Item>into(ds, table).key("id");
    }

    private JdbcCheckpointStore store() {
        return JdbcCheckpointStore.builder(ds).table(checkpoints).build();
    }

    private static List<Item> items(int from, int to, String name) {
        return IntStream.range(from, to).mapToObj(i -> new Item(i, "C" + i, name + i, i)).toList();
    }

    private List<List<Object>> rows() {
        return query(raw, "SELECT id, code, name, qty FROM " + table + " ORDER BY id");
    }

    @Test
    void write_insertsNewRowsAndUpdatesExistingOnes() {
        JdbcUpsertSink<Item> sink = sink().build();

        assertThat(sink.write(items(0, 3, "a"))).isEqualTo(WriteResult.of(3, 0, 0, List.of()));
        WriteResult<Item> second = sink.write(items(1, 5, "b"));

        assertThat(second).isEqualTo(WriteResult.of(2, 2, 0, List.of()));
        assertThat(rows()).extracting(r -> r.get(2))
                .containsExactly("a0", "b1", "b2", "b3", "b4");
    }

    @Test
    void write_sameBatchTwice_hasTheEffectOfWritingItOnce() {
        JdbcUpsertSink<Item> sink = sink().build();
        sink.write(items(0, 10, "x"));
        List<List<Object>> once = rows();

        sink.write(items(0, 10, "x"));

        assertThat(rows()).isEqualTo(once);
    }

    @Test
    void write_sameBatchTwice_reportsCreatedThenAlreadyPresent() {
        JdbcUpsertSink<Item> sink = sink().rowsPerStatement(4).build();

        WriteResult<Item> first = sink.write(items(0, 10, "x"));
        WriteResult<Item> again = sink.write(items(0, 10, "x"));
        WriteResult<Item> mixed = sink.write(List.of(new Item(0, "C0", "x0", 0), new Item(1, "C1", "changed", 1),
                new Item(20, "C20", "new", 20)));

        assertThat(first).isEqualTo(WriteResult.of(10, 0, 0, List.of()));
        assertThat(again).isEqualTo(WriteResult.of(0, 0, 10, List.of()));
        assertThat(mixed).isEqualTo(WriteResult.of(1, 1, 1, List.of()));
    }

    @Test
    void writeAndCommit_sameBatchTwice_reportsCreatedThenAlreadyPresent_withNullsAndInsertOnlyColumns() {
        JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(ds, table).key("id")
                .insertOnly("created_at").checkpoints(store()).build();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", (long) i);
            row.put("code", "C" + i);
            row.put("name", i % 2 == 0 ? null : "n" + i);  // a NULL that is unchanged is not a change
            row.put("qty", null);
            row.put("created_at", LocalDateTime.of(2024, 5, 1, 10, 0).plusMinutes(i));
            batch.add(row);
        }

        WriteResult<Map<String, Object>> first = sink.writeAndCommit(batch, "count-job", 0,
                Position.at(Instant.parse("2024-05-01T00:00:00Z"))).result();
        batch.forEach(r -> r.put("created_at", LocalDateTime.of(2030, 1, 1, 0, 0))); // insert-only: not an update
        WriteResult<Map<String, Object>> again = sink.writeAndCommit(batch, "count-job", 1,
                Position.at(Instant.parse("2024-05-02T00:00:00Z"))).result();

        assertThat(first).isEqualTo(WriteResult.of(5, 0, 0, List.of()));
        assertThat(again).isEqualTo(WriteResult.of(0, 0, 5, List.of()));
    }

    @Test
    void write_withARefusedRow_countsOnlyTheRowsThatCommitted() {
        JdbcUpsertSink<Item> sink = sink().build();
        sink.write(items(0, 2, "x"));

        WriteResult<Item> result = sink.write(List.of(new Item(0, "C0", "x0", 0), new Item(1, "C1", "y1", 1),
                new Item(2, "C2-TOO-LONG-FOR-THE-COLUMN", "z", 2), new Item(3, "C3", "new", 3)));

        assertThat(result.rejected()).hasSize(1);
        assertThat(List.of(result.written(), result.created(), result.updated(), result.alreadyPresent()))
                .containsExactly(3, 1, 1, 1);
    }

    @Test
    void write_repeatedKeyInOneBatch_lastRecordWins() {
        JdbcUpsertSink<Item> sink = sink().build();

        WriteResult<Item> result = sink.write(List.of(new Item(1, "A", "first", 1), new Item(2, "B", "other", 2),
                new Item(1, "A", "last", 3)));

        assertThat(result.written()).isEqualTo(3);
        assertThat(rows()).extracting(r -> r.get(2)).containsExactly("last", "other");
    }

    @Test
    void write_sendsManyRowsPerStatement_notOneStatementPerRow() {
        JdbcUpsertSink<Item> sink = sink().rowsPerStatement(7).batchSize(1000).build();
        ds.updates.set(0);

        sink.write(items(0, 50, "n"));

        assertThat(ds.updates.get()).isEqualTo(8);  // ceil(50 / 7)
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isEqualTo(50);
    }

    @Test
    void write_commitsOneTransactionPerBatchSize() {
        JdbcUpsertSink<Item> sink = sink().batchSize(10).rowsPerStatement(4).build();
        ds.commits.set(0);

        sink.write(items(0, 25, "n"));

        assertThat(ds.commits.get()).isEqualTo(3);
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isEqualTo(25);
    }

    @Test
    void write_batchThatFitsOneStatement_isThatOneStatement_withoutTransactionRoundTrips() {
        JdbcUpsertSink<Item> sink = sink().build();
        ds.commits.set(0);
        ds.updates.set(0);

        sink.write(items(0, 300, "n"));

        assertThat(ds.updates.get()).isEqualTo(1);
        assertThat(ds.commits.get()).isZero();  // autocommit: the statement is atomic on its own
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isEqualTo(300);
    }

    @Test
    void write_whenSomeRowsBreakConstraints_rejectsOnlyThoseWithTheDatabaseMessage() {
        JdbcUpsertSink<Item> sink = sink().build();
        List<Item> batch = new ArrayList<>(items(0, 200, "ok"));
        batch.set(17, new Item(17, "C17", "x".repeat(51), 17));     // too long for VARCHAR(50)
        batch.set(150, new Item(150, null, "no code", 150));        // NOT NULL

        WriteResult<Item> result = sink.write(batch);

        assertThat(result.written()).isEqualTo(198);
        assertThat(result.rejected()).extracting(r -> r.record().id()).containsExactlyInAnyOrder(17L, 150L);
        assertThat(result.rejected()).allSatisfy(r -> {
            assertThat(r.stage()).isEqualTo(Rejection.Stage.WRITE);
            assertThat(r.reasons().get(0)).contains(table).containsIgnoringCase("SQLState 2");
        });
        Rejection<Item> tooLong = result.rejected().stream().filter(r -> r.record().id() == 17).findFirst().orElseThrow();
        assertThat(tooLong.reasons().get(0)).containsIgnoringCase("too long");
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isEqualTo(198);
    }

    @Test
    void write_nullKeyOrMissingColumns_areRejectedBeforeTheDatabase() {
        JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(ds, table).key("id").build();
        Map<String, Object> good = row(1L, "A", "good");
        Map<String, Object> nullKey = row(null, "B", "null key");
        Map<String, Object> otherColumns = new LinkedHashMap<>(row(3L, "C", "other"));
        otherColumns.remove("name");

        WriteResult<Map<String, Object>> result = sink.write(List.of(good, nullKey, otherColumns));

        assertThat(result.written()).isEqualTo(1);
        assertThat(result.rejected()).extracting(r -> r.reasons().get(0))
                .containsExactly("key column 'id' is null",
                        "row has columns [id, code] but this batch writes [id, code, name] into " + table);
    }

    @Test
    void write_bindsHostileTextAsAValue() {
        JdbcUpsertSink<Item> sink = sink().build();
        String hostile = "x'); DROP TABLE " + table + "; --";

        sink.write(List.of(new Item(1, "A", hostile, 1)));

        assertThat(rows()).extracting(r -> r.get(2)).containsExactly(hostile);
    }

    @Test
    void write_insertOnlyColumn_isKeptWhenTheRowExists() {
        JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(ds, table)
                .key("id").insertOnly("created_at").build();
        Map<String, Object> first = new LinkedHashMap<>(row(1L, "A", "v1"));
        first.put("created_at", Instant.parse("2024-05-01T02:00:00Z"));
        Map<String, Object> second = new LinkedHashMap<>(row(1L, "A", "v2"));
        second.put("created_at", Instant.parse("2025-01-01T00:00:00Z"));

        sink.write(List.of(first));
        sink.write(List.of(second));

        List<Object> stored = query(raw, "SELECT name, created_at FROM " + table).get(0);
        assertThat(stored.get(0)).isEqualTo("v2");
        // instants are written as Asia/Shanghai local date-times
        assertThat(toLocal(stored.get(1))).isEqualTo(LocalDateTime.parse("2024-05-01T10:00:00"));
    }

    @Test
    void write_dateTimes_areStoredExactly_wholeSecondsFractionsAndTheYearsAtTheEdges() {
        JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(ds, table).key("id").build();
        List<LocalDateTime> times = List.of(LocalDateTime.parse("2024-05-01T02:03:04"),
                LocalDateTime.parse("2024-05-01T02:03:04.123456"), LocalDateTime.parse("1000-01-01T00:00:00"),
                LocalDateTime.parse("9999-12-31T23:59:58"), LocalDateTime.parse("2024-02-29T00:00:01.000001"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>(row((long) i, "T" + i, "n"));
            r.put("created_at", times.get(i));
            rows.add(r);
        }

        sink.write(rows);
        for (Map<String, Object> r : rows) {
            r.put("created_at", ((LocalDateTime) r.get("created_at")).plusSeconds(1));
        }
        sink.write(rows);  // the update path binds them too

        // read as LocalDateTime: a Timestamp would move the year 1000 by the Julian calendar's days
        List<LocalDateTime> stored = new ArrayList<>();
        try (java.sql.Connection c = raw.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT created_at FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                stored.add(rs.getObject(1, LocalDateTime.class));
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(stored).containsExactlyElementsOf(times.stream().map(t -> t.plusSeconds(1)).toList());
    }

    @Test
    void write_whenTheTableDoesNotExist_throwsInsteadOfRejectingEveryRow() {
        JdbcUpsertSink<Item> sink = JdbcUpsertSink.<Item>into(ds, table + "_missing").key("id").build();

        assertThatThrownBy(() -> sink.write(items(0, 3, "x")))
                .isInstanceOf(SyncException.class)
                .hasMessageContaining(table + "_missing");
    }

    @Test
    void canCommitWith_isTrueOnlyForACheckpointTableOnTheSameDataSource() {
        JdbcUpsertSink<Item> sink = sink().build();

        assertThat(sink.canCommitWith(store())).isTrue();
        assertThat(sink.canCommitWith(JdbcCheckpointStore.of(raw))).isFalse();
        assertThat(sink.canCommitWith(new InMemoryCheckpointStore())).isFalse();
    }

    @Test
    void canCommitWith_onlyAnswers_andTheCheckpointGoesToTheStoreTheEngineNames() {
        JdbcUpsertSink<Item> sink = sink().build();
        JdbcCheckpointStore named = store();
        JdbcCheckpointStore askedAbout = JdbcCheckpointStore.builder(ds).table(checkpoints + "_other").build();
        Position position = Position.at(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(sink.canCommitWith(askedAbout)).isTrue();

        sink.writeAndCommit(items(0, 3, "x"), named, "job-k", 0, position, rejected -> { });

        // the checkpoint went to the store named, not to the one only asked about (it has no table: a commit fails)
        assertThat(named.load("job-k").orElseThrow().version()).isEqualTo(1);
        assertThatThrownBy(() -> sink.writeAndCommit(items(0, 1, "x"), new InMemoryCheckpointStore(), "job-k", 1,
                position, rejected -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JdbcCheckpointStore on the sink's own DataSource");
    }

    // ------------------------------------------------------------------------------ exactly-once commit

    @Test
    void writeAndCommit_storesRowsAndCheckpointTogether() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().checkpoints(store).build();
        Position position = new Position(Instant.parse("2024-05-01T00:00:00.123456789Z"), "42");

        TransactionalSink.Committed<Item> committed = sink.writeAndCommit(items(0, 20, "x"), "job-a", 0, position);

        assertThat(committed.result().written()).isEqualTo(20);
        assertThat(committed.checkpoint().version()).isEqualTo(1);
        assertThat(store.load("job-a")).contains(committed.checkpoint());
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isEqualTo(20);
    }

    @Test
    void writeAndCommit_whenTheVersionMoved_rollsBackTheRowsAndThrows() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().checkpoints(store).build();
        store.compareAndSet("job-b", 0, Position.at(Instant.parse("2024-01-01T00:00:00Z")));

        assertThatThrownBy(() -> sink.writeAndCommit(items(0, 5, "x"), "job-b", 0,
                Position.at(Instant.parse("2024-02-01T00:00:00Z"))))
                .isInstanceOf(CheckpointConflictException.class);

        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isZero();
        assertThat(store.load("job-b").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void writeAndCommit_whenTheConnectionDiesBetweenStatements_neitherRowsNorCheckpointAreStored() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().rowsPerStatement(10).checkpoints(store).build();
        ds.killBeforeUpdate(3);  // two statements of rows have run in the transaction

        assertThatThrownBy(() -> sink.writeAndCommit(items(0, 50, "x"), "job-c", 0,
                Position.at(Instant.parse("2024-05-01T00:00:00Z"))))
                .isInstanceOf(SyncException.class)
                .isNotInstanceOf(CheckpointConflictException.class);

        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isZero();
        assertThat(JdbcCheckpointStore.builder(raw).table(checkpoints).build().load("job-c")).isEmpty();
    }

    @Test
    void writeAndCommit_whenTheConnectionDiesBeforeTheCheckpoint_neitherIsStored() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().rowsPerStatement(100).checkpoints(store).build();
        store.compareAndSet("job-d", 0, Position.at(Instant.parse("2024-01-01T00:00:00Z")));
        ds.killBeforeUpdate(2);  // the rows' statement ran; the checkpoint's update is next

        assertThatThrownBy(() -> sink.writeAndCommit(items(0, 50, "x"), "job-d", 1,
                Position.at(Instant.parse("2024-05-01T00:00:00Z"))))
                .isInstanceOf(SyncException.class);

        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isZero();
        assertThat(store.load("job-d").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void writeAndCommit_whenTheConnectionDiesAtCommit_neitherIsStored_andARetryStoresBoth() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().checkpoints(store).build();
        Position position = Position.at(Instant.parse("2024-05-01T00:00:00Z"));
        ds.killAtCommit();

        assertThatThrownBy(() -> sink.writeAndCommit(items(0, 30, "x"), "job-e", 0, position))
                .isInstanceOf(SyncException.class);
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isZero();
        assertThat(store.load("job-e")).isEmpty();

        sink.writeAndCommit(items(0, 30, "x"), "job-e", 0, position);
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isEqualTo(30);
        assertThat(store.load("job-e").orElseThrow().position()).isEqualTo(position);
    }

    @Test
    void writeAndCommit_withABadRow_commitsTheGoodRowsAndTheCheckpoint() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().rowsPerStatement(16).checkpoints(store).build();
        List<Item> batch = new ArrayList<>(items(0, 40, "ok"));
        batch.set(33, new Item(33, "C33-too-long", "n", 33));

        TransactionalSink.Committed<Item> committed = sink.writeAndCommit(batch, "job-f", 0,
                Position.at(Instant.parse("2024-05-01T00:00:00Z")));

        assertThat(committed.result().rejected()).extracting(r -> r.record().id()).containsExactly(33L);
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isEqualTo(39);
        assertThat(store.load("job-f").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void writeAndCommit_handsEveryRejectionToBeforeCommit_insideTheTransaction() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().rowsPerStatement(16).checkpoints(store).build();
        List<Item> batch = new ArrayList<>(items(0, 40, "ok"));
        batch.set(5, new Item(5, "C5-too-long", "n", 5));
        List<Long> handedOver = new ArrayList<>();
        long[] rowsVisibleOutside = {-1};

        sink.writeAndCommit(batch, "job-i", 0, Position.at(Instant.parse("2024-05-01T00:00:00Z")), rejected -> {
            rejected.forEach(r -> handedOver.add(r.record().id()));
            rowsVisibleOutside[0] = store.load("job-i").map(c -> c.version()).orElse(0L);
        });

        assertThat(handedOver).containsExactly(5L);
        assertThat(rowsVisibleOutside[0]).as("checkpoint not yet committed while dead letters are stored").isZero();
        assertThat(store.load("job-i").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void writeAndCommit_whenBeforeCommitFails_neitherRowsNorCheckpointAreStored() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().rowsPerStatement(16).checkpoints(store).build();
        List<Item> batch = new ArrayList<>(items(0, 40, "ok"));
        batch.set(7, new Item(7, "C7-too-long", "n", 7));

        assertThatThrownBy(() -> sink.writeAndCommit(batch, "job-j", 0,
                Position.at(Instant.parse("2024-05-01T00:00:00Z")), rejected -> {
                    throw new IllegalStateException("dead-letter store is down");
                })).hasMessageContaining("dead-letter store is down");

        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isZero();
        assertThat(store.load("job-j")).isEmpty();
    }

    @Test
    void writeAndCommit_whenEveryRecordIsRejectedBeforeTheDatabase_stillCommitsTheCheckpoint() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(ds, table).key("id").checkpoints(store).build();

        TransactionalSink.Committed<Map<String, Object>> committed = sink.writeAndCommit(
                List.of(row(null, "A", "no key")), "job-h", 0, Position.at(Instant.parse("2024-05-01T00:00:00Z")));

        assertThat(committed.result().written()).isZero();
        assertThat(committed.result().rejected()).hasSize(1);
        assertThat(store.load("job-h").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void writeAndCommit_afterTheLeaseWasTakenOver_rollsBackAndThrows() {
        MutableClock clock = new MutableClock(Instant.parse("2024-06-01T00:00:00Z"));
        JdbcCheckpointStore replicaA = JdbcCheckpointStore.builder(ds).table(checkpoints).owner("a").clock(clock).build();
        JdbcCheckpointStore replicaB = JdbcCheckpointStore.builder(ds).table(checkpoints).owner("b").clock(clock).build();
        replicaA.tryAcquireLease("job-g", java.time.Duration.ofMinutes(1)).orElseThrow();
        clock.advance(java.time.Duration.ofMinutes(2));
        replicaB.tryAcquireLease("job-g", java.time.Duration.ofMinutes(1)).orElseThrow();
        JdbcUpsertSink<Item> sink = sink().checkpoints(replicaA).build();

        assertThatThrownBy(() -> sink.writeAndCommit(items(0, 10, "x"), "job-g", 0,
                Position.at(Instant.parse("2024-05-01T00:00:00Z"))))
                .isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("leased by 'b'");

        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isZero();
        assertThat(replicaB.load("job-g")).isEmpty();
    }

    // ------------------------------------------------------------------------------ parallel writer (writers > 1)

    @Test
    void parallelWriter_write_splitsTheBatchByKeyOverConnections_theLastRecordOfAKeyWins_andCountsStayTrue() {
        JdbcUpsertSink<Item> sink = sink().writers(4).build();
        List<Item> batch = new ArrayList<>(items(0, 600, "first"));
        batch.addAll(items(0, 400, "last"));           // 400 keys twice: the later record must win

        WriteResult<Item> created = sink.write(batch);
        WriteResult<Item> mixed = sink.write(items(300, 900, "last"));  // 300 changed or equal, 300 new

        assertThat(ds.writingThreads).as("threads that wrote").hasSizeGreaterThan(1);
        assertThat(created).isEqualTo(WriteResult.of(600, 0, 400, List.of()));
        assertThat(mixed).isEqualTo(WriteResult.of(300, 200, 100, List.of()));
        List<List<Object>> rows = rows();
        assertThat(rows).hasSize(900);
        assertThat(rows).allSatisfy(r -> assertThat(r.get(2)).isEqualTo("last" + r.get(0)));
    }

    @Test
    void parallelWriter_writeAndCommit_commitsTheCheckpointOnlyAfterEveryPartition() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().writers(3).checkpoints(store).build();
        Position position = Position.at(Instant.parse("2024-05-01T00:00:00Z"));
        long[] rowsWhenDeadLettersAreStored = {-1};
        long[] checkpointVersionThen = {-1};

        TransactionalSink.Committed<Item> committed = sink.writeAndCommit(items(0, 900, "x"), "par-a", 0, position,
                rejected -> {
                    rowsWhenDeadLettersAreStored[0] = count(raw, "SELECT COUNT(*) FROM " + table);
                    checkpointVersionThen[0] = JdbcCheckpointStore.builder(raw).table(checkpoints).build()
                            .load("par-a").map(c -> c.version()).orElse(0L);
                });

        assertThat(ds.writingThreads).hasSizeGreaterThan(1);
        assertThat(rowsWhenDeadLettersAreStored[0]).as("every partition committed before the checkpoint")
                .isEqualTo(900);
        assertThat(checkpointVersionThen[0]).as("the checkpoint, not yet committed").isZero();
        assertThat(committed.result()).isEqualTo(WriteResult.of(900, 0, 0, List.of()));
        assertThat(store.load("par-a")).contains(committed.checkpoint());
    }

    @Test
    void parallelWriter_writeAndCommit_whenTheVersionMoved_writesNothing() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().writers(4).checkpoints(store).build();
        store.compareAndSet("par-b", 0, Position.at(Instant.parse("2024-01-01T00:00:00Z")));

        assertThatThrownBy(() -> sink.writeAndCommit(items(0, 800, "x"), "par-b", 0,
                Position.at(Instant.parse("2024-02-01T00:00:00Z"))))
                .isInstanceOf(CheckpointConflictException.class);

        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isZero();
        assertThat(store.load("par-b").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void parallelWriter_writeAndCommit_afterTheLeaseWasTakenOver_writesNothing() {
        MutableClock clock = new MutableClock(Instant.parse("2024-06-01T00:00:00Z"));
        JdbcCheckpointStore replicaA = JdbcCheckpointStore.builder(ds).table(checkpoints).owner("a").clock(clock).build();
        JdbcCheckpointStore replicaB = JdbcCheckpointStore.builder(ds).table(checkpoints).owner("b").clock(clock).build();
        replicaA.tryAcquireLease("par-c", java.time.Duration.ofMinutes(1)).orElseThrow();
        clock.advance(java.time.Duration.ofMinutes(2));
        replicaB.tryAcquireLease("par-c", java.time.Duration.ofMinutes(1)).orElseThrow();
        JdbcUpsertSink<Item> sink = sink().writers(4).checkpoints(replicaA).build();

        assertThatThrownBy(() -> sink.writeAndCommit(items(0, 800, "x"), "par-c", 0,
                Position.at(Instant.parse("2024-05-01T00:00:00Z"))))
                .isInstanceOf(LeaseLostException.class);

        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isZero();
    }

    @Test
    void parallelWriter_writeAndCommit_whenAPartitionDies_theCheckpointStays_andARetryCompletesTheBatch() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().writers(4).rowsPerStatement(50).checkpoints(store).build();
        Position position = Position.at(Instant.parse("2024-05-01T00:00:00Z"));
        ds.killBeforeUpdate(4);  // the checkpoint's compare-and-set, then two statements, then one partition dies

        assertThatThrownBy(() -> sink.writeAndCommit(items(0, 800, "x"), "par-d", 0, position))
                .isInstanceOf(SyncException.class)
                .isNotInstanceOf(CheckpointConflictException.class);
        assertThat(JdbcCheckpointStore.builder(raw).table(checkpoints).build().load("par-d"))
                .as("no checkpoint while a partition of its batch failed").isEmpty();
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isLessThan(800);

        TransactionalSink.Committed<Item> retried = sink.writeAndCommit(items(0, 800, "x"), "par-d", 0, position);
        assertThat(retried.result().written()).isEqualTo(800);
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isEqualTo(800);
        assertThat(store.load("par-d").orElseThrow().position()).isEqualTo(position);
    }

    @Test
    void parallelWriter_writeAndCommit_handsTheRefusedRowsOfEveryPartitionToBeforeCommit() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().writers(4).checkpoints(store).build();
        List<Item> batch = new ArrayList<>(items(0, 800, "ok"));
        batch.set(33, new Item(33, "C33-too-long", "n", 33));
        batch.set(777, new Item(777, "C777-too-long", "n", 777));
        List<Long> handedOver = new ArrayList<>();

        TransactionalSink.Committed<Item> committed = sink.writeAndCommit(batch, "par-e", 0,
                Position.at(Instant.parse("2024-05-01T00:00:00Z")), rejected ->
                        rejected.forEach(r -> handedOver.add(r.record().id())));

        assertThat(handedOver).containsExactlyInAnyOrder(33L, 777L);
        assertThat(committed.result().rejected()).extracting(r -> r.record().id()).containsExactlyInAnyOrder(33L, 777L);
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isEqualTo(798);
        assertThat(store.load("par-e").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void parallelWriter_smallBatch_isWrittenOnOneConnection_inTheCheckpointsTransaction() {
        JdbcCheckpointStore store = store();
        JdbcUpsertSink<Item> sink = sink().writers(4).checkpoints(store).build();
        store.compareAndSet("par-f", 0, Position.at(Instant.parse("2024-01-01T00:00:00Z")));

        assertThatThrownBy(() -> sink.writeAndCommit(items(0, 150, "x"), "par-f", 0,
                Position.at(Instant.parse("2024-02-01T00:00:00Z"))))
                .isInstanceOf(CheckpointConflictException.class);

        assertThat(ds.writingThreads).hasSize(1);
        assertThat(count(raw, "SELECT COUNT(*) FROM " + table)).isZero();
    }

    private static Map<String, Object> row(Long id, String code, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("code", code);
        m.put("name", name);
        return m;
    }

    private static LocalDateTime toLocal(Object value) {
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        return (LocalDateTime) value;
    }
}
