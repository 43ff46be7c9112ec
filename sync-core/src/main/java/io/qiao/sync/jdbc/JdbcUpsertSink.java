package io.qiao.sync.jdbc;

import io.qiao.client.Json;
import io.qiao.sync.Checkpoint;
import io.qiao.sync.CheckpointStore;
import io.qiao.sync.Position;
import io.qiao.sync.Rejection;
import io.qiao.sync.SyncException;
import io.qiao.sync.TransactionalSink;
import io.qiao.sync.WriteResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       {@link #writeAndCommit} commits the whole list together with the job's checkpoint.</li>
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
 *   <li>MySQL/MariaDB and H2: before each statement, in its transaction, one query counts the rows whose key
 *       already exists; the rest were created. The statement's update count then splits the existing rows into
 *       updated and already present (MySQL: 1 per inserted row, 2 per changed row, and per unchanged row 1 or 0
 *       depending on the driver's {@code useAffectedRows}, which the sink learns once by writing one row it just
 *       wrote again; H2 counts inserted and changed rows). Exact unless another writer inserts one of the batch's
 *       keys between that query and the statement, or keys differ only in what the column's collation ignores
 *       (then rows may move between created and updated); a statement whose count does not add up leaves its rows
 *       {@link WriteResult#unclassified() unclassified}.</li>
 * </ul>
 * A record collapsed into a later one with the same key (see below) counts as already present.
 *
 * <p>Rows of one batch that share a key are collapsed to the last one before writing (PostgreSQL refuses
 * to update one row twice in a statement). {@link Instant}, {@link OffsetDateTime} and {@link ZonedDateTime}
 * values are written as local date-times in {@link Builder#zone} (default Asia/Shanghai), since MySQL's
 * DATETIME has no zone. Thread-safe: each call uses its own connection.
 *
 * @param <T> the record type
 */
public final class JdbcUpsertSink<T> implements TransactionalSink<T> {
    /** PostgreSQL's protocol caps a statement at 32767 parameters; MySQL at 65535. */
    private static final int MAX_PARAMETERS = 32_767;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcUpsertSink.class);

    private final DataSource dataSource;
    private final String table;
    private final List<String> keys;
    private final List<String> fixedColumns;
    private final Set<String> insertOnly;
    private final RowMapper<? super T> mapper;
    private final boolean autoMapping;
    private final RecordColumns recordColumns = new RecordColumns();
    private final int batchSize;
    private final int rowsPerStatement;
    private final long maxStatementBytes;
    private final Dialect dialectOverride;
    private final ZoneId zone;
    private final JdbcCheckpointStore configuredCheckpoints;
    private volatile SqlNames names;
    private volatile JdbcCheckpointStore partner;
    private volatile Statements lastStatements;
    private volatile boolean adviceGiven;
    private volatile Boolean mysqlFoundRows;

    private JdbcUpsertSink(Builder<T> b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.keys = List.copyOf(b.keys);
        this.fixedColumns = b.columns == null ? null : List.copyOf(b.columns);
        this.insertOnly = Set.copyOf(b.insertOnly);
        this.mapper = b.mapper != null ? b.mapper : RowMapper.auto();
        this.autoMapping = b.mapper == null;
        this.batchSize = b.batchSize;
        this.rowsPerStatement = b.rowsPerStatement;
        this.maxStatementBytes = b.maxStatementBytes;
        this.dialectOverride = b.dialect;
        this.zone = b.zone;
        this.configuredCheckpoints = b.checkpoints;
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
        Prepared<T> prepared = prepare(batch);
        List<Rejection<T>> rejected = new ArrayList<>(prepared.rejected);
        if (prepared.rows.isEmpty()) {
            return new WriteResult<>(0, rejected);
        }
        Tally tally = new Tally();
        try (Connection c = dataSource.getConnection()) {
            Statements st = statements(c, prepared.columns);
            boolean autoCommit = c.getAutoCommit();
            try {
                for (int from = 0; from < prepared.rows.size(); from += batchSize) {
                    List<Row<T>> chunk = prepared.rows.subList(from, Math.min(prepared.rows.size(), from + batchSize));
                    Tally committed = new Tally();
                    rejected.addAll(writeTransaction(c, st, chunk, null, committed));
                    tally.add(committed);
                }
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot write " + batch.size() + " rows into " + table, e);
        }
        return tally.result(batch.size(), rejected);
    }

    /** True when {@code store} is a {@link JdbcCheckpointStore} on the very same {@link DataSource} object. */
    @Override
    public boolean canCommitWith(CheckpointStore store) {
        if (store instanceof JdbcCheckpointStore jdbc && jdbc.dataSource() == dataSource) {
            partner = jdbc;
            return true;
        }
        return false;
    }

    /**
     * Writes the whole batch and compare-and-sets the checkpoint in one transaction, so that after a crash at
     * any point both are durable or neither is. The checkpoint goes to the store last accepted by
     * {@link #canCommitWith}, else to {@link Builder#checkpoints}, else to {@code JdbcCheckpointStore.of(dataSource)}.
     *
     * @throws io.qiao.sync.CheckpointConflictException with everything rolled back, when the version moved or
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
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(beforeCommit, "beforeCommit");
        JdbcCheckpointStore store = checkpointStore();
        Prepared<T> prepared = prepare(batch);
        List<Rejection<T>> rejected = new ArrayList<>(prepared.rejected);
        Checkpoint[] checkpoint = new Checkpoint[1];
        Tally tally = new Tally();
        try (Connection c = dataSource.getConnection()) {
            Statements st = prepared.rows.isEmpty() ? null : statements(c, prepared.columns);
            boolean autoCommit = c.getAutoCommit();
            try {
                rejected.addAll(writeTransaction(c, st, prepared.rows, (conn, refusedRows) -> {
                    checkpoint[0] = store.compareAndSet(conn, job, expectedVersion, position);
                    List<Rejection<T>> all = new ArrayList<>(prepared.rejected);
                    all.addAll(refusedRows);
                    beforeCommit.accept(all);
                }, tally));
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot write " + batch.size() + " rows into " + table
                    + " with the checkpoint of job '" + job + "'", e);
        }
        return new Committed<>(tally.result(batch.size(), rejected), checkpoint[0]);
    }

    private JdbcCheckpointStore checkpointStore() {
        JdbcCheckpointStore p = partner;
        if (p != null) {
            return p;
        }
        return configuredCheckpoints != null ? configuredCheckpoints : JdbcCheckpointStore.of(dataSource);
    }

    // --------------------------------------------------------------------------------------- transactions

    /**
     * Something to do in the batch's transaction after its rows, such as the checkpoint's compare-and-set;
     * it is told which rows the database refused.
     */
    @FunctionalInterface
    private interface InTransaction<T> {
        void run(Connection c, List<Rejection<T>> refusedRows) throws SQLException;
    }

    /**
     * Writes {@code rows} and runs {@code then} in one transaction and commits. The fast path sends the rows
     * with no savepoints; only when a row's data fails does it roll back and replay the rows under savepoints
     * to find the bad ones.
     *
     * <p>Rows that fit in one statement, with nothing to commit alongside, run as that one statement in
     * autocommit mode when the connection is in it: a statement is atomic on its own, and this saves the
     * round trips of switching autocommit and committing, which a loaded server makes expensive.
     */
    private List<Rejection<T>> writeTransaction(Connection c, Statements st, List<Row<T>> rows, InTransaction<T> then,
                                                Tally tally) throws SQLException {
        List<List<Row<T>>> chunks = rows.isEmpty() ? List.of() : st.chunks(rows);
        if (then == null && chunks.size() == 1 && c.getAutoCommit()) {
            try {
                tally.add(st.executeAll(c, chunks));
                return List.of();
            } catch (SQLException e) {
                if (!JdbcSupport.isRowError(e)) {
                    throw e;
                }
                // the failed statement changed nothing; find the bad rows in a transaction
                c.setAutoCommit(false);
                return isolateAndCommit(c, st, chunks, null, tally);
            }
        }
        if (c.getAutoCommit()) {
            c.setAutoCommit(false);
        }
        try {
            Tally done;
            try {
                done = chunks.isEmpty() ? new Tally() : st.executeAll(c, chunks);
            } catch (SQLException e) {
                if (!JdbcSupport.isRowError(e)) {
                    throw e;
                }
                c.rollback();
                return isolateAndCommit(c, st, chunks, then, tally);
            }
            if (then != null) {
                then.run(c, List.of());
            }
            c.commit();
            tally.add(done);  // only what committed counts
            return List.of();
        } catch (SQLException | RuntimeException e) {
            JdbcSupport.rollbackQuietly(c, e);
            throw e;
        }
    }

    /** The slow path, in a fresh transaction: every statement under a savepoint, bad rows bisected out. */
    private List<Rejection<T>> isolateAndCommit(Connection c, Statements st, List<List<Row<T>>> chunks,
                                                InTransaction<T> then, Tally tally) throws SQLException {
        List<Rejection<T>> rejected = new ArrayList<>();
        Tally done = new Tally();
        try {
            for (List<Row<T>> chunk : chunks) {
                isolate(c, st, chunk, rejected, done);
            }
            if (then != null) {
                then.run(c, rejected);
            }
            c.commit();
            tally.add(done);
            return rejected;
        } catch (SQLException | RuntimeException e) {
            JdbcSupport.rollbackQuietly(c, e);
            throw e;
        }
    }

    /**
     * Hands the connection back (to a pool, typically) in the autocommit mode it came in. A failure here means
     * the connection is broken; the pool discards it, and the write's own outcome is what the caller needs.
     */
    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            if (!c.isClosed() && c.getAutoCommit() != autoCommit) {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // see above
        }
    }

    /** Writes {@code rows} under a savepoint; on a row error, rolls back to it and tries each half alone. */
    private void isolate(Connection c, Statements st, List<Row<T>> rows, List<Rejection<T>> rejected, Tally done)
            throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            Tally statement = st.executeOnce(c, rows);
            c.releaseSavepoint(sp);
            done.add(statement);
        } catch (SQLException e) {
            if (!JdbcSupport.isRowError(e)) {
                throw e;
            }
            c.rollback(sp);
            if (rows.size() == 1) {
                rejected.add(Rejection.of(rows.get(0).record, Rejection.Stage.WRITE,
                        "database refused the row for " + table + ": " + JdbcSupport.describe(e)));
                return;
            }
            int half = rows.size() / 2;
            isolate(c, st, rows.subList(0, half), rejected, done);
            isolate(c, st, rows.subList(half, rows.size()), rejected, done);
        }
    }

    // --------------------------------------------------------------------------------------- rows

    /** The records of a batch as rows: mapped, checked, collapsed by key; the rest rejected. */
    private Prepared<T> prepare(List<T> batch) {
        List<String> columns = fixedColumns;
        List<Rejection<T>> rejected = new ArrayList<>();
        Map<Object, Row<T>> byKey = new LinkedHashMap<>(batch.size() * 2);
        Set<String> columnSet = columns == null ? null : new LinkedHashSet<>(columns);
        int[] keyIndexes = columns == null ? null : keyIndexes(columns);
        for (T record : batch) {
            Object[] values;
            try {
                RecordColumns.Shape shape = autoMapping && fixedColumns == null && record != null
                        ? recordColumns.shapeOf(record) : null;
                if (shape != null) {
                    // Java records: values straight from the accessors, no Map per row.
                    if (columns == null) {
                        columns = checkColumns(shape.columns());
                        columnSet = new LinkedHashSet<>(columns);
                        keyIndexes = keyIndexes(columns);
                    }
                    if (!shape.columns().equals(columns)) {
                        rejected.add(Rejection.of(record, Rejection.Stage.WRITE, "row has columns "
                                + shape.columns() + " but this batch writes " + columns + " into " + table));
                        continue;
                    }
                    values = shape.values(record);
                } else {
                    Map<String, ?> row = mapper.toRow(record);
                    if (row == null || row.isEmpty()) {
                        rejected.add(Rejection.of(record, Rejection.Stage.WRITE, "the mapper gave no columns for "
                                + table));
                        continue;
                    }
                    if (columns == null) {
                        columns = checkColumns(List.copyOf(row.keySet()));
                        columnSet = new LinkedHashSet<>(columns);
                        keyIndexes = keyIndexes(columns);
                    }
                    if (!columnSet.equals(row.keySet())) {
                        rejected.add(Rejection.of(record, Rejection.Stage.WRITE, "row has columns " + row.keySet()
                                + " but this batch writes " + columns + " into " + table));
                        continue;
                    }
                    values = new Object[columns.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = row.get(columns.get(i));
                    }
                }
            } catch (RuntimeException e) {
                rejected.add(Rejection.of(record, Rejection.Stage.WRITE, "cannot map the record to a row of "
                        + table + ": " + e.getMessage()));
                continue;
            }
            String nullKey = nullKey(values, keyIndexes);
            if (nullKey != null) {
                rejected.add(Rejection.of(record, Rejection.Stage.WRITE, "key column '" + nullKey + "' is null"));
                continue;
            }
            Object key = key(values, keyIndexes);
            byKey.remove(key);  // the last record of a key wins, at the last record's place
            byKey.put(key, new Row<>(record, values));
        }
        return new Prepared<>(columns, new ArrayList<>(byKey.values()), rejected);
    }

    private String nullKey(Object[] values, int[] keyIndexes) {
        for (int k = 0; k < keyIndexes.length; k++) {
            if (values[keyIndexes[k]] == null) {
                return keys.get(k);
            }
        }
        return null;
    }

    /** A value that is equal for rows with equal keys: the value itself for a one-column key. */
    private static Object key(Object[] values, int[] keyIndexes) {
        if (keyIndexes.length == 1) {
            Object v = values[keyIndexes[0]];
            return v instanceof byte[] bytes ? List.of(Arrays.toString(bytes)) : v;
        }
        List<Object> key = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
            Object v = values[index];
            key.add(v instanceof byte[] bytes ? Arrays.toString(bytes) : v);
        }
        return key;
    }

    private List<String> checkColumns(List<String> columns) {
        for (String c : columns) {
            SqlNames.checkIdentifier("column of " + table + " from the row mapper", c);
        }
        if (new LinkedHashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("columns " + columns + " of " + table + " repeat a name");
        }
        for (String k : keys) {
            if (!columns.contains(k)) {
                throw new IllegalArgumentException("key column '" + k + "' is not among the mapped columns " + columns
                        + " of " + table);
            }
        }
        return columns;
    }

    private int[] keyIndexes(List<String> columns) {
        int[] idx = new int[keys.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = columns.indexOf(keys.get(k));
        }
        return idx;
    }

    private Statements statements(Connection c, List<String> columns) throws SQLException {
        Statements cached = lastStatements;
        if (cached != null && cached.forColumns.equals(columns)) {
            return cached;  // the SQL text of a 1,000-row statement is worth keeping between batches
        }
        SqlNames n = names;
        if (n == null) {
            n = SqlNames.of(c, dialectOverride);
            names = n;
        }
        List<String> quoted = columns.stream().map(n::quote).toList();
        List<String> quotedKeys = keys.stream().map(n::quote).toList();
        List<String> update = columns.stream().filter(col -> !keys.contains(col) && !insertOnly.contains(col))
                .map(n::quote).toList();
        int perStatement = Math.max(1, Math.min(rowsPerStatement, MAX_PARAMETERS / columns.size()));
        Statements st = new Statements(columns, n.dialect(), n.quote(table), quoted, quotedKeys, update, perStatement);
        lastStatements = st;
        if (!adviceGiven) {
            adviceGiven = true;
            String advice = DriverSettings.advice(c, st.sql(perStatement).length());
            if (advice != null) {
                LOG.warn("JdbcUpsertSink into {}: {}", table, advice);
            }
        }
        return st;
    }

    private record Row<T>(T record, Object[] values) {
    }

    /** What committed statements did to rows, by kind; rows the database's answer did not classify are unknown. */
    private static final class Tally {
        int rows;
        int created;
        int updated;
        int unchanged;

        static Tally of(int rows, int created, int updated, int unchanged) {
            Tally t = new Tally();
            t.rows = rows;
            t.created = created;
            t.updated = updated;
            t.unchanged = unchanged;
            return t;
        }

        static Tally unknown(int rows) {
            return of(rows, 0, 0, 0);
        }

        void add(Tally other) {
            rows += other.rows;
            created += other.created;
            updated += other.updated;
            unchanged += other.unchanged;
        }

        /**
         * The result of a call given {@code records} records: records collapsed into a later one of the same key
         * never reached the database as rows; their key is there all the same, so they count as already present.
         */
        <T> WriteResult<T> result(int records, List<Rejection<T>> rejected) {
            int written = records - rejected.size();
            int collapsed = written - rows;
            if (collapsed < 0) {
                return new WriteResult<>(written, rejected);
            }
            return new WriteResult<>(written, rejected, created, updated, unchanged + collapsed);
        }
    }

    private record Prepared<T>(List<String> columns, List<Row<T>> rows, List<Rejection<T>> rejected) {
    }

    /** Builds, caches and runs the multi-row statements of one batch. */
    private final class Statements {
        private final List<String> forColumns;
        private final Dialect dialect;
        private final String table;
        private final List<String> columns;
        private final List<String> keys;
        private final List<String> update;
        private final int perStatement;
        private volatile String fullSql;

        Statements(List<String> forColumns, Dialect dialect, String table, List<String> columns, List<String> keys, List<String> update,
                   int perStatement) {
            this.forColumns = forColumns;
            this.dialect = dialect;
            this.table = table;
            this.columns = columns;
            this.keys = keys;
            this.update = update;
            this.perStatement = perStatement;
        }

        /** The rows cut into statements: at most {@code perStatement} rows and about maxStatementBytes each. */
        List<List<Row<T>>> chunks(List<Row<T>> rows) {
            List<List<Row<T>>> chunks = new ArrayList<>();
            int start = 0;
            long bytes = 0;
            for (int i = 0; i < rows.size(); i++) {
                long rowBytes = estimate(rows.get(i).values);
                if (i > start && (i - start == perStatement || bytes + rowBytes > maxStatementBytes)) {
                    chunks.add(rows.subList(start, i));
                    start = i;
                    bytes = 0;
                }
                bytes += rowBytes;
            }
            chunks.add(rows.subList(start, rows.size()));
            return chunks;
        }

        /** Runs every chunk, reusing the prepared statement of the common (full) chunk size. */
        Tally executeAll(Connection c, List<List<Row<T>>> chunks) throws SQLException {
            Map<Integer, PreparedStatement> open = new HashMap<>();
            Tally tally = new Tally();
            try {
                for (List<Row<T>> chunk : chunks) {
                    PreparedStatement ps = open.get(chunk.size());
                    if (ps == null) {
                        ps = c.prepareStatement(sql(chunk.size()));
                        open.put(chunk.size(), ps);
                    }
                    tally.add(bindAndRun(c, ps, chunk));
                }
            } finally {
                for (PreparedStatement ps : open.values()) {
                    ps.close();
                }
            }
            return tally;
        }

        Tally executeOnce(Connection c, List<Row<T>> rows) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql(rows.size()))) {
                return bindAndRun(c, ps, rows);
            }
        }

        private Tally bindAndRun(Connection c, PreparedStatement ps, List<Row<T>> rows) throws SQLException {
            int existing = dialect == Dialect.POSTGRESQL ? 0 : countExisting(c, rows);
            int p = 1;
            for (Row<T> row : rows) {
                for (Object v : row.values) {
                    bind(ps, p++, v);
                }
            }
            if (dialect == Dialect.POSTGRESQL) {
                int returned = 0;
                int inserted = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        returned++;
                        if (rs.getBoolean(1)) {
                            inserted++;
                        }
                    }
                }
                return Tally.of(rows.size(), inserted, returned - inserted, rows.size() - returned);
            }
            int count = ps.executeUpdate();
            int created = rows.size() - existing;
            int updated;
            if (existing == 0) {
                updated = 0;                                // every row was inserted, whatever the counting mode
            } else if (dialect == Dialect.H2) {
                updated = count - created;                  // H2 counts inserted and changed rows
            } else {
                Boolean foundRows = foundRows(c, rows.get(0));
                if (foundRows == null) {
                    return Tally.unknown(rows.size());
                }
                if (foundRows) {
                    updated = count - rows.size();          // 1 per inserted or unchanged row, 2 per changed row
                } else {
                    int twice = count - created;            // 1 per inserted row, 2 per changed row
                    updated = twice % 2 == 0 ? twice / 2 : -1;
                }
            }
            if (updated < 0 || updated > existing) {
                return Tally.unknown(rows.size());         // the counts do not add up: say so, do not guess
            }
            return Tally.of(rows.size(), created, updated, existing - updated);
        }

        /** How many of {@code rows}' keys the table has, in the statement's transaction, just before it runs. */
        private int countExisting(Connection c, List<Row<T>> rows) throws SQLException {
            StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM ").append(table).append(" WHERE ");
            String one = keys.size() == 1 ? "?" : "(" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")";
            sql.append(keys.size() == 1 ? keys.get(0) : "(" + String.join(", ", keys) + ")").append(" IN (");
            for (int r = 0; r < rows.size(); r++) {
                sql.append(r == 0 ? "" : ", ").append(one);
            }
            sql.append(')');
            int[] keyIndexes = keyIndexes(forColumns);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (Row<T> row : rows) {
                    for (int k : keyIndexes) {
                        bind(ps, p++, row.values[k]);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }

        /**
         * Whether this MySQL connection counts an unchanged row as 1 (the drivers' default, {@code
         * useAffectedRows=false}) or as 0. Learnt once per sink by writing {@code written}, which the statement
         * just wrote, again: it is unchanged now. Null when the answer is neither (a trigger changed the row again):
         * then this statement's rows stay unclassified and the next statement asks again.
         */
        private Boolean foundRows(Connection c, Row<T> written) throws SQLException {
            Boolean known = mysqlFoundRows;
            if (known == null) {
                int count;
                try (PreparedStatement ps = c.prepareStatement(sql(1))) {
                    int p = 1;
                    for (Object v : written.values) {
                        bind(ps, p++, v);
                    }
                    count = ps.executeUpdate();
                }
                known = count == 1 ? Boolean.TRUE : count == 0 ? Boolean.FALSE : null;
                mysqlFoundRows = known;
            }
            return known;
        }

        /** Only the full-size statement is kept: the other sizes occur once per batch at most. */
        private String sql(int rows) {
            if (rows != perStatement) {
                return dialect.upsert(table, columns, keys, update, rows);
            }
            String sql = fullSql;
            if (sql == null) {
                sql = dialect.upsert(table, columns, keys, update, rows);
                fullSql = sql;
            }
            return sql;
        }
    }

    private void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof Integer i) {
            ps.setInt(index, i);
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof LocalDateTime t) {
            ps.setObject(index, t);
        } else if (value instanceof Instant i) {
            ps.setObject(index, LocalDateTime.ofInstant(i, zone));
        } else if (value instanceof OffsetDateTime o) {
            ps.setObject(index, LocalDateTime.ofInstant(o.toInstant(), zone));
        } else if (value instanceof ZonedDateTime z) {
            ps.setObject(index, LocalDateTime.ofInstant(z.toInstant(), zone));
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else if (value instanceof Character ch) {
            ps.setString(index, ch.toString());
        } else {
            ps.setObject(index, value);
        }
    }

    /** A rough upper bound of a row's size on the wire, to keep statements under max_allowed_packet. */
    private static long estimate(Object[] values) {
        long bytes = 0;
        for (Object v : values) {
            if (v instanceof CharSequence s) {
                bytes += 3L * s.length() + 4;
            } else if (v instanceof byte[] b) {
                bytes += 2L * b.length + 4;
            } else {
                bytes += 24;
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "JdbcUpsertSink{table=" + table + ", key=" + keys + "}";
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
         * The checkpoint store {@link #writeAndCommit} writes to when the engine did not hand one over through
         * {@link #canCommitWith}. It must use the sink's DataSource.
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
