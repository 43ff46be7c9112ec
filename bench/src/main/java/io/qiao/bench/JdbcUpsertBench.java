package io.qiao.bench;

import io.qiao.sync.WriteResult;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import io.qiao.sync.jdbc.JdbcUrls;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * How fast {@link JdbcUpsertSink} writes into MariaDB/MySQL, next to what raw JDBC achieves on the same table
 * in the same run:
 *
 * <ul>
 *   <li>the sink: 200,000 rows of ~300 bytes, {@code write()} of 1,000-row batches, one connection;</li>
 *   <li>raw multi-row: hand-built {@code INSERT ... VALUES (..),(..) ON DUPLICATE KEY UPDATE}, 1,000 rows a
 *       statement and a transaction: the fast path with any driver;</li>
 *   <li>raw driver batching: {@code addBatch/executeBatch} of single-row upserts with the URL as given, and
 *       (MariaDB) with {@code useBulkStmts=false&rewriteBatchedStatements=true};</li>
 *   <li>baseline: row-at-a-time autocommit INSERT, as the old scripts wrote, 5,000 rows extrapolated.</li>
 * </ul>
 *
 * Each measured pass upserts every row twice: into an empty table (inserts), then again with changed values
 * (updates), in rounds of a balanced order (Interleaved.order); the sink's ratio to the faster raw multi-row variant
 * is taken within each round and reported as the median with its spread (at least {@code rounds} rounds, more while
 * that median is not yet precise to ±2.5%: see {@link Interleaved}). "All rounds" (rows over seconds summed) is
 * printed too.
 *
 * <pre>
 * mvn -q -o -pl bench -am install -DskipTests
 * mvn -q -o -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.qiao.bench.JdbcUpsertBench \
 *     [rows [batch [baselineRows [rounds [jdbcUrl...]]]]]
 * </pre>
 */
// run-all [22.2,22.2a,10.sink]: -Dbench.driverBatching=false io.qiao.bench.JdbcUpsertBench 20000 1000 1000 5 jdbc:mariadb://127.0.0.1:3306/test?user=root
public final class JdbcUpsertBench {
    /** The measured row: about 300 bytes, as in the "吉客云 -> MySQL" reconciliation tables. */
    public record BenchRow(long id, String code, String name, String type, String status, LocalDateTime modified,
                           String payload) {
    }

    static final String COLUMNS = "id, code, name, type, status, modified, payload";
    private static final String SINK = "JdbcUpsertSink (multi-row, built by the sink)";
    private static final String RAW_COMMIT = "raw multi-row INSERT ... ON DUPLICATE KEY UPDATE, commit per batch";
    private static final String RAW_AUTOCOMMIT = "raw multi-row INSERT ... ON DUPLICATE KEY UPDATE, autocommit";

    private final String url;
    private final int rows;
    private final int batch;
    private final int baselineRows;
    private final int rounds;
    private final String table = System.getProperty("bench.tablePrefix", "bench_") + "upsert_" + UUID.randomUUID().toString().substring(0, 8);
    private final String command;
    private double lastInsertSeconds;
    private double lastUpdateSeconds;

    private JdbcUpsertBench(String url, int rows, int batch, int baselineRows, int rounds, String command) {
        this.url = url;
        this.command = command;
        this.rows = rows;
        this.batch = batch;
        this.baselineRows = baselineRows;
        this.rounds = rounds;
    }

