package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QiaoCliTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Result qiao(Map<String, String> env, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Qiao.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false, Clock.systemUTC());
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result qiao(String... argv) {
        String[] withState = new String[argv.length + 2];
        System.arraycopy(argv, 0, withState, 0, argv.length);
        withState[argv.length] = "--state-dir";
        withState[argv.length + 1] = dir.toString();
        return qiao(Map.of(), withState);
    }

    @Test
    void noCommand_printsTheUsage_andExits64() {
        Result r = qiao(Map.of());
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).contains("usage: qiao").contains("QIAO_KIS_CLIENT_SECRET");
        assertThat(qiao(Map.of(), "help").exit()).isZero();
    }

    @Test
    void badUsage_exits64_withOneSentence() {
        assertThat(qiao("sync", "jackyun-warehouses-to-mysql", "--bogus").err()).contains("unknown option --bogus");
        assertThat(qiao("sync", "nope").exit()).isEqualTo(64);
        assertThat(qiao("sync", "nope").err()).contains("unknown pipeline 'nope'").doesNotContain("\tat ");
        assertThat(qiao("sync").err()).contains("missing pipeline");
        assertThat(qiao("sync", "jackyun-warehouses-to-mysql", "--once", "--every", "5m").exit()).isEqualTo(64);
        assertThat(qiao("sync", "jackyun-warehouses-to-mysql", "--every", "soon").err())
                .contains("--every 'soon' is not a duration");
        assertThat(qiao("sync", "jackyun-warehouses-to-mysql", "--since", "2024-02-30").err())
                .contains("--since '2024-02-30' is not a real date");
        assertThat(qiao("reconcile", "jackyun-warehouses-to-mysql", "--from", "2024-05-01").err())
                .contains("--to is required");
        assertThat(qiao("dlq", "peek", "jackyun-warehouses-to-mysql").exit()).isEqualTo(64);
        assertThat(qiao("frobnicate").exit()).isEqualTo(64);
    }

    @Test
    void endpointWithoutItsKey_isBadUsage_namingTheVariable() {
        Result r = qiao(Map.of("QIAO_JACKYUN_ENDPOINT", "http://127.0.0.1:9/open/openapi/do"),
                "sync", "jackyun-warehouses-to-mysql", "--state-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).contains("QIAO_JACKYUN_APP_KEY");
    }

    @Test
    void sync_onTheSimulators_exits0_printsTheReport_andTheSecondRunResumes() {
        Result first = qiao("sync", "jackyun-warehouses-to-mysql", "--once");
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("note: jackyun: 吉客云 is the built-in simulator (QIAO_JACKYUN_ENDPOINT is not set)")
                .contains("jackyun-warehouses-to-mysql SUCCEEDED").contains("25 written (25 created, 0 updated, 0 already present)");
        assertThat(first.out()).contains("window [").as("plain log lines when not on a terminal");

        Result second = qiao("sync", "jackyun-warehouses-to-mysql");
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("0 read").doesNotContain("checkpoint none");

        Result status = qiao("status", "jackyun-warehouses-to-mysql");
        assertThat(status.out()).contains("version 2").contains("2 runs: 25 read, 25 written")
                .contains("running       no");
    }

    @Test
    void warehouseTable_withSqlInjection_isRefusedBeforeAnySqlReachesTheDatabase() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("target-db");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE victim (id INT)");
        }
        String hostile = "w_tmp (x int); DROP TABLE victim; CREATE TABLE w_pwn";
        List<List<String>> commands = List.of(List.of("sync", "jackyun-warehouses-to-mysql", "--simulate"),
                List.of("status"), List.of("dlq", "list", "jackyun-warehouses-to-mysql"),
                List.of("dlq", "replay", "jackyun-warehouses-to-mysql"),
                List.of("reconcile", "jackyun-warehouses-to-mysql", "--from", "2024-01-01", "--to", "2024-02-01"),
                List.of("report"), List.of("demo"));
        for (List<String> command : commands) {
            List<String> argv = new ArrayList<>(command);
            argv.addAll(List.of("--jdbc-url", url, "--jdbc-user", "sa", "--warehouse-table", hostile));

            Result r = qiao(argv.toArray(String[]::new));

            assertThat(r.exit()).as("%s: %s", command, r.all()).isEqualTo(64);
            assertThat(r.err()).as("%s", command).contains("qiao: --warehouse-table '" + hostile
                    + "' is not a valid table name: ' ' (U+0020 SPACE) at position 6 is not allowed; use table or "
                    + "schema.table, each part 1-63 ASCII letters").doesNotContain("\tat ");
        }
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'PUBLIC'")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            // not even Qiao's own checkpoint and dead-letter tables: no command got as far as the database
            assertThat(tables).containsExactly("VICTIM");
        }
    }

    @Test
    void syncDbDocumentsToArchive_withASoapConfig_andSimulate_pushesOverSoapToTheSoapSimulator() throws Exception {
        Path ini = Files.writeString(dir.resolve("archive_config.ini"), "[soap]\nversion = 1.2\n");

        Result sync = qiao("sync", "db-documents-to-archive", "--simulate", "--config", ini.toString());

        assertThat(sync.exit()).as(sync.err()).isEqualTo(2);
        assertThat(sync.out() + sync.err()).contains("文书档案 (SOAP 1.2) is the built-in simulator")
                .contains("3 record(s) went to the dead letters");
    }

    @Test
    void sync_withDeadLetters_exits2_andDlqListsAndPurgesThem() {
        Result sync = qiao("sync", "db-documents-to-archive");
        assertThat(sync.exit()).isEqualTo(2);
        assertThat(sync.out()).contains("3 record(s) went to the dead letters")
                .contains("qiao dlq list db-documents-to-archive");

        Result list = qiao("dlq", "list", "db-documents-to-archive");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("3 open dead letter(s)").contains("docDate: '2024-02-30' is not a real date")
                .contains("key WS-2024-BGS-0011");

        Result replay = qiao("dlq", "replay", "db-documents-to-archive");
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(replay.out()).contains("replayed 3, resolved 0, failed again 3");

        assertThat(qiao("dlq", "purge", "db-documents-to-archive").out()).contains("deleted 0 resolved");
        assertThat(qiao("dlq", "purge", "db-documents-to-archive", "--all").out()).contains("deleted 3 dead letter(s)");
        assertThat(qiao("dlq", "list", "db-documents-to-archive").out()).contains("no open dead letters");
    }

    @Test
    void failedRun_exits1_withOneSentence_andNeverShowsTheSecret() {
        Map<String, String> env = new HashMap<>();
        env.put("QIAO_JACKYUN_ENDPOINT", "http://127.0.0.1:1/open/openapi/do");
        env.put("QIAO_JACKYUN_APP_KEY", "my-app-key");
        env.put("QIAO_JACKYUN_APP_SECRET", "s3cr3t-never-shown");
        Result r = qiao(env, "sync", "jackyun-warehouses-to-mysql", "--state-dir", dir.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED").contains("failed: ").contains("There is no checkpoint yet; the next run starts from the beginning again.");
        assertThat(r.all()).doesNotContain("s3cr3t-never-shown").doesNotContain("\tat ");
        assertThat(qiao("status", "jackyun-warehouses-to-mysql").out()).contains("1 failed runs")
                .contains("checkpoint    none yet");
    }

    @Test
    void report_showsApiUsagePerOperation_andHealth() {
        qiao("sync", "jackyun-warehouses-to-mysql");

        Result r = qiao("report");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("erp.warehouse.get").contains("p95 ms").contains("scheduled run  not running")
                .contains("last success   ").contains("dead letters   0 open").contains("free of");
    }

    @Test
    void aSecondRunOfTheSamePipeline_refusesToStart_andReportSeesItAlive() throws Exception {
        Workspace ws = TestSupport.simulated(dir);
        Optional<RunLock> lock = RunLock.tryAcquire(ws.lockFile("db-documents-to-archive"), "pid 42, every 5m");
        try (RunLock held = lock.orElseThrow()) {
            Result r = qiao("sync", "db-documents-to-archive");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("already running (pid 42, every 5m)"); // on stderr, as every refusal
            assertThat(qiao("report").out()).contains("alive (pid 42, every 5m)");
        } finally {
            ws.close();
        }
        assertThat(qiao("status", "db-documents-to-archive").out()).contains("running       no");
    }

    @Test
    void reconcile_listsTheMissingRecords_andExits2() {
        qiao("sync", "db-documents-to-archive");

        Result r = qiao("reconcile", "db-documents-to-archive", "--from", "7d", "--to", "2099-01-01");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("12 source record(s)").contains("[open dead letter]");
        // the simulated archive starts empty in every process: a new CLI run finds none of the pushed records
        assertThat(r.out().lines().filter(l -> l.contains("missing in the archive system")).count()).isEqualTo(11);
    }

    @Test
    void help_listsEveryCommand() {
        assertThat(qiao(Map.of(), "--help").out()).contains(List.of("demo", "sync <pipeline>", "status", "dlq list",
                "reconcile <pipeline> --from T --to T", "report"));
    }
}
