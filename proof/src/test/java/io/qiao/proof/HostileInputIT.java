package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.proof.SamplesProcess.Result;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jushuitan.JushuitanFault;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, done as an attacker and a careless operator would: the {@code qiao} CLI, as its own JVM, against the real
 * MariaDB and PostgreSQL with hostile identifiers (quotes, backticks, comments, look-alike and invisible characters),
 * passwords in every JDBC URL form, vendors that page without end (all four), and durations and times that are
 * negative, zero, huge or ISO. Each is refused or stopped with one sentence, and nothing reaches a database that
 * should not, nothing leaks, nothing runs for ever.
 */
class HostileInputIT {
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(|^Caused by: ");
    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    Path work;

    // ---- SQL identifiers -------------------------------------------------------------------------------------------

    /** Table names that would, if concatenated into SQL, drop {@code victim_<r>} or create {@code pwn_<r>}. */
    static List<String> hostileTables(String r) {
        return List.of(
                "w_" + r + " (x int); DROP TABLE victim_" + r + "; CREATE TABLE pwn_" + r,
                "w_" + r + "; DROP TABLE victim_" + r,
                "w_" + r + "` (x int); DROP TABLE victim_" + r + "; -- ",
                "w_" + r + "\" (x int); DROP TABLE victim_" + r + "; --",
                "w_" + r + "' OR '1'='1",
                "w_" + r + "/**/;DROP/**/TABLE/**/victim_" + r,
                "w_" + r + " -- comment",
                "w_" + r + " # comment",
                "w\u0430_" + r, // Cyrillic a, looks like "wa_"
                "\uff57_" + r, // fullwidth w
                "w_" + r + "\u200b", // zero-width space
                "test.w_" + r + "; DROP TABLE victim_" + r,
                "`victim_" + r + "`");
    }

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("MariaDB (allowMultiQueries)", MARIADB + "?allowMultiQueries=true", "root"),
                Arguments.of("PostgreSQL", POSTGRES, "postgres"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void hostileWarehouseTables_areRefusedAsUsage_andNothingReachesTheDatabase(String name, String url, String user)
            throws Exception {
        String r = random();
        exec(url, user, "CREATE TABLE victim_" + r + " (id INT PRIMARY KEY)");
        try {
            exec(url, user, "INSERT INTO victim_" + r + " VALUES (1)");
            for (String table : hostileTables(r)) {
                Result run = qiao(Map.of(), "sync", "jackyun-warehouses-to-mysql", "--simulate",
                        "--state-dir", work.resolve("state-" + r).toString(), "--jdbc-url", url, "--jdbc-user", user,
                        "--warehouse-table", table);

                assertThat(run.exit()).as("exit for %s: %s", table, run.all()).isEqualTo(64);
                assertThat(run.err()).as("message for %s", table).contains("--warehouse-table");
                assertOneSentence(run);
                assertThat(count(url, user, "victim_" + r)).as("victim after %s", table).isEqualTo(1);
                assertThat(tablesLike(url, user, r)).as("tables named after %s", r)
                        .containsExactly("victim_" + r);
            }
        } finally {
            exec(url, user, "DROP TABLE IF EXISTS victim_" + r);
        }
    }

    @Test
    void hostileWarehouseTable_fromTheEnvironmentOrAConfigFile_isRefusedTheSameWay() throws Exception {
        String r = random();
        String url = MARIADB + "?allowMultiQueries=true";
        exec(url, "root", "CREATE TABLE victim_" + r + " (id INT PRIMARY KEY)");
        try {
            String table = hostileTables(r).get(0);
            Result fromEnv = qiao(Map.of("QIAO_WAREHOUSE_TABLE", table), "sync", "jackyun-warehouses-to-mysql",
                    "--simulate", "--state-dir", work.resolve("env").toString(), "--jdbc-url", url,
                    "--jdbc-user", "root");
            Path config = Files.writeString(work.resolve("qiao.properties"),
                    "warehouse-table = " + table + "\njdbc.url = " + url + "\njdbc.user = root\n");
            Result fromConfig = qiao(Map.of(), "sync", "jackyun-warehouses-to-mysql", "--simulate",
                    "--state-dir", work.resolve("config").toString(), "--config", config.toString());

            for (Result run : List.of(fromEnv, fromConfig)) {
                assertThat(run.exit()).as(run.all()).isEqualTo(64);
                assertThat(run.err().toLowerCase(Locale.ROOT).replace('_', '-')).contains("warehouse-table");
                assertOneSentence(run);
            }
            assertThat(tablesLike(url, "root", r)).containsExactly("victim_" + r);
        } finally {
            exec(url, "root", "DROP TABLE IF EXISTS victim_" + r);
        }
    }

    // ---- passwords in JDBC URLs ------------------------------------------------------------------------------------

    static Stream<Arguments> urlsWithPasswords() {
        return Stream.of(
                Arguments.of("jdbc:mysql://probe:PwUserInfo1@127.0.0.1:3306/test", "PwUserInfo1"),
                Arguments.of("jdbc:mariadb://probe:PwUserInfo2@127.0.0.1:3306/test", "PwUserInfo2"),
                Arguments.of("jdbc:mysql://(host=127.0.0.1,port=3306,user=probe,password=PwKeyValue3)/test",
                        "PwKeyValue3"),
                Arguments.of("jdbc:mysql://address=(host=127.0.0.1)(port=3306)(password=PwAddress4)/test?user=probe",
                        "PwAddress4"),
                Arguments.of("jdbc:mariadb://127.0.0.1:3306/test?user=probe&password=PwQuery5", "PwQuery5"),
                Arguments.of("jdbc:mariadb://127.0.0.1:3306/test?password=PwQuery6&user=probe&connectTimeout=3000",
                        "PwQuery6"),
                Arguments.of("jdbc:postgresql://127.0.0.1:5432/test?user=probe&password=PwPostgres7", "PwPostgres7"),
                Arguments.of("jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable&PASSWORD=PwUpper8&user=probe",
                        "PwUpper8"),
                Arguments.of("jdbc:mysql://probe:Pw%40Encoded9@127.0.0.1:3306/test", "Pw%40Encoded9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlsWithPasswords")
    void aPasswordInTheJdbcUrl_isNeverPrintedOrStored_evenWithVerbose(String url, String password) throws Exception {
        Path state = work.resolve("state");
        Result run = qiao(Map.of(), "sync", "jackyun-warehouses-to-mysql", "--simulate", "--state-dir",
                state.toString(), "--jdbc-url", url);
        Result verbose = qiao(Map.of("QIAO_LOG", "debug"), "sync", "jackyun-warehouses-to-mysql", "--simulate",
                "--verbose", "--state-dir", state.toString(), "--jdbc-url", url);
        Result status = qiao(Map.of(), "status", "--state-dir", state.toString(), "--jdbc-url", url);

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertOneSentence(run);
        assertThat(run.err()).as("the failure names the database").contains("127.0.0.1");
        for (Result r : List.of(run, verbose, status)) {
            assertThat(r.all()).doesNotContain(password);
        }
        assertNoFileContains(state, password);
    }

    @Test
    void theJdbcPasswordOption_isNeverPrintedOrStored() throws Exception {
        Path state = work.resolve("state");
        String password = "PwOption" + random();
        Result run = qiao(Map.of(), "sync", "jackyun-warehouses-to-mysql", "--simulate", "--verbose",
                "--state-dir", state.toString(), "--jdbc-url", MARIADB, "--jdbc-user", "probe",
                "--jdbc-password", password);

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.all()).doesNotContain(password);
        assertNoFileContains(state, password);
    }

    // ---- endless paging ---------------------------------------------------------------------------------------------

    @Test
    void jackyunPagingWithoutEnd_endsTheRunWithOneSentence() throws Exception {
        // full pages: a gateway that repeats a short last page is indistinguishable from one that ended
        JackyunDataSet data = JackyunDataSet.builder().warehouses(1_000).stockQuantities(0).stockDocuments(0)
                .trades(0).modifiedBetween(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 6, 1, 0, 0))
                .build();
        try (JackyunSimulator sim = JackyunSimulator.builder().dataSet(data).build().start()) {
            sim.faults().every(1, JackyunFault.endlessPaging());
            // a database of its own: pipeline 1 keeps its checkpoint in its target database
            String db = "hostile_" + random();
            exec(MARIADB, "root", "CREATE DATABASE " + db);
            Result run;
            try {
                run = qiao(Map.of(
                            "QIAO_JACKYUN_ENDPOINT", sim.endpoint().toString(),
                            "QIAO_JACKYUN_APP_KEY", sim.appKey(),
                            "QIAO_JACKYUN_APP_SECRET", sim.appSecret()),
                    "sync", "jackyun-warehouses-to-mysql", "--state-dir", work.resolve("state").toString(),
                    "--jdbc-url", "jdbc:mariadb://127.0.0.1:3306/" + db, "--jdbc-user", "root",
                    "--since", "2024-01-01");
            } finally {
                exec(MARIADB, "root", "DROP DATABASE " + db);
            }

            assertStoppedPaging(run, "erp.warehouse.get");
            assertThat(run.all()).doesNotContain(sim.appSecret());
        }
    }

    @Test
    void jushuitanPagingWithoutEnd_endsTheRunWithOneSentence() throws Exception {
        try (JushuitanSimulator jst = jushuitan();
             KisSimulator kis = KisSimulator.builder().start()) {
            jst.faults().every(1, JushuitanFault.endlessPaging());
            Result run = qiao(pipeline2(jst, kis), "sync", "jushuitan-otherinout-to-kis",
                    "--state-dir", work.resolve("state").toString(), "--since", "30d");

            assertStoppedPaging(run, "/open/other/inout/query");
            assertThat(kis.billCount()).isZero();
        }
    }

    @Test
    void kisPagingWithoutEnd_endsTheRunWithOneSentence() throws Exception {
        try (JushuitanSimulator jst = jushuitan();
             KisSimulator kis = KisSimulator.builder().start()) {
            jst.dataSet().skus().forEach(sku -> kis.addMaterial(sku.skuId(), sku.name(), "PCS"));
            for (int i = 0; i < 250; i++) { // the catalogue is listed in full pages of 100
                kis.addMaterial("EXTRA-" + i, "物料" + i, "PCS");
            }
            kis.endlessPaging(true);
            Result run = qiao(pipeline2(jst, kis), "sync", "jushuitan-otherinout-to-kis",
                    "--state-dir", work.resolve("state").toString(), "--since", "30d");

            assertStoppedPaging(run, "KIS");
            assertThat(run.all()).doesNotContain(kis.credentials().clientSecret())
                    .doesNotContain(kis.credentials().appSecret());
        }
    }

    @Test
    void archivePagingWithoutEnd_endsTheRunWithOneSentence() throws Exception {
        // a system that ignores the 档号 filter and the page: the look-up before create pages through full pages of
        // other records on the demo documents' dates for ever
        try (ArchiveSimulator archive = ArchiveSimulator.builder().filterByArchiveNo(false).build().start()) {
            for (int day = 1; day <= 12; day++) {
                for (int i = 0; i < 120; i++) {
                    archive.seedRecord(Map.of("archiveNo", "OTHER-" + day + "-" + i,
                            "docDate", String.format("2024-03-%02d", day), "title", "t"));
                }
            }
            archive.faults().endlessPaging(true);
            Result run = qiao(Map.of(
                            "QIAO_ARCHIVE_ENDPOINT", archive.endpoint().toString(),
                            "QIAO_ARCHIVE_APP_KEY", archive.appKey(),
                            "QIAO_ARCHIVE_APP_SECRET", archive.appSecret()),
                    "sync", "db-documents-to-archive", "--state-dir", work.resolve("state").toString(),
                    "--since", "2000-01-01");

            assertStoppedPaging(run, "archive.query");
        }
    }

    /** 聚水潭 documents of the last three weeks, enough for full pages of 50 in every seven-day window. */
    private static JushuitanSimulator jushuitan() {
        return JushuitanSimulator.builder().documents(600).limitsEnforced(false)
                .dataWindow(LocalDateTime.now(ZoneId.of("Asia/Shanghai")).minusDays(20), Duration.ofDays(14))
                .build().start();
    }

    private static Map<String, String> pipeline2(JushuitanSimulator jst, KisSimulator kis) {
        KisSimulatorCredentials c = kis.credentials();
        Map<String, String> env = new HashMap<>();
        env.put("QIAO_JUSHUITAN_ENDPOINT", jst.endpoint().toString());
        env.put("QIAO_JUSHUITAN_APP_KEY", jst.appKey());
        env.put("QIAO_JUSHUITAN_APP_SECRET", jst.appSecret());
        env.put("QIAO_KIS_ENDPOINT", kis.endpoint().toString());
        env.put("QIAO_KIS_CLIENT_ID", c.clientId());
        env.put("QIAO_KIS_CLIENT_SECRET", c.clientSecret());
        env.put("QIAO_KIS_APP_KEY", c.appKey());
        env.put("QIAO_KIS_APP_SECRET", c.appSecret());
        env.put("QIAO_KIS_ROUTER_ADDRESS", c.routerAddress());
        return env;
    }

    /** The run failed (1) with one sentence that names the operation, the page and why, well before its timeout. */
    private static void assertStoppedPaging(Result run, String operation) {
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertOneSentence(run);
        assertThat(run.all()).contains("failed: ").contains(operation).contains("page 2 repeated page 1's")
                .contains("listing stopped");
    }

    // ---- durations and times ---------------------------------------------------------------------------------------

    static Stream<Arguments> badDurationsAndTimes() {
        return Stream.of(
                Arguments.of("--every", "PT0S"),
                Arguments.of("--every", "PT-5S"),
                Arguments.of("--every", "0s"),
                Arguments.of("--every", "-5s"),
                Arguments.of("--every", "99999999999999d"),
                Arguments.of("--every", "P400D"),
                Arguments.of("--every", "5 minutes"),
                Arguments.of("--settle-delay", "-1s"),
                Arguments.of("--settle-delay", "PT-1S"),
                Arguments.of("--settle-delay", "P2D"),
                Arguments.of("--since", "99999999999d"),
                Arguments.of("--since", "-1d"),
                Arguments.of("--since", "1970-01-01"),
                Arguments.of("--since", "9999-12-31"),
                Arguments.of("--since", "2024-02-30"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badDurationsAndTimes")
    void aDurationOrTimeOutOfRange_isAUsageErrorNamingTheOption_andWritesNothing(String option, String value)
            throws Exception {
        Path state = work.resolve("state");
        Result run = qiao(Map.of(), "sync", "jackyun-warehouses-to-mysql", "--simulate", "--state-dir",
                state.toString(), "--jdbc-url", POSTGRES, "--jdbc-user", "postgres", "--warehouse-table",
                "w_" + random(), option, value);

        assertThat(run.exit()).as(run.all()).isEqualTo(64);
        assertThat(run.err()).contains(option).contains(value);
        assertOneSentence(run);
        assertThat(state.resolve("checkpoints")).doesNotExist();
        assertThat(state.resolve("status")).doesNotExist();
    }

    @Test
    void anIsoDurationInRange_isAccepted() throws Exception {
        // a database of its own: pipeline 1 keeps its checkpoint in its target database
        String db = "hostile_" + random();
        exec(MARIADB, "root", "CREATE DATABASE " + db);
        String url = "jdbc:mariadb://127.0.0.1:3306/" + db;
        try {
            Result run = qiao(Map.of(), "sync", "jackyun-warehouses-to-mysql", "--simulate", "--state-dir",
                    work.resolve("state").toString(), "--jdbc-url", url, "--jdbc-user", "root",
                    "--settle-delay", "PT45S", "--since", "3650d");

            assertThat(run.exit()).as(run.all()).isEqualTo(0);
            assertThat(count(url, "root", "warehouse")).isPositive();
        } finally {
            exec(MARIADB, "root", "DROP DATABASE " + db);
        }
    }

    @Test
    void resetToAnOutOfRangeTime_isRefused_andAResetInRangeIsKept() throws Exception {
        Path state = work.resolve("state");
        Result sync = qiao(Map.of(), "sync", "db-documents-to-archive", "--simulate", "--state-dir",
                state.toString(), "--since", "2020-01-01");
        Result far = qiao(Map.of(), "reset", "db-documents-to-archive", "--since", "99999999999d", "--state-dir",
                state.toString());
        Result near = qiao(Map.of(), "reset", "db-documents-to-archive", "--since", "2021-06-01", "--state-dir",
                state.toString());
        Result status = qiao(Map.of(), "status", "db-documents-to-archive", "--state-dir", state.toString());

        assertThat(sync.exit()).as(sync.all()).isIn(0, 2);
        assertThat(far.exit()).as(far.all()).isEqualTo(64);
        assertThat(far.err()).contains("--since");
        assertThat(near.exit()).as(near.all()).isEqualTo(0);
        assertThat(status.out()).as(status.all()).contains("2021-0");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Result qiao(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return SamplesProcess.run(List.of(args), env, work, TIMEOUT_SECONDS);
    }

    /** Errors are one sentence without --verbose: no stack trace, one error line. */
    private static void assertOneSentence(Result run) {
        assertThat(STACK_TRACE.matcher(run.all()).find()).as("stack trace in %s", run.all()).isFalse();
        // "qiao: ..." for bad usage and errors outside a run, "failed: ..." for a run that failed
        long lines = run.all().lines().filter(l -> l.startsWith("qiao: ") || l.startsWith("failed: ")).count();
        assertThat(lines).as("error lines in %s", run.all()).isEqualTo(1);
    }

    private static void assertNoFileContains(Path dir, String secret) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> leaking = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (text.contains(secret)) {
                    leaking.add(f);
                }
            }
        }
        assertThat(leaking).as("files holding %s", secret).isEmpty();
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static Connection connect(String url, String user) throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    private static void exec(String url, String user, String sql) throws SQLException {
        try (Connection c = connect(url, user); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String url, String user, String table) throws SQLException {
        try (Connection c = connect(url, user); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every table of the test database whose name contains {@code marker}, lower case. */
    private static List<String> tablesLike(String url, String user, String marker) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(url, user); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE "
                     + "LOWER(table_name) LIKE '%" + marker.toLowerCase(Locale.ROOT) + "%'")) {
            while (rs.next()) {
                names.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
