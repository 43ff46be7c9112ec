package io.qiao.bench;

import io.qiao.bench.JdbcUpsertBench.BenchRow;
import io.qiao.sync.WriteResult;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import io.qiao.sync.jdbc.JdbcUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Qiao's sink beside what a Java team would use instead, in the same run, on the same table and the same rows
 * (issue 22, target 3): each contender upserts every row twice, into an empty table (inserts) and again with
 * changed values (updates), in rounds of a balanced order (Interleaved.order); ratios are per round, reported as median and spread.
 *
 * <ul>
 *   <li><b>Qiao</b>: {@link JdbcUpsertSink}, batches of 1,000 (multi-row {@code INSERT ... ON DUPLICATE KEY UPDATE}
 *       it builds itself), the URL with {@code cachePrepStmts=true&prepStmtCacheSqlLimit=1048576&useServerPrepStmts=true}, which the sink
 *       asks for (WARN) when it sees Connector/J without it; twice: with one writer (the default), and with
 *       {@link JdbcUpsertSink.Builder#writers} set to {@code -Dbench.parallelWriters} (default 4), each batch cut
 *       into slices over that many connections. Targets 22.3 and 22.3b take the Qiao with the better median and name it;</li>
 *   <li><b>Spring Batch</b>: {@code JdbcBatchItemWriter} from spring-batch-infrastructure, built as its reference
 *       shows ({@code JdbcBatchItemWriterBuilder}, {@code ?} placeholders with an {@code ItemPreparedStatementSetter},
 *       the fastest of its two binding styles), an upsert statement, chunks of 1,000, each chunk in its own
 *       transaction as a chunk-oriented step runs it ({@code TransactionTemplate} over a
 *       {@code DataSourceTransactionManager}); the URL with {@code rewriteBatchedStatements=true}, the setting
 *       Connector/J's documentation gives for batched statements (Spring Batch's own documentation names no
 *       driver setting);</li>
 *   <li><b>DataX-style</b>: what DataX's mysqlwriter does ({@code CommonRdbmsWriter.Task.doBatchInsert} with
 *       {@code writeMode=update}), reproduced without DataX: its URL suffix for MySQL writers
 *       ({@code yearIsDateType=false&zeroDateTimeBehavior=convertToNull&rewriteBatchedStatements=true&tinyInt1isBit=false}),
 *       the column types read once from {@code SELECT cols FROM t WHERE 1=2}, buffers of 2,048 records (its default
 *       {@code batchSize}), and per buffer: autocommit off, a new {@code PreparedStatement} of
 *       {@code INSERT INTO t (cols) VALUES(?,..) ON DUPLICATE KEY UPDATE c=VALUES(c),..} over every column (the key
 *       too), numbers bound with {@code setString} as its {@code fillPreparedStatementColumnType} does,
 *       {@code addBatch} per record, {@code executeBatch}, {@code commit}.</li>
 * </ul>
 *
 * All three through MySQL Connector/J (the driver DataX and the rewrite setting belong to; MariaDB Connector/J
 * 3.5 turns rewritten upsert batches into invalid SQL, see README), against the local MariaDB.
 *
 * <pre>
 * java [-Dbench.parallelWriters=4] -cp ... io.qiao.bench.PeerUpsertBench [rows=20000] [minRounds=5] [jdbcUrl=jdbc:mysql://127.0.0.1:3306/test?user=root]
 * </pre>
 */
// run-all [22.3,22.3b]: io.qiao.bench.PeerUpsertBench 20000 5
public final class PeerUpsertBench {
    static final String QIAO = "Qiao JdbcUpsertSink, batch 1,000";
    static final String QIAO_W = "Qiao JdbcUpsertSink, batch 1,000, parallel writers";
    static final String SPRING_BATCH = "Spring Batch JdbcBatchItemWriter, chunk 1,000";
    static final String DATAX = "DataX-style mysqlwriter, writeMode=update, batch 2,048";
    /** DataX appends this to a MySQL writer's JDBC URL (DataBaseType.MySql.appendJDBCSuffixForWriter). */
    static final String DATAX_URL_SUFFIX =
            "yearIsDateType=false&zeroDateTimeBehavior=convertToNull&rewriteBatchedStatements=true&tinyInt1isBit=false";
    static final int DATAX_BATCH = 2048;
    static final int CHUNK = 1000;

    private final String baseUrl;
    private final int rows;
    private final int parallelWriters;
    private final String table = System.getProperty("bench.tablePrefix", "bench_") + "peer_"
            + UUID.randomUUID().toString().substring(0, 8);

    private PeerUpsertBench(String baseUrl, int rows, int parallelWriters) {
        this.baseUrl = baseUrl;
        this.rows = rows;
        this.parallelWriters = parallelWriters;
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5; // at least; more while the ratios are imprecise
        String url = args.length > 2 ? args[2] : "jdbc:mysql://127.0.0.1:3306/test?user=root";
        int parallelWriters = Interleaved.intProperty("bench.parallelWriters", 4, 2, 16);
        String command = BenchTarget.command("-Dbench.parallelWriters=" + parallelWriters, PeerUpsertBench.class, String.valueOf(rows), String.valueOf(rounds),
                "'" + JdbcUrls.redact(url) + "'");
        String loadBefore = JdbcUpsertBench.loadAverage();
        System.out.printf(Locale.ROOT, "peers: %,d rows of ~300 bytes upserted twice (insert, then update), at least %d rounds, "
                + "%s (load average %s)%n", rows, rounds, JdbcUrls.redact(url), loadBefore);
        PeerUpsertBench bench = new PeerUpsertBench(url, rows, parallelWriters);
        try {
            bench.run(rounds, command);
        } finally {
            bench.drop();
        }
    }

    private void run(int rounds, String command) throws Exception {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute(JdbcUpsertBench.createTableSql(table));
        }
        List<BenchRow> first = JdbcUpsertBench.rows(rows, "ACTIVE");
        List<BenchRow> second = JdbcUpsertBench.rows(rows, "CHANGED");
        // the settings the sink advises (WARN) for Connector/J: statements parsed once, by the server
        String qiaoUrl = withParams(baseUrl, "cachePrepStmts=true&prepStmtCacheSqlLimit=1048576&useServerPrepStmts=true");
        String springUrl = withParams(baseUrl, "rewriteBatchedStatements=true");
        String dataxUrl = withParams(baseUrl, DATAX_URL_SUFFIX);
        Interleaved.Results results = Interleaved.of("insert", "update", "upsert")
                .contender(QIAO, () -> measure(QIAO, qiaoUrl, 1, first, second, (db, all) -> qiao(db, all, 1)))
                .contender(QIAO_W, () -> measure(QIAO_W, qiaoUrl, parallelWriters, first, second,
                        (db, all) -> qiao(db, all, parallelWriters)))
                .contender(SPRING_BATCH, () -> measure(SPRING_BATCH, springUrl, 1, first, second, this::springBatch))
                .contender(DATAX, () -> measure(DATAX, dataxUrl, 1, first, second, this::dataxStyle))
                .watch(QIAO, SPRING_BATCH, "upsert").watch(QIAO, DATAX, "upsert")
                .watch(QIAO_W, SPRING_BATCH, "upsert")
                .untilPreciseOrProperties(41, 150)
                .run(1, rounds, System.out);
        String load = "load " + JdbcUpsertBench.loadAverage().split(" ")[0];
        System.out.println();
        for (String c : List.of(QIAO, QIAO_W, SPRING_BATCH, DATAX)) {
            System.out.printf(Locale.ROOT, "  %-58s insert %s, update %s, both passes %s%n", c,
                    results.of(c, "insert").rate(), results.of(c, "update").rate(), results.of(c, "upsert").rate());
        }
        String wName = parallelWriters + " writers";
        for (String qiao : List.of(QIAO, QIAO_W)) {
            for (String peer : List.of(SPRING_BATCH, DATAX)) {
                for (String figure : List.of("insert", "update", "upsert")) {
                    System.out.printf(Locale.ROOT, "  Qiao %s / %s, %s: %s%n", qiao.equals(QIAO) ? "1 writer" : wName,
                            peer, figure, results.ratio(qiao, peer, figure).ratio());
                }
            }
        }
        // the better Qiao by its median over both passes; its ratios are still taken within each round
        String best = results.fastest(List.of(QIAO, QIAO_W), "upsert");
        String bestName = best.equals(QIAO) ? "1 writer" : wName;
        String qiaoFigure = String.format(Locale.ROOT, "Qiao 1 writer %s, %s %s", results.of(QIAO, "upsert").rate(),
                wName, results.of(QIAO_W, "upsert").rate());
        Interleaved.Spread vsSpring = results.ratio(best, SPRING_BATCH, "upsert");
        BenchTarget.measured("22.3", "Qiao vs Spring Batch JdbcBatchItemWriter, upserts (MySQL C/J)",
                String.format(Locale.ROOT, "%s vs Spring Batch %s; better: %s (insert+update passes, %,d rows, %s)",
                        qiaoFigure, results.of(SPRING_BATCH, "upsert").rate(), bestName, rows, load),
                vsSpring.ratio() + " (" + bestName + ")", ">= 2x", vsSpring.median() >= 2, command).print();
        Interleaved.Spread vsDatax = results.ratio(best, DATAX, "upsert");
        new BenchTarget("22.3b", "Qiao vs DataX-style mysqlwriter (executeBatch + rewriteBatchedStatements, batch 2,048)",
                String.format(Locale.ROOT, "%s vs DataX-style %s; better: %s (%,d rows, %s)",
                        qiaoFigure, results.of(DATAX, "upsert").rate(), bestName, rows, load),
                vsDatax.ratio() + " (" + bestName + ")", "printed (no target)", "reported", command).print();
    }

    // ------------------------------------------------------------------------------------------- contenders

    @FunctionalInterface
    private interface Pass {
        void write(BenchDatabase db, List<BenchRow> rows) throws Exception;
    }

    /** Qiao as a SyncJob drives it: one {@code write()} per batch of 1,000, over {@code writers} connections. */
    private void qiao(BenchDatabase db, List<BenchRow> all, int writers) {
        JdbcUpsertSink<BenchRow> sink = JdbcUpsertSink.<BenchRow>into(db, table).key("id").batchSize(CHUNK)
                .writers(writers).build();
        for (int from = 0; from < all.size(); from += CHUNK) {
            WriteResult<BenchRow> r = sink.write(all.subList(from, Math.min(all.size(), from + CHUNK)));
            if (!r.rejected().isEmpty()) {
                throw new IllegalStateException("the sink rejected rows: " + r.rejected().get(0).reasons());
            }
        }
    }

    /** Spring Batch's writer as a chunk-oriented step calls it: one transaction per chunk of 1,000. */
    private void springBatch(BenchDatabase db, List<BenchRow> all) {
        JdbcBatchItemWriter<BenchRow> writer = new JdbcBatchItemWriterBuilder<BenchRow>()
                .dataSource(db)
                .sql(singleRowUpsert(table))
                .itemPreparedStatementSetter((row, ps) -> JdbcUpsertBench.bind(ps, 1, row))
                .build();
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
        for (int from = 0; from < all.size(); from += CHUNK) {
            Chunk<BenchRow> chunk = new Chunk<>(all.subList(from, Math.min(all.size(), from + CHUNK)));
            tx.executeWithoutResult(status -> {
                try {
                    writer.write(chunk);
                } catch (Exception e) {
                    throw new IllegalStateException("Spring Batch's writer failed: " + e.getMessage(), e);
                }
            });
        }
    }

    /**
     * DataX's mysqlwriter, writeMode=update: one connection for the task, column types read once, then per buffer
     * of 2,048 records a fresh PreparedStatement, addBatch per record, executeBatch, commit.
     */
    private void dataxStyle(BenchDatabase db, List<BenchRow> all) throws SQLException {
        List<String> columns = List.of(JdbcUpsertBench.COLUMNS.split(",\\s*"));
        String sql = dataxUpsert(table, columns);
        try (Connection c = db.getConnection()) {
            int[] types = columnTypes(c, table, columns);
            for (int from = 0; from < all.size(); from += DATAX_BATCH) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (BenchRow r : all.subList(from, Math.min(all.size(), from + DATAX_BATCH))) {
                        Object[] values = {r.id(), r.code(), r.name(), r.type(), r.status(), r.modified(), r.payload()};
                        for (int i = 0; i < values.length; i++) {
                            dataxBind(ps, i + 1, types[i], values[i]);
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            c.setAutoCommit(true);
        }
    }

    /** DataX's WriterUtil.getWriteTemplate for MySQL and writeMode=update: every column updated, the key too. */
    static String dataxUpsert(String table, List<String> columns) {
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(",", columns)).append(") VALUES(")
                .append(String.join(",", java.util.Collections.nCopies(columns.size(), "?"))).append(")")
                .append(" ON DUPLICATE KEY UPDATE ");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(columns.get(i)).append("=VALUES(").append(columns.get(i)).append(")");
        }
        return sb.toString();
    }

    /** The statement a Spring Batch user writes for an upsert: one row, {@code ?} placeholders. */
    static String singleRowUpsert(String table) {
        return "INSERT INTO " + table + " (" + JdbcUpsertBench.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE code = VALUES(code), name = VALUES(name), type = VALUES(type), "
                + "status = VALUES(status), modified = VALUES(modified), payload = VALUES(payload)";
    }

    /** DataX's DBUtil.getColumnMetaData: the table's column types from an empty query. */
    private static int[] columnTypes(Connection c, String table, List<String> columns) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.join(",", columns) + " FROM " + table + " WHERE 1=2")) {
            ResultSetMetaData md = rs.getMetaData();
            int[] types = new int[columns.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = md.getColumnType(i + 1);
            }
            return types;
        }
    }

    /** How DataX's fillPreparedStatementColumnType binds each JDBC type that this table has. */
    private static void dataxBind(PreparedStatement ps, int index, int type, Object value) throws SQLException {
        switch (type) {
            case Types.CHAR, Types.NCHAR, Types.CLOB, Types.NCLOB, Types.VARCHAR, Types.LONGVARCHAR, Types.NVARCHAR,
                 Types.LONGNVARCHAR, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL,
                 Types.FLOAT, Types.REAL, Types.DOUBLE, Types.TINYINT ->
                    ps.setString(index, value == null ? null : value.toString());
            case Types.TIMESTAMP -> ps.setTimestamp(index, value == null ? null
                    // DataX carries dates as java.util.Date (milliseconds) and binds new Timestamp(date.getTime())
                    : new Timestamp(Timestamp.valueOf((java.time.LocalDateTime) value).getTime()));
            default -> throw new IllegalStateException("column " + index + ": JDBC type " + type
                    + " is not one this bench's table has");
        }
    }

    // ------------------------------------------------------------------------------------------- measuring

    /**
     * Truncates, upserts {@code first} (inserts), then {@code second} (updates); returns insert, update, both rates.
     * The contender's {@code connections} (as many as it writes on at once) are open before the clock starts, as in
     * an application's pool: connecting is not what is compared.
     */
    private double[] measure(String name, String url, int connections, List<BenchRow> first, List<BenchRow> second,
                             Pass pass) throws Exception {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("TRUNCATE TABLE " + table);
        }
        double insertSeconds;
        double updateSeconds;
        try (BenchDatabase db = BenchDatabase.connected(url, connections)) {
            long t0 = System.nanoTime();
            pass.write(db, first);
            insertSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            pass.write(db, second);
            updateSeconds = (System.nanoTime() - t0) / 1e9;
        }
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(status = 'CHANGED') FROM " + table)) {
            rs.next();
            if (rs.getLong(1) != rows || rs.getLong(2) != rows) {
                throw new IllegalStateException(name + " left " + rs.getLong(1) + " rows, " + rs.getLong(2)
                        + " of them updated; expected " + rows);
            }
        }
        return new double[] {first.size() / insertSeconds, second.size() / updateSeconds,
            (first.size() + second.size()) / (insertSeconds + updateSeconds)};
    }

    private void drop() {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            System.out.println("could not drop " + table + ": " + e.getMessage());
        }
    }

    static String withParams(String url, String params) {
        return url + (url.contains("?") ? "&" : "?") + params;
    }
}
