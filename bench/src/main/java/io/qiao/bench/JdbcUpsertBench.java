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
 * How fast {@link JdbcUpsertSink} writes into MariaDB/MySQL, next to what raw JDBC achieves on the same rows in the
 * same run:
 *
 * <ul>
 *   <li>the sink: {@code write()} of 1,000-row batches, one connection, built once as an application builds it;</li>
 *   <li>raw multi-row: hand-built {@code INSERT ... VALUES (..),(..) ON DUPLICATE KEY UPDATE}, 1,000 rows a
 *       statement prepared once on a connection held throughout, committed per batch or in autocommit: the fast
 *       path with any driver;</li>
 *   <li>raw driver batching: {@code addBatch/executeBatch} of single-row upserts with the URL as given, and
 *       (MariaDB) with {@code useBulkStmts=false&rewriteBatchedStatements=true};</li>
 *   <li>baseline: row-at-a-time autocommit INSERT, as the old scripts wrote, 5,000 rows extrapolated.</li>
 * </ul>
 *
 * <p>The sink and the two raw multi-row writers are compared <b>batch by batch</b>: a round is one 1,000-row batch of
 * each, in a balanced order ({@link Interleaved#order}), each writer into a table of its own. Inserts first (each
 * writer's table is emptied, untimed, whenever its {@code rows} keys are all written), then updates (every table
 * filled with the rows, then each round's batch changes every value of its rows: the two row sets alternate). The
 * ratio is taken within each round, between batches written a few milliseconds apart, and reported as the median with
 * its spread; at least {@code rounds} rounds, more while that median is not yet precise to ±2.5% (see
 * {@link Interleaved}). Rounds of whole passes (20,000 rows each, used before) put seconds between the compared
 * writes: two runs of the same commit read 22.2 at 0.946 and 0.962 with per-round ratios spanning 0.72-1.29, where
 * rounds of one batch agree within about 1%. At the end each table is checked: every row holds the values its last
 * batch wrote. "All rounds" (rows over seconds summed) and each writer's client CPU per row are printed too.
 *
 * <pre>
 * mvn -q -o -pl bench -am install -DskipTests
 * mvn -q -o -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.qiao.bench.JdbcUpsertBench \
 *     [rows [batch [baselineRows [rounds [jdbcUrl...]]]]]
 * </pre>
 */
// run-all [22.2,22.2a,10.sink]: -Dbench.driverBatching=false io.qiao.bench.JdbcUpsertBench 20000 1000 1000 300 jdbc:mariadb://127.0.0.1:3306/test?user=root
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
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 300;
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
        checkShape(rows, batch);
        try (Connection c = DriverManager.getConnection(url)) {
            System.out.printf(Locale.ROOT, "database: %s %s; driver: %s %s%n", c.getMetaData().getDatabaseProductName(),
                    c.getMetaData().getDatabaseProductVersion(), c.getMetaData().getDriverName(),
                    c.getMetaData().getDriverVersion());
            for (String t : tables()) {
                execute(c, "DROP TABLE IF EXISTS " + t);
                execute(c, createTableSql(t));
            }
        }
        Thread dropper = new Thread(this::dropQuietly);
        Runtime.getRuntime().addShutdownHook(dropper);
        System.out.printf(Locale.ROOT, "%,d keys, rows of ~%d bytes, %,d rows per batch, at least %d rounds of one batch "
                + "per writer (balanced order)%n", rows, approximateRowBytes(), batch, rounds);
        List<BenchRow> first = rows(rows, "ACTIVE");
        List<BenchRow> second = rows(rows, "CHANGED");
        try {
            Interleaved.Results inserts;
            Interleaved.Results updates;
            List<Lane> lanes = new ArrayList<>();
            try {
                lanes.add(new Lane(SINK, table + "_sink", first, second, this::sinkWriter));
                lanes.add(new Lane(RAW_COMMIT, table + "_commit", first, second, t -> multiRowWriter(t, false)));
                lanes.add(new Lane(RAW_AUTOCOMMIT, table + "_auto", first, second, t -> multiRowWriter(t, true)));
                inserts = interleave("insert", lanes, Lane::insertNext);
                for (Lane lane : lanes) {
                    lane.verify();
                    lane.fill();
                }
                updates = interleave("update", lanes, Lane::updateNext);
                for (Lane lane : lanes) {
                    lane.verify();
                }
            } finally {
                for (Lane lane : lanes) {
                    lane.close();
                }
            }

            List<Result> raw = new ArrayList<>();
            for (Lane lane : lanes.subList(1, lanes.size())) {   // the sink's lane is the first
                raw.add(lane.result);
            }
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

            Result sink = lanes.get(0).result;
            Result fastestRaw = raw.stream().max((x, y) -> Double.compare(x.overallInsert(), y.overallInsert()))
                    .orElseThrow();
            System.out.println();
            System.out.printf(Locale.ROOT, "%-72s %19s %7s%n", "rows/s", "all rounds", "client");
            System.out.printf(Locale.ROOT, "%-72s %9s %9s %7s%n", "", "insert", "update", "us/row");
            sink.print();
            raw.forEach(Result::print);
            System.out.printf(Locale.ROOT, "%-72s %,9.0f%n",
                    "baseline: row-at-a-time autocommit INSERT (" + baselineRows + " rows)", baseline);
            System.out.println();
            double vsRaw = sink.overallInsert() / fastestRaw.overallInsert();
            double vsRawUpdate = sink.overallUpdate() / raw.stream().mapToDouble(Result::overallUpdate).max().orElseThrow();
            double vsBaseline = sink.overallInsert() / baseline;
            System.out.printf(Locale.ROOT, "sink / fastest raw (%s), all rounds: %.3fx inserts, %.3fx updates%n",
                    fastestRaw.name, vsRaw, vsRawUpdate);
            reportMedians(inserts, updates, baseline, vsBaseline);
        } finally {
            dropQuietly();
            Runtime.getRuntime().removeShutdownHook(dropper);
        }
    }

    /** Rounds write whole batches of a table's keys: refused before any table is made when they cannot. */
    static void checkShape(int rows, int batch) {
        if (batch < 1 || batch > 100_000) {
            throw new IllegalArgumentException("batch: must be 1 to 100000 rows, was " + batch);
        }
        if (rows < batch || rows % batch != 0) {
            throw new IllegalArgumentException("rows: must be a multiple of batch (" + batch + "), was " + rows);
        }
    }

    /** The compared writers' tables: one each, and one for the unrounded variants and the baseline. */
    private List<String> tables() {
        return List.of(table, table + "_sink", table + "_commit", table + "_auto");
    }

    /**
     * Rounds of one batch per lane, balanced in order, until the sink's ratio to both raw writers is precise; no pause
     * between batches (a round lasts tens of milliseconds, and the balanced order spreads whatever one batch leaves
     * to the next over every writer alike).
     */
    private Interleaved.Results interleave(String figure, List<Lane> lanes, LaneStep step) throws Exception {
        Interleaved harness = Interleaved.of(figure);
        for (Lane lane : lanes) {
            harness.contender(lane.name, () -> new double[] {step.run(lane)});
        }
        int warmUp = Interleaved.cycle(lanes.size()) * Math.max(2, 2 * rows / batch / Interleaved.cycle(lanes.size()));
        long started = System.nanoTime();
        Interleaved.Results results = harness.watch(SINK, RAW_COMMIT, figure).watch(SINK, RAW_AUTOCOMMIT, figure)
                .untilPreciseOrProperties(3000, 120).settle(0)
                .run(warmUp, rounds, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        System.out.printf(Locale.ROOT, "  %ss: %d rounds after %d warm-up rounds, %.0f s%n", figure, results.rounds(),
                warmUp, (System.nanoTime() - started) / 1e9);
        return results;
    }

    /**
     * The ratios of issue 22 from the rounds: the sink against the faster raw multi-row variant (by its median),
     * each ratio taken within a round; median and spread, as TARGET lines for bench/run-all.
     */
    private void reportMedians(Interleaved.Results inserts, Interleaved.Results updates, double baseline,
                               double vsBaseline) {
        String driver = url.startsWith("jdbc:mysql:") ? "MySQL C/J" : url.startsWith("jdbc:mariadb:") ? "MariaDB C/J" : url;
        String load = "load " + loadAverage().split(" ")[0];
        System.out.println();
        for (String figure : List.of("insert", "update")) {
            Interleaved.Results perRound = figure.equals("insert") ? inserts : updates;
            String reference = perRound.fastest(List.of(RAW_COMMIT, RAW_AUTOCOMMIT), figure);
            Interleaved.Spread ratio = perRound.ratio(SINK, reference, figure);
            System.out.printf(Locale.ROOT, "median per-round ratio, %ss: sink / %s = %s%n", figure, reference,
                    ratio.ratio());
            boolean isUpdate = figure.equals("update");
            double goal = isUpdate ? 0.95 : 0.8;
            BenchTarget.measured(isUpdate ? "22.2" : "22.2a",
                    "sink " + figure + "s vs the fastest raw upsert (" + driver + ")",
                    String.format(Locale.ROOT, "sink %s vs raw %s (%s, rounds of one %,d-row batch each, %s)",
                            perRound.of(SINK, figure).rate(), perRound.of(reference, figure).rate(),
                            reference.endsWith("autocommit") ? "raw autocommit" : "raw commit per batch", batch, load),
                    ratio.ratio(), String.format(Locale.ROOT, ">= %.2fx", goal), ratio.median() >= goal, command).print();
        }
        BenchTarget.measured("10.sink", "sink vs row-at-a-time autocommit INSERT (" + driver + ")",
                String.format(Locale.ROOT, "baseline %,.0f rows/s (%,d rows), %s", baseline, baselineRows, load),
                String.format(Locale.ROOT, "%.1fx (all rounds)", vsBaseline), ">= 10x", vsBaseline >= 10, command).print();
    }

    private void dropQuietly() {
        try (Connection c = DriverManager.getConnection(url)) {
            for (String t : tables()) {
                execute(c, "DROP TABLE IF EXISTS " + t);
            }
        } catch (SQLException e) {
            System.out.println("could not drop " + table + "*: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------- writers

    @FunctionalInterface
    private interface Writer {
        void write(DataSource ds, List<BenchRow> rows) throws SQLException;
    }

    /** Writes one batch into a lane's table; what it holds open, it closes. */
    private interface BatchWriter extends AutoCloseable {
        void write(List<BenchRow> batch) throws SQLException;

        @Override
        void close() throws SQLException;
    }

    @FunctionalInterface
    private interface WriterFactory {
        BatchWriter open(String table) throws SQLException;
    }

    @FunctionalInterface
    private interface LaneStep {
        double run(Lane lane) throws SQLException;
    }

    /** The sink as an application holds it: built once on a pooled DataSource, {@code write()} per batch. */
    private BatchWriter sinkWriter(String into) throws SQLException {
        BenchDatabase db = BenchDatabase.connected(url);
        JdbcUpsertSink<BenchRow> sink = JdbcUpsertSink.<BenchRow>into(db, into).key("id").batchSize(batch).build();
        return new BatchWriter() {
            @Override
            public void write(List<BenchRow> rows) {
                WriteResult<BenchRow> r = sink.write(rows);
                if (!r.rejected().isEmpty()) {
                    throw new IllegalStateException("sink rejected rows: " + r.rejected().get(0).reasons());
                }
            }

            @Override
            public void close() throws SQLException {
                db.close();
            }
        };
    }

    /**
     * Raw JDBC at its fastest: one connection held, the full batch's multi-row statement prepared once, bound and
     * executed per batch; committed per batch, or each statement its own transaction in autocommit.
     */
    private BatchWriter multiRowWriter(String into, boolean autoCommit) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try {
            c.setAutoCommit(autoCommit);
            PreparedStatement full = c.prepareStatement(multiRowSql(into, batch));
            return new BatchWriter() {
                @Override
                public void write(List<BenchRow> rows) throws SQLException {
                    if (rows.size() != batch) {
                        throw new IllegalArgumentException("a raw writer writes full batches, got " + rows.size());
                    }
                    int p = 1;
                    for (BenchRow r : rows) {
                        p = bind(full, p, r);
                    }
                    full.executeUpdate();
                    if (!autoCommit) {
                        c.commit();
                    }
                }

                @Override
                public void close() throws SQLException {
                    try (c) {
                        full.close();
                    }
                }
            };
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * One compared writer with its own table: the next batch to insert or update, what its timed batches took, and
     * which row set each batch of its table holds last, to check the table at the end.
     */
    private final class Lane implements AutoCloseable {
        final String name;
        final Result result;
        private final String table;
        private final List<BenchRow> first;
        private final List<BenchRow> second;
        private final BatchWriter writer;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final int batches = rows / batch;
        private final String[] lastStatus = new String[batches];
        private long inserts;
        private long updates;
        private long cpuNanos;
        private long rowsTimed;

        Lane(String name, String table, List<BenchRow> first, List<BenchRow> second, WriterFactory writers)
                throws SQLException {
            this.name = name;
            this.result = new Result(name);
            this.table = table;
            this.first = first;
            this.second = second;
            this.writer = writers.open(table);
        }

        /** Inserts the next batch of keys; the table is emptied, untimed, before its first batch comes again. */
        double insertNext() throws SQLException {
            int b = (int) (inserts++ % batches);
            if (b == 0) {
                truncate(table);
                java.util.Arrays.fill(lastStatus, null);
            }
            double seconds = timed(rowsOf(first, b));
            lastStatus[b] = "ACTIVE";
            result.insertRows += batch;
            result.insertSeconds += seconds;
            return batch / seconds;
        }

        /** Every key written with the first row set, untimed: the table the updates start from. */
        void fill() throws SQLException {
            truncate(table);
            for (int b = 0; b < batches; b++) {
                writer.write(rowsOf(first, b));
                lastStatus[b] = "ACTIVE";
            }
        }

        /** Updates the next batch with the other row set than it holds, so that every value of its rows changes. */
        double updateNext() throws SQLException {
            int b = (int) (updates % batches);
            boolean toSecond = (updates++ / batches) % 2 == 0;
            double seconds = timed(rowsOf(toSecond ? second : first, b));
            lastStatus[b] = toSecond ? "CHANGED" : "ACTIVE";
            result.updateRows += batch;
            result.updateSeconds += seconds;
            return batch / seconds;
        }

        /** Batch {@code b} of a row set: the rows of keys {@code b * batch + 1} to {@code (b + 1) * batch}. */
        private List<BenchRow> rowsOf(List<BenchRow> rowSet, int b) {
            return rowSet.subList(b * batch, (b + 1) * batch);
        }

        private double timed(List<BenchRow> rows) throws SQLException {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            writer.write(rows);
            double seconds = seconds(start);
            cpuNanos += threads.getCurrentThreadCpuTime() - cpu;
            rowsTimed += rows.size();
            result.cpuMicrosPerRow = cpuNanos / 1e3 / rowsTimed;
            return seconds;
        }

        /**
         * Every key of the batches written since the table was last emptied present once, with the status its last
         * batch wrote, and no other key: the timed writes really happened (after the inserts and after the updates).
         */
        void verify() throws SQLException {
            long written = 0;
            long changed = 0;
            for (String status : lastStatus) {
                written += status != null ? batch : 0;
                changed += "CHANGED".equals(status) ? batch : 0;
            }
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id), COALESCE(SUM(status = 'CHANGED'), 0) "
                         + "FROM " + table)) {
                rs.next();
                if (rs.getLong(1) != written || rs.getLong(2) != written || rs.getLong(3) != changed) {
                    throw new IllegalStateException(name + " left " + rs.getLong(1) + " rows (" + rs.getLong(2)
                            + " keys), " + rs.getLong(3) + " of them changed; expected " + written + " rows, "
                            + changed + " changed");
                }
            }
        }

        @Override
        public void close() throws SQLException {
            writer.close();
        }
    }

    private void writeDriverBatch(DataSource ds, List<BenchRow> all) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(multiRowSql(table, 1))) {
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
        truncate(table);
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
    private static String multiRowSql(String table, int n) {
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

    /** A writer's rows and seconds summed over its timed batches or passes, and its client CPU per row. */
    private static final class Result {
        final String name;
        double cpuMicrosPerRow;
        long insertRows;
        double insertSeconds;
        long updateRows;
        double updateSeconds;

        Result(String name) {
            this.name = name;
        }

        /** Rows over seconds summed across every round. */
        double overallInsert() {
            return insertRows / insertSeconds;
        }

        double overallUpdate() {
            return updateRows / updateSeconds;
        }

        void print() {
            System.out.printf(Locale.ROOT, "%-72s %,9.0f %,9.0f %7.1f%n", name, overallInsert(), overallUpdate(),
                    cpuMicrosPerRow);
        }
    }

    /**
     * One pass of a writer not in the rounds (driver batching): empties the shared table, upserts {@code first}
     * (inserts) and {@code second} (updates), and checks that every row was updated.
     */
    private void measure(Result result, List<BenchRow> first, List<BenchRow> second, Writer writer, String jdbcUrl)
            throws SQLException {
        truncate(table);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (BenchDatabase ds = BenchDatabase.connected(jdbcUrl)) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            writer.write(ds, first);
            result.insertSeconds += seconds(start);
            result.insertRows += first.size();
            start = System.nanoTime();
            writer.write(ds, second);
            result.updateSeconds += seconds(start);
            result.updateRows += second.size();
            // The client's own CPU per row (driver included): what the sink adds shows here, whatever the load.
            result.cpuMicrosPerRow = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / (first.size() + second.size());
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE status = 'CHANGED'")) {
            rs.next();
            if (rs.getLong(1) != second.size()) {
                throw new IllegalStateException(result.name + " left " + rs.getLong(1) + " updated rows, expected "
                        + second.size());
            }
        }
    }

    private void truncate(String t) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            execute(c, "TRUNCATE TABLE " + t);
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
