package io.qiao.sync.jdbc;

import io.qiao.client.Json;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.Position;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.SyncException;
import io.qiao.sync.TransactionalSink;
import io.qiao.sync.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Writes records into a table by upsert on a key: writing a record twice has the effect of writing it once,
 * as {@link io.qiao.sync.Sink} requires.
 *
 * <pre>{@code
 * JdbcUpsertSink<WarehouseRow> sink = JdbcUpsertSink.<WarehouseRow>into(dataSource, "warehouse")
 *         .key("warehouse_code")
 *         .build();                       // Java records map to snake_case columns by default
 * }</pre>
 *
 * <ul>
 *   <li><b>Fast whatever the driver.</b> Rows go in multi-row statements ({@code INSERT ... VALUES (..), (..)
 *       ON DUPLICATE KEY UPDATE}, {@code ON CONFLICT ... DO UPDATE}, {@code MERGE INTO ... KEY}) built here,
 *       up to {@link Builder#rowsPerStatement} rows each. Driver batching is not used: MariaDB Connector/J
 *       with its default settings sends a batched upsert one statement per row, three to four times slower.</li>
 *   <li><b>One transaction per batch.</b> {@link #write} commits every {@link Builder#batchSize} rows;
 *       {@link #writeAndCommit} commits the whole list together with the job's checkpoint. With the parallel writer
 *       ({@link Builder#writers}) a batch is cut into slices written over several connections, and the checkpoint commits in a
 *       transaction of its own after all of them (at least once instead of exactly once; see there).</li>
 *   <li><b>Bad rows do not sink good ones.</b> When a statement fails because of a row's data (a constraint,
 *       a value too long or of the wrong type: SQLState class 22/23), the rows are retried in halves under
 *       savepoints until each bad row stands alone; it comes back as a {@link Rejection} with the database's
 *       message and the good rows commit in the same transaction. Other failures (connection, deadlock,
 *       missing table) are thrown: no row can be blamed and the engine retries the batch.</li>
 *   <li><b>No SQL injection.</b> Values are bound parameters; table and column names must be plain
 *       identifiers and are quoted for the dialect.</li>
 * </ul>
 *
 * <p><b>What each row did.</b> The {@link WriteResult} counts rows created, updated (a value changed) and already
 * present (every written value was there already), from the database's own answer, never guessed:
 * <ul>
 *   <li>PostgreSQL: exact. The statement updates only rows whose values differ and returns, per row it inserted
 *       or updated, whether it inserted it ({@code xmax = 0}). So an unchanged row is not rewritten: no new row
 *       version, no update trigger (H2's MERGE leaves it alone too; MySQL never rewrites an unchanged row).</li>
 *   <li>MariaDB: the statement itself counts the rows whose key already existed and sends the count back in its
 *       answer (its insert id); on a table whose AUTO_INCREMENT column the server fills, the generated value takes
 *       that place and the count is read from a session variable right after the statement. The rest were created. MySQL and H2: before each statement, in its transaction, one query
 *       counts the rows whose key already exists. The statement's update count then splits the existing rows into
 *       updated and already present (MySQL: 1 per inserted row, 2 per changed row, and per unchanged row 1 or 0
 *       depending on the driver's {@code useAffectedRows}, which the sink learns once by writing one row it just
 *       wrote again; H2 counts inserted and changed rows). Exact unless (MySQL, H2) another writer inserts one of
 *       the batch's keys between that query and the statement, or keys differ only in what the column's collation ignores
 *       (then rows may move between created and updated); a statement whose count does not add up leaves its rows
 *       {@link WriteResult#unclassified() unclassified}.</li>
 * </ul>
 * A record collapsed into a later one with the same key (see below) counts as already present.
 *
 * <p>Rows of one batch that share a key are collapsed to the last one before writing (PostgreSQL refuses
 * to update one row twice in a statement). {@link java.time.Instant}, {@link java.time.OffsetDateTime} and
 * {@link java.time.ZonedDateTime} values are written as local date-times in {@link Builder#zone} (default
 * Asia/Shanghai), since MySQL's DATETIME has no zone. Thread-safe: each call uses its own connection.
 *
 * <p><i>For maintainers:</i> this class is the public face (builder, transactions per call, the checkpoint);
 * the work is done by package-private parts, each tested alone: {@code UpsertRows} (records to rows),
 * {@code UpsertStatements} (chunking, SQL text and its cache), {@code UpsertRunner} with {@code ValueBinder} and
 * {@code ExistingKeyCount} (running statements, counting what they did) and {@code BisectingWriter} (the
 * transaction and bad-row isolation). It passes ~350 lines only by its public builder and this documentation.
 *
 * @param <T> the record type
 */
public final class JdbcUpsertSink<T> implements TransactionalSink<T> {
    private final DataSource dataSource;
    private final String table;
    private final List<String> keys;
    private final int batchSize;
    private final JdbcCheckpointStore configuredCheckpoints;
    private final UpsertRows<T> rows;
    private final UpsertStatements statements;
    private final UpsertRunner runner;
    private final BisectingWriter<T> writer;
    /** The parallel writer; null with one writer. */
    private final PartitionedWrites parallel;

    private JdbcUpsertSink(Builder<T> b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.keys = List.copyOf(b.keys);
        this.batchSize = b.batchSize;
        this.configuredCheckpoints = b.checkpoints;
        this.rows = new UpsertRows<>(b.table, b.keys, b.columns, b.mapper);
        this.statements = new UpsertStatements(b.table, b.keys, b.insertOnly, b.rowsPerStatement,
                b.maxStatementBytes, b.dialect);
        this.runner = new UpsertRunner(new ValueBinder(b.zone));
        this.writer = new BisectingWriter<>(b.table);
        this.parallel = b.writers > 1 ? new PartitionedWrites(b.writers, b.table) : null;
    }

    /** A sink into {@code table} (optionally schema.table); name the key with {@link Builder#key}. */
    public static <T> Builder<T> into(DataSource dataSource, String table) {
        return new Builder<>(dataSource, table);
    }

    /**
     * Writes the batch, one transaction per {@link Builder#batchSize} rows.
     *
     * @throws SyncException when the database fails for a reason no single row explains; transactions
     *                       committed before the failure stay committed (the engine re-delivers them, harmlessly)
     */
    @Override
    public WriteResult<T> write(List<T> batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return WriteResult.allWritten(0);
        }
        UpsertRows.Prepared<T> prepared = rows.prepare(batch);
        List<Rejection<T>> rejected = new ArrayList<>(prepared.rejected());
        if (prepared.rows().isEmpty()) {
            return new WriteResult<>(0, rejected);
        }
        WriteTally tally = new WriteTally();
        try {
            for (Part<T> part : writeParts(prepared, null)) {
                tally.add(part.tally);
                rejected.addAll(part.rejected);
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot write " + batch.size() + " rows into " + table, e);
        }
        return tally.result(batch.size(), rejected);
    }

    /** What one partition (or the whole batch, with one writer) committed, and the rows the database refused. */
    private record Part<T>(WriteTally tally, List<Rejection<T>> rejected) {
    }

    /**
     * Writes the prepared rows, one transaction per {@link Builder#batchSize} rows: on one connection, or cut into
     * slices over the {@link Builder#writers} and written at once. Returns when every partition has finished.
     *
     * @param c a connection to learn the statements' dialect on, or null to learn it on the first partition's
     */
    private List<Part<T>> writeParts(UpsertRows.Prepared<T> prepared, Connection c) throws SQLException {
        List<List<UpsertRows.Row<T>>> parts = parallel == null ? List.of(prepared.rows())
                : parallel.split(prepared.rows(), UpsertRows.keyIndexes(keys, prepared.columns()));
        if (parts.size() == 1) {
            return List.of(writePart(parts.get(0), prepared.columns(), null));
        }
        UpsertStatements.Plan plan;
        if (c != null) {
            plan = statements.forColumns(c, prepared.columns());
        } else {
            try (Connection first = dataSource.getConnection()) {
                plan = statements.forColumns(first, prepared.columns());
            }
        }
        return parallel.run(parts, part -> writePart(part, prepared.columns(), plan));
    }

    /** Writes {@code part} on a connection of its own, committing every {@link Builder#batchSize} rows. */
    private Part<T> writePart(List<UpsertRows.Row<T>> part, List<String> columns, UpsertStatements.Plan known)
            throws SQLException {
        WriteTally tally = new WriteTally();
        List<Rejection<T>> rejected = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            BisectingWriter.Statements<T> st = runner.statements(known != null ? known
                    : statements.forColumns(c, columns));
            boolean autoCommit = c.getAutoCommit();
            try {
                for (int from = 0; from < part.size(); from += batchSize) {
                    List<UpsertRows.Row<T>> chunk = part.subList(from, Math.min(part.size(), from + batchSize));
                    rejected.addAll(writer.write(c, st, chunk, null, tally));
                }
            } finally {
                BisectingWriter.restoreAutoCommit(c, autoCommit);
            }
        }
        return new Part<>(tally, rejected);
    }

    /** True when {@code store} is a {@link JdbcCheckpointStore} on the very same {@link DataSource} object. */
    @Override
    public boolean canCommitWith(CheckpointStore store) {
        return sharesTransactionsWith(store) != null;
    }

    private JdbcCheckpointStore sharesTransactionsWith(CheckpointStore store) {
        return store instanceof JdbcCheckpointStore jdbc && jdbc.dataSource() == dataSource ? jdbc : null;
    }

    /**
     * Writes the whole batch and compare-and-sets the checkpoint in one transaction, so that after a crash at
     * any point both are durable or neither is. The checkpoint goes to {@link Builder#checkpoints}, else to
     * {@code JdbcCheckpointStore.of(dataSource)}; the engine names its own store instead (see
     * {@link #writeAndCommit(List, CheckpointStore, String, long, Position, Consumer)}).
     *
     * @throws io.qiao.sync.store.CheckpointConflictException with everything rolled back, when the version moved or
     *                                                  another owner holds the job's lease
     */
    @Override
    public Committed<T> writeAndCommit(List<T> batch, String job, long expectedVersion, Position position) {
        return writeAndCommit(batch, job, expectedVersion, position, rejected -> { });
    }

    /**
     * As {@link #writeAndCommit(List, String, long, Position)}, and hands every rejection of the batch to
     * {@code beforeCommit} inside the transaction, after the checkpoint's compare-and-set and before the commit:
     * the engine stores them as dead letters there, so the checkpoint can never become durable past a refused
     * row that no dead-letter store holds. If {@code beforeCommit} throws, everything is rolled back.
     */
    @Override
    public Committed<T> writeAndCommit(List<T> batch, String job, long expectedVersion, Position position,
                                       Consumer<List<Rejection<T>>> beforeCommit) {
        return commit(batch, checkpointStore(), job, expectedVersion, position, beforeCommit);
    }

    /**
     * As {@link #writeAndCommit(List, String, long, Position, Consumer)}, committing the checkpoint to {@code store}
     * (the engine's, so that one sink can serve jobs on different checkpoint tables of its database).
     *
     * @throws IllegalArgumentException when {@code store} cannot commit in this sink's transactions
     *                                  ({@link #canCommitWith} says no)
     */
    @Override
    public Committed<T> writeAndCommit(List<T> batch, CheckpointStore store, String job, long expectedVersion,
                                       Position position, Consumer<List<Rejection<T>>> beforeCommit) {
        JdbcCheckpointStore same = sharesTransactionsWith(Objects.requireNonNull(store, "store"));
        if (same == null) {
            throw new IllegalArgumentException("checkpoint store " + store + " cannot commit in the transactions of "
                    + this + ": it must be a JdbcCheckpointStore on the sink's own DataSource");
        }
        return commit(batch, same, job, expectedVersion, position, beforeCommit);
    }

    private Committed<T> commit(List<T> batch, JdbcCheckpointStore store, String job, long expectedVersion,
                                Position position, Consumer<List<Rejection<T>>> beforeCommit) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(beforeCommit, "beforeCommit");
        UpsertRows.Prepared<T> prepared = rows.prepare(batch);
        if (parallel != null && prepared.rows().size() >= 2 * PartitionedWrites.MIN_ROWS_PER_PARTITION) {
            return commitParallel(batch.size(), prepared, store, job, expectedVersion, position, beforeCommit);
        }
        List<Rejection<T>> rejected = new ArrayList<>(prepared.rejected());
        Checkpoint[] checkpoint = new Checkpoint[1];
        WriteTally tally = new WriteTally();
        try (Connection c = dataSource.getConnection()) {
            BisectingWriter.Statements<T> st = prepared.rows().isEmpty() ? null
                    : runner.statements(statements.forColumns(c, prepared.columns()));
            boolean autoCommit = c.getAutoCommit();
            try {
                rejected.addAll(writer.write(c, st, prepared.rows(), (conn, refusedRows) -> {
                    checkpoint[0] = store.compareAndSet(conn, job, expectedVersion, position);
                    List<Rejection<T>> all = new ArrayList<>(prepared.rejected());
                    all.addAll(refusedRows);
                    beforeCommit.accept(all);
                }, tally));
            } finally {
                BisectingWriter.restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot write " + batch.size() + " rows into " + table
                    + " with the checkpoint of job '" + job + "'", e);
        }
        return new Committed<>(tally.result(batch.size(), rejected), checkpoint[0]);
    }

    /**
     * The checkpoint with the parallel writer: the compare-and-set runs first, in a transaction of its own that stays
     * open while the partitions write and commit on their connections, and commits last, after every partition
     * committed and {@code beforeCommit} stored the refused rows. So a conflict (the version moved, another owner
     * holds the lease) is found before any row is written and nothing is written; while the batch is written no other
     * runner can move the checkpoint or take the lease (its row is locked); and the checkpoint is never durable
     * before all of the batch's rows are. The rows are not in the checkpoint's transaction (a partition kept open
     * until the others finish could wait on their locks while they wait on it): a crash or a failure between the
     * partitions' commits and the checkpoint's leaves rows written ahead of their checkpoint, which the next attempt
     * writes again, harmlessly, since an upsert of the same rows leaves the same rows.
     */
    private Committed<T> commitParallel(int records, UpsertRows.Prepared<T> prepared, JdbcCheckpointStore store,
                                        String job, long expectedVersion, Position position,
                                        Consumer<List<Rejection<T>>> beforeCommit) {
        List<Rejection<T>> rejected = new ArrayList<>(prepared.rejected());
        WriteTally tally = new WriteTally();
        Checkpoint checkpoint;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            try {
                c.setAutoCommit(false);
                checkpoint = store.compareAndSet(c, job, expectedVersion, position);
                for (Part<T> part : writeParts(prepared, c)) {
                    tally.add(part.tally);
                    rejected.addAll(part.rejected);
                }
                beforeCommit.accept(List.copyOf(rejected));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                JdbcSupport.rollbackQuietly(c, e);
                throw e;
            } finally {
                BisectingWriter.restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot write " + records + " rows into " + table
                    + " with the checkpoint of job '" + job + "'", e);
        }
        return new Committed<>(tally.result(records, rejected), checkpoint);
    }

    private JdbcCheckpointStore checkpointStore() {
        return configuredCheckpoints != null ? configuredCheckpoints : JdbcCheckpointStore.of(dataSource);
    }

    @Override
    public String toString() {
        return "JdbcUpsertSink{table=" + table + ", key=" + keys
                + (parallel == null ? "" : ", writers=" + parallel.writers()) + "}";
    }

    public static final class Builder<T> {
        private final DataSource dataSource;
        private final String table;
        private final List<String> keys = new ArrayList<>();
        private List<String> columns;
        private final Set<String> insertOnly = new LinkedHashSet<>();
        private RowMapper<? super T> mapper;
        private int batchSize = 1000;
        private int rowsPerStatement = 1000;
        private long maxStatementBytes = 4L * 1024 * 1024;
        private Dialect dialect;
        private ZoneId zone = Json.SHANGHAI;
        private JdbcCheckpointStore checkpoints;
        private int writers = 1;

        private Builder(DataSource dataSource, String table) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.table = SqlNames.checkTable("JdbcUpsertSink.into(table)", table);
        }

        /** The column(s) of the primary key or unique index the upsert matches on. Required. */
        public Builder<T> key(String... columns) {
            keys.clear();
            for (String c : columns) {
                String k = SqlNames.checkIdentifier("JdbcUpsertSink.Builder.key", c);
                if (keys.contains(k)) {
                    throw new IllegalArgumentException("key column '" + k + "' is given twice");
                }
                keys.add(k);
            }
            return this;
        }

        /**
         * The columns every row must have, in statement order. Without it, the first row of each batch decides
         * and later rows with other columns are rejected.
         */
        public Builder<T> columns(String... columns) {
            List<String> list = new ArrayList<>();
            for (String c : columns) {
                String col = SqlNames.checkIdentifier("JdbcUpsertSink.Builder.columns", c);
                if (list.contains(col)) {
                    throw new IllegalArgumentException("column '" + col + "' is given twice");
                }
                list.add(col);
            }
            this.columns = list;
            return this;
        }

        /** Columns written when a row is inserted but left alone when it exists, such as {@code create_time}. */
        public Builder<T> insertOnly(String... columns) {
            for (String c : columns) {
                insertOnly.add(SqlNames.checkIdentifier("JdbcUpsertSink.Builder.insertOnly", c));
            }
            return this;
        }

        /** Record -> column values; default {@link RowMapper#auto()} (Maps and Java records). */
        public Builder<T> mapper(RowMapper<? super T> mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** Rows per transaction in {@link #write}; default 1000. */
        public Builder<T> batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Rows per multi-row statement; default 1000 (100,000+ rows/s on MariaDB; more rows per statement gain
         * little). Capped so a statement never exceeds 32,767 parameters.
         */
        public Builder<T> rowsPerStatement(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("rowsPerStatement must be at least 1, was " + rows);
            }
            this.rowsPerStatement = rows;
            return this;
        }

        /**
         * A statement is cut before its estimated size passes this; default 4 MiB, the smallest default
         * {@code max_allowed_packet} among supported MySQL versions.
         */
        public Builder<T> maxStatementBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxStatementBytes must be at least 1024, was " + bytes);
            }
            this.maxStatementBytes = bytes;
            return this;
        }

        /**
         * How many connections write a batch at once; default 1. With n > 1 a batch's rows, one per key once the batch
         * is collapsed, are cut in their order into up to n slices of one size (none under 100 rows), written
         * concurrently, each on its own connection and in its own transactions (each {@link #batchSize} rows); no two
         * connections write the same key. Nor two keys that differ only in case, accents or trailing spaces, which
         * MySQL's and MariaDB's default collations ignore ({@code 'WH01'} and {@code 'wh01 '}: two keys to the sink,
         * one row to the table): the later one joins the earlier one's slice, after it, so the batch's later record
         * wins as with one writer. (Other equivalences of a collation, such as {@code 'ß'} and {@code 'ss'} under
         * {@code utf8mb4_unicode_ci}, are not looked for: such keys may land in two slices and the row keeps whichever
         * commits last.) {@link JdbcUpsertSink#write} returns when every partition has finished; if one failed it
         * throws and the batch fails as a whole (partitions that committed stay committed; the engine writes the
         * batch again, which an upsert makes harmless).
         *
         * <p><b>What changes for the checkpoint.</b> With one writer, {@code writeAndCommit} commits the rows and the
         * checkpoint in one transaction: exactly once. With n > 1 the checkpoint cannot share the partitions'
         * transactions, so it commits in a transaction of its own, <i>after</i> every partition of the batch
         * committed: the checkpoint never gets ahead of the rows, but a crash between the partitions' commits and
         * the checkpoint's leaves rows written whose checkpoint is not, and the next run writes them again (at least
         * once, with the effect of once: an upsert of the same rows leaves the same rows; update triggers may fire
         * again). The compare-and-set runs before the rows are written and holds the checkpoint's row until the
         * commit, so a checkpoint conflict or a lost lease still writes nothing. Batches under 200 rows are written
         * as with one writer. Up to n + 1 connections are in use at once: size the pool for it.
         *
         * @throws IllegalArgumentException unless 1 to 16
         */
        public Builder<T> writers(int writers) {
            if (writers < 1 || writers > 16) {
                throw new IllegalArgumentException("writers must be between 1 and 16, was " + writers);
            }
            this.writers = writers;
            return this;
        }

        /** Overrides the dialect detected from the connection. */
        public Builder<T> dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** The zone in which instants become the table's local date-times; default Asia/Shanghai. */
        public Builder<T> zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * The checkpoint store that {@link #writeAndCommit(List, String, long, Position)} commits to, for code that
         * calls the sink itself (the engine names its own store). It must use the sink's DataSource.
         */
        public Builder<T> checkpoints(JdbcCheckpointStore store) {
            Objects.requireNonNull(store, "store");
            if (store.dataSource() != dataSource) {
                throw new IllegalArgumentException("checkpoint store " + store + " uses another DataSource than "
                        + "the sink: the checkpoint could not commit in the sink's transaction");
            }
            this.checkpoints = store;
            return this;
        }

        public JdbcUpsertSink<T> build() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("JdbcUpsertSink into " + table + " needs key(...): the column(s) "
                        + "of the primary key or unique index to upsert on");
            }
            if (columns != null) {
                for (String k : keys) {
                    if (!columns.contains(k)) {
                        throw new IllegalStateException("key column '" + k + "' is not among columns " + columns);
                    }
                }
            }
            for (String c : insertOnly) {
                if (keys.contains(c)) {
                    throw new IllegalStateException("insert-only column '" + c + "' is a key column");
                }
            }
            return new JdbcUpsertSink<>(this);
        }
    }
}