    /**
     * {@code [rows [batch [baselineRows [rounds [jdbcUrl...]]]]]}; without URLs, the local MariaDB through MariaDB
     * Connector/J and then through MySQL Connector/J (when it is on the classpath).
     */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int baselineRows = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        List<String> urls = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            urls.add(args[i]);
        }
        if (urls.isEmpty()) {
            urls.add("jdbc:mariadb://127.0.0.1:3306/test?user=root");
            if (onClasspath("com.mysql.cj.jdbc.Driver")) {
                // as JdbcUpsertSink advises for Connector/J: parse each multi-row statement once per connection
                urls.add("jdbc:mysql://127.0.0.1:3306/test?user=root&cachePrepStmts=true&prepStmtCacheSqlLimit=1048576");
            }
        }
        for (String url : urls) {
            System.out.println("=== " + JdbcUrls.redact(url) + " (load average " + loadAverage() + ")");
            String command = BenchTarget.command("", JdbcUpsertBench.class, String.valueOf(rows), String.valueOf(batch),
                    String.valueOf(baselineRows), String.valueOf(rounds), "'" + JdbcUrls.redact(url) + "'");
            new JdbcUpsertBench(url, rows, batch, baselineRows, rounds, command).run();
            System.out.println("(load average " + loadAverage() + ")");
            System.out.println();
        }
    }

    /** The machine's 1/5/15-minute load, to judge how noisy a run was; "?" where /proc is missing. */
    static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private void run() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            System.out.printf(Locale.ROOT, "database: %s %s; driver: %s %s%n", c.getMetaData().getDatabaseProductName(),
                    c.getMetaData().getDatabaseProductVersion(), c.getMetaData().getDriverName(),
                    c.getMetaData().getDriverVersion());
            execute(c, "DROP TABLE IF EXISTS " + table);
            execute(c, createTableSql(table));
        }
        Thread dropper = new Thread(this::dropQuietly);
        Runtime.getRuntime().addShutdownHook(dropper);
        System.out.printf(Locale.ROOT, "%,d rows of ~%d bytes, %,d rows per batch, at least %d rounds "
                + "(balanced order, heap collected before each run)%n", rows, approximateRowBytes(), batch, rounds);
        List<BenchRow> first = rows(rows, "ACTIVE");
        List<BenchRow> second = rows(rows, "CHANGED");
        try {
            warmUp();
            Result sink = new Result(SINK);
            Result multiRow = new Result(RAW_COMMIT);
            Result multiRowAuto = new Result(RAW_AUTOCOMMIT);
            // Rounds change the order (a balanced Latin square); each ratio is taken within a round (Interleaved).
            Interleaved.Results perRound = Interleaved.of("insert", "update")
                    .contender(sink.name, () -> measure(sink, first, second, this::writeWithSink, url))
                    .contender(multiRow.name, () -> measure(multiRow, first, second, this::writeMultiRow, url))
                    .contender(multiRowAuto.name,
                            () -> measure(multiRowAuto, first, second, this::writeMultiRowAutocommit, url))
                    .watch(sink.name, multiRow.name, "update").watch(sink.name, multiRowAuto.name, "update")
                    .untilPreciseOrProperties(41, 150)
                    .run(0, this.rounds, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            List<Result> raw = new ArrayList<>(List.of(multiRow, multiRowAuto));
            // -Dbench.driverBatching=false leaves the (slow, unrounded) driver-batching variants out
            boolean driverBatching = Boolean.parseBoolean(System.getProperty("bench.driverBatching", "true"));
            if (driverBatching) {
                warnIfSlowBatching(url);
            }
            for (String[] variant : driverBatching ? batchingVariants() : List.<String[]>of()) {
                Result r = new Result("raw JDBC executeBatch, " + variant[0]);
                try {
                    measure(r, first, second, this::writeDriverBatch, variant[1]);
                    raw.add(r);
                } catch (SQLException e) {
                    System.out.println("  " + r.name + ": the driver failed (" + e.getMessage().lines().findFirst()
                            .orElse("") + "); not counted");
                }
            }
            double baseline = baseline();

            Result fastestRaw = raw.stream().max((a, b) -> Double.compare(a.overallInsert(), b.overallInsert()))
                    .orElseThrow();
            System.out.println();
            System.out.printf(Locale.ROOT, "%-72s %19s %19s %7s%n", "rows/s", "all rounds", "best round",
                    "client");
            System.out.printf(Locale.ROOT, "%-72s %9s %9s %9s %9s %7s%n", "", "insert", "update", "insert", "update",
                    "us/row");
            sink.print();
            raw.forEach(Result::print);
            System.out.printf(Locale.ROOT, "%-72s %,9.0f%n",
                    "baseline: row-at-a-time autocommit INSERT (" + baselineRows + " rows)", baseline);
            System.out.println();
            double vsRaw = sink.overallInsert() / fastestRaw.overallInsert();
            double vsRawUpdate = sink.overallUpdate() / raw.stream().mapToDouble(Result::overallUpdate).max().orElseThrow();
            double vsBaseline = sink.overallInsert() / baseline;
            System.out.printf(Locale.ROOT, "sink / fastest raw (%s), all rounds: %.2fx inserts, %.2fx updates%n",
                    fastestRaw.name, vsRaw, vsRawUpdate);
            reportMedians(perRound, baseline, vsBaseline);
        } finally {
            dropQuietly();
            Runtime.getRuntime().removeShutdownHook(dropper);
        }
    }

    /**
     * The ratios of issue 22 from the rounds: the sink against the faster raw multi-row variant (by its median),
     * each ratio taken within a round; median and spread, as TARGET lines for bench/run-all.
     */
    private void reportMedians(Interleaved.Results perRound, double baseline, double vsBaseline) {
        String driver = url.startsWith("jdbc:mysql:") ? "MySQL C/J" : url.startsWith("jdbc:mariadb:") ? "MariaDB C/J" : url;
        String load = "load " + loadAverage().split(" ")[0];
        System.out.println();
        for (String figure : List.of("insert", "update")) {
            String reference = perRound.fastest(List.of(RAW_COMMIT, RAW_AUTOCOMMIT), figure);
            Interleaved.Spread ratio = perRound.ratio(SINK, reference, figure);
            System.out.printf(Locale.ROOT, "median per-round ratio, %ss: sink / %s = %s%n", figure, reference,
                    ratio.ratio());
            boolean updates = figure.equals("update");
            double goal = updates ? 0.95 : 0.8;
            BenchTarget.measured(updates ? "22.2" : "22.2a",
                    "sink " + figure + "s vs the fastest raw upsert (" + driver + ")",
                    String.format(Locale.ROOT, "sink %s vs raw %s (%s, %,d rows a round, %s)",
                            perRound.of(SINK, figure).rate(), perRound.of(reference, figure).rate(),
                            reference.endsWith("autocommit") ? "raw autocommit" : "raw commit per batch", rows, load),
                    ratio.ratio(), String.format(Locale.ROOT, ">= %.2fx", goal), ratio.median() >= goal, command).print();
        }
        BenchTarget.measured("10.sink", "sink vs row-at-a-time autocommit INSERT (" + driver + ")",
                String.format(Locale.ROOT, "baseline %,.0f rows/s (%,d rows), %s", baseline, baselineRows, load),
                String.format(Locale.ROOT, "%.1fx (all rounds)", vsBaseline), ">= 10x", vsBaseline >= 10, command).print();
    }

    private void dropQuietly() {
        try (Connection c = DriverManager.getConnection(url)) {
            execute(c, "DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            System.out.println("could not drop " + table + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------- writers

    @FunctionalInterface
    private interface Writer {
        void write(DataSource ds, List<BenchRow> rows) throws SQLException;
    }

    private void writeWithSink(DataSource ds, List<BenchRow> all) {
        JdbcUpsertSink<BenchRow> sink = JdbcUpsertSink.<BenchRow>into(ds, table).key("id").batchSize(batch).build();
        for (int from = 0; from < all.size(); from += batch) {
            WriteResult<BenchRow> r = sink.write(all.subList(from, Math.min(all.size(), from + batch)));
            if (!r.rejected().isEmpty()) {
                throw new IllegalStateException("sink rejected rows: " + r.rejected().get(0).reasons());
            }
        }
    }

    private void writeMultiRow(DataSource ds, List<BenchRow> all) throws SQLException {
        writeMultiRow(ds, all, false);
    }

    /** One statement per batch in autocommit mode: each statement is its own transaction, one round trip. */
    private void writeMultiRowAutocommit(DataSource ds, List<BenchRow> all) throws SQLException {
        writeMultiRow(ds, all, true);
    }

    private void writeMultiRow(DataSource ds, List<BenchRow> all, boolean autoCommit) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(autoCommit);
            PreparedStatement full = null;
            try {
                for (int from = 0; from < all.size(); from += batch) {
                    List<BenchRow> chunk = all.subList(from, Math.min(all.size(), from + batch));
                    PreparedStatement ps = chunk.size() == batch && full != null ? full
                            : c.prepareStatement(multiRowSql(chunk.size()));
                    if (chunk.size() == batch) {
                        full = ps;
                    }
                    int p = 1;
                    for (BenchRow r : chunk) {
                        p = bind(ps, p, r);
                    }
                    ps.executeUpdate();
                    if (!autoCommit) {
                        c.commit();
                    }
                    if (ps != full) {
                        ps.close();
                    }
                }
            } finally {
                if (full != null) {
                    full.close();
                }
                c.setAutoCommit(true);
            }
        }
    }

    private void writeDriverBatch(DataSource ds, List<BenchRow> all) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(multiRowSql(1))) {
            c.setAutoCommit(false);
            for (int from = 0; from < all.size(); from += batch) {
                for (BenchRow r : all.subList(from, Math.min(all.size(), from + batch))) {
                    bind(ps, 1, r);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            }
            c.setAutoCommit(true);
        }
    }

    /** Row-at-a-time autocommit INSERT: the way the old scripts wrote. */
    private double baseline() throws SQLException {
        truncate();
        List<BenchRow> sample = rows(baselineRows, "ACTIVE");
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            long start = System.nanoTime();
            for (BenchRow r : sample) {
                bind(ps, 1, r);
                ps.executeUpdate();
            }
            return baselineRows / seconds(start);
        }
    }

    /** Placeholders without spaces, as the sink writes them: spaces in a 1,000-row statement cost 5% of its speed. */
    private String multiRowSql(int n) {
        StringBuilder sb = new StringBuilder("INSERT INTO " + table + " (" + COLUMNS + ") VALUES ");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?)");
        }
        return sb.append(" ON DUPLICATE KEY UPDATE code = VALUES(code), name = VALUES(name), type = VALUES(type), ")
                .append("status = VALUES(status), modified = VALUES(modified), payload = VALUES(payload)").toString();
    }

    static int bind(PreparedStatement ps, int p, BenchRow r) throws SQLException {
        ps.setLong(p++, r.id());
        ps.setString(p++, r.code());
        ps.setString(p++, r.name());
        ps.setString(p++, r.type());
        ps.setString(p++, r.status());
        ps.setObject(p++, r.modified());
        ps.setString(p++, r.payload());
        return p;
    }

    // ------------------------------------------------------------------------------------------- measuring

    private final class Result {
        final String name;
        double insertRate;
        double updateRate;
        double cpuMicrosPerRow = Double.MAX_VALUE;
        long insertRows;
        double insertSeconds;
        long updateRows;
        double updateSeconds;

        /** Rows over seconds summed across every round: steadier than the best round on a busy machine. */
        double overallInsert() {
            return insertRows / insertSeconds;
        }

        double overallUpdate() {
            return updateRows / updateSeconds;
        }

        Result(String name) {
            this.name = name;
        }

        void print() {
            System.out.printf(Locale.ROOT, "%-72s %,9.0f %,9.0f %,9.0f %,9.0f %7.1f%n", name, overallInsert(),
                    overallUpdate(), insertRate, updateRate, cpuMicrosPerRow);
        }
    }

    /** Truncates the table, upserts {@code first} (inserts) and {@code second} (updates); returns both rates. */
    private double[] measure(Result result, List<BenchRow> first, List<BenchRow> second, Writer writer, String jdbcUrl)
            throws SQLException {
        truncate();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (BenchDatabase ds = BenchDatabase.connected(jdbcUrl)) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            writer.write(ds, first);
            double insertSeconds = seconds(start);
            double insert = first.size() / insertSeconds;
            start = System.nanoTime();
            writer.write(ds, second);
            double updateSeconds = seconds(start);
            double update = second.size() / updateSeconds;
            lastInsertSeconds = insertSeconds;
            lastUpdateSeconds = updateSeconds;
            result.insertRows += first.size();
            result.insertSeconds += insertSeconds;
            result.updateRows += second.size();
            result.updateSeconds += updateSeconds;
            // The client's own CPU per row (driver included): what the sink adds shows here, whatever the load.
            double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / (first.size() + second.size());
            result.insertRate = Math.max(result.insertRate, insert);
            result.updateRate = Math.max(result.updateRate, update);
            result.cpuMicrosPerRow = Math.min(result.cpuMicrosPerRow, cpu);
            System.out.printf(Locale.ROOT, "  %-70s insert %,9.0f rows/s, update %,9.0f rows/s, client CPU %.1f us/row%n",
                    result.name, insert, update, cpu);
        }
        long count;
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE status = 'CHANGED'")) {
            rs.next();
            count = rs.getLong(1);
        }
        if (count != second.size()) {
            throw new IllegalStateException(result.name + " left " + count + " updated rows, expected " + second.size());
        }
        return new double[] {first.size() / lastInsertSeconds, second.size() / lastUpdateSeconds};
    }

    private void warmUp() throws SQLException {
        List<BenchRow> a = rows(Math.min(rows, 30_000), "ACTIVE");
        List<BenchRow> b = rows(Math.min(rows, 30_000), "CHANGED");
        for (int i = 0; i < 2; i++) {
            truncate();
            try (BenchDatabase ds = BenchDatabase.connected(url)) {
                writeWithSink(ds, a);
                writeWithSink(ds, b);
                writeMultiRow(ds, a);
                writeMultiRow(ds, b);
            }
        }
    }

    private void truncate() throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            execute(c, "TRUNCATE TABLE " + table);
        }
    }

    /** The driver-batching URLs worth measuring for this driver: as given, and tuned as the vendor advises. */
    private List<String[]> batchingVariants() {
        List<String[]> variants = new ArrayList<>();
        variants.add(new String[] {"URL as given", url});
        String sep = url.contains("?") ? "&" : "?";
        if (url.startsWith("jdbc:mariadb:")) {
            variants.add(new String[] {"useBulkStmts=false&rewriteBatchedStatements=true",
                url + sep + "useBulkStmts=false&rewriteBatchedStatements=true"});
            variants.add(new String[] {"useBulkStmts=false", url + sep + "useBulkStmts=false"});
        } else if (url.startsWith("jdbc:mysql:")) {
            variants.add(new String[] {"rewriteBatchedStatements=true", url + sep + "rewriteBatchedStatements=true"});
        }
        return variants;
    }

    /**
     * Driver batching of upserts is slow with MariaDB Connector/J's defaults (its bulk protocol does not apply to
     * INSERT ... ON DUPLICATE KEY UPDATE, so it sends one statement per row) and with MySQL Connector/J without
     * rewriteBatchedStatements. The sink does not use driver batching; this warns about the raw variant only.
     */
    private static void warnIfSlowBatching(String jdbcUrl) {
        String u = jdbcUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:mariadb:") && !u.contains("usebulkstmts=false")) {
            System.out.println("WARN: MariaDB Connector/J with useBulkStmts on (the default) sends a batch of upserts "
                    + "one statement per row; add useBulkStmts=false&rewriteBatchedStatements=true to the URL, or "
                    + "use multi-row statements (JdbcUpsertSink does)");
        } else if (u.startsWith("jdbc:mysql:") && !u.contains("rewritebatchedstatements=true")) {
            System.out.println("WARN: MySQL Connector/J without rewriteBatchedStatements=true sends a batch one "
                    + "statement per row; add it to the URL, or use multi-row statements (JdbcUpsertSink does)");
        }
    }

    // ------------------------------------------------------------------------------------------- data

    /** The measured table: the row's columns, the id as primary key. */
    static String createTableSql(String table) {
        return "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, code VARCHAR(32) NOT NULL, "
                + "name VARCHAR(64) NOT NULL, type VARCHAR(16), status VARCHAR(16), modified DATETIME(3), "
                + "payload TEXT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    }

    static List<BenchRow> rows(int n, String status) {
        List<BenchRow> list = new ArrayList<>(n);
        LocalDateTime base = LocalDateTime.parse("2024-05-01T00:00:00");
        for (int i = 1; i <= n; i++) {
            list.add(new BenchRow(i, "WH" + (100_000 + i), "仓库 " + i + " 华东配送中心", i % 3 == 0 ? "SELF" : "THIRD_PARTY",
                    status, base.plusSeconds(i), payload(i, status)));
        }
        return list;
    }

    /** About 200 bytes of JSON, as vendors' extra fields stored verbatim. */
    private static String payload(int i, String status) {
        return "{\"warehouseId\":" + (900_000 + i) + ",\"warehouseCode\":\"WH" + (100_000 + i)
                + "\",\"province\":\"浙江省\",\"city\":\"杭州市\",\"contact\":\"张三\",\"phone\":\"1380000" + (1000 + i % 9000)
                + "\",\"status\":\"" + status + "\",\"capacity\":" + (i % 5000)
                + ",\"address\":\"西湖区文一西路 " + (i % 999) + " 号\",\"remark\":\"reconciliation\"}";
    }

    private static int approximateRowBytes() {
        BenchRow r = rows(1, "ACTIVE").get(0);
        return 8 + r.code().length() + r.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + r.type().length() + r.status().length() + 8
                + r.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
