package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.store.FileCheckpointStore;
import io.qiao.sync.store.JsonLinesDeadLetterStore;
import io.qiao.sync.Position;
import io.qiao.sync.record.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that write a pipeline's state (dlq replay/purge, reset) and the ones that only read it (issue 14). */
class QiaoStateCommandsTest {
    private static final String FILES_PIPELINE = JushuitanOtherInOutToKis.NAME;
    private static final Instant T = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result qiao(String... argv) {
        String[] withState = Stream.concat(Stream.of(argv), Stream.of("--state-dir", dir.toString()))
                .toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Qiao.run(withState, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false, Clock.systemUTC());
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path deadLetterDir() {
        return dir.resolve("dead-letters");
    }

    private void addDeadLetters(String pipeline, int n) {
        JsonLinesDeadLetterStore s = JsonLinesDeadLetterStore.in(deadLetterDir());
        for (int i = 0; i < n; i++) {
            s.add(pipeline, "k" + i, "{}", Rejection.Stage.MAP, List.of("no KIS material 'X-" + i + "'"), "[w)", T);
        }
        s.close();
    }

    private RunLock aRunHolds(String pipeline) throws Exception {
        return RunLock.tryAcquire(dir.resolve("locks").resolve(pipeline + ".lock"), "pid 4242 on box, every 5m, since "
                + T).orElseThrow();
    }

    @Test
    void dlqPurge_whileARunHoldsTheLock_refusesInOneSentenceNamingTheHolder_andTouchesNoDeadLetter() throws Exception {
        addDeadLetters(FILES_PIPELINE, 3);
        byte[] before = Files.readAllBytes(JsonLinesDeadLetterStore.in(deadLetterDir()).fileOf(FILES_PIPELINE));

        try (RunLock run = aRunHolds(FILES_PIPELINE)) {
            Result r = qiao("dlq", "purge", FILES_PIPELINE, "--all");

            assertThat(r.exit()).isEqualTo(Qiao.FAILED);
            assertThat(r.err()).contains(FILES_PIPELINE + " is running (pid 4242 on box, every 5m")
                    .contains("dlq purge changes its state").contains("--wait");
            assertThat(r.err().lines().count()).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(JsonLinesDeadLetterStore.in(deadLetterDir()).fileOf(FILES_PIPELINE)))
                .isEqualTo(before);
    }

    @Test
    void dlqReplayAndReset_whileARunHoldsTheLock_refuseNamingTheHolder() throws Exception {
        try (RunLock run = aRunHolds(DbDocumentsToArchive.NAME)) {
            Result replay = qiao("dlq", "replay", DbDocumentsToArchive.NAME);
            assertThat(replay.exit()).isEqualTo(Qiao.FAILED);
            assertThat(replay.err()).contains("is running (pid 4242 on box").contains("dlq replay changes its state");

            Result reset = qiao("reset", DbDocumentsToArchive.NAME, "--since", "2024-05-01");
            assertThat(reset.exit()).isEqualTo(Qiao.FAILED);
            assertThat(reset.err()).contains("is running (pid 4242 on box").contains("reset changes its state");
        }
        assertThat(qiao("status", DbDocumentsToArchive.NAME).out()).contains("checkpoint    none yet");
    }

    @Test
    void dlqPurgeWithWait_waitsForTheRunToEnd_thenPurges() throws Exception {
        addDeadLetters(FILES_PIPELINE, 3);
        CompletableFuture<Result> purge;
        try (RunLock run = aRunHolds(FILES_PIPELINE)) {
            purge = CompletableFuture.supplyAsync(() -> qiao("dlq", "purge", FILES_PIPELINE, "--all", "--wait"));
            Thread.sleep(800);
            assertThat(purge).as("waits while the run holds the lock").isNotDone();
            assertThat(JsonLinesDeadLetterStore.in(deadLetterDir()).list(FILES_PIPELINE, true, 10)).hasSize(3);
        }
        Result r = purge.get(30, TimeUnit.SECONDS);
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("waiting for the run of " + FILES_PIPELINE + " to end (pid 4242 on box");
        assertThat(r.out()).contains("deleted 3 dead letter(s)");
        assertThat(JsonLinesDeadLetterStore.in(deadLetterDir()).list(FILES_PIPELINE, true, 10)).isEmpty();
    }

    @Test
    void reset_movesTheCheckpointOfEveryPipeline_fileAndDatabaseStoresAlike() {
        for (String p : Workspace.PIPELINES) {
            Result r = qiao("reset", p, "--since", "2024-05-01");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains(p + ": checkpoint moved from none to 2024-04-30T16:00:00Z (version 1)");

            Result again = qiao("reset", p, "--since", "2024-06-01T00:00:00Z");
            assertThat(again.out()).contains("moved from 2024-04-30T16:00:00Z to 2024-06-01T00:00:00Z (version 2)");
            assertThat(qiao("status", p).out()).contains("checkpoint    2024-06-01T00:00:00Z (version 2");
        }
        assertThat(qiao("reset", FILES_PIPELINE).err()).contains("--since is required");
        assertThat(qiao("reset", FILES_PIPELINE).exit()).isEqualTo(Qiao.USAGE);
        assertThat(qiao("reset", FILES_PIPELINE, "--since", "2024-02-30").exit()).isEqualTo(Qiao.USAGE);
    }

    @Test
    void aDamagedCheckpoint_isShownInStatusBesideEveryOtherPipeline_saysOneThingOnARun_andResetReplacesIt()
            throws Exception {
        FileCheckpointStore.in(dir.resolve("checkpoints")).compareAndSet(FILES_PIPELINE, 0, Position.at(T));
        Path file = dir.resolve("checkpoints").resolve(FILES_PIPELINE + ".checkpoint.json");
        Files.writeString(file, "{\"job\":\"" + FILES_PIPELINE + "\",\"waterm");

        Result status = qiao("status");
        assertThat(status.exit()).isEqualTo(Qiao.FAILED);
        assertThat(status.out()).contains("checkpoint    unreadable: checkpoint file " + file + " is corrupt");
        for (String p : Workspace.PIPELINES) {
            assertThat(status.out()).contains(p + "\n  checkpoint");
        }

        Result run = qiao("sync", FILES_PIPELINE, "--simulate");
        assertThat(run.exit()).isEqualTo(Qiao.FAILED);
        assertThat(run.out()).contains("Every run fails until the checkpoint can be read again")
                .doesNotContain("starts from the beginning");

        Result reset = qiao("reset", FILES_PIPELINE, "--since", "2024-05-01");
        assertThat(reset.exit()).isZero();
        assertThat(reset.out()).contains("it is kept as " + file + ".corrupt").contains("moved from unreadable to");
        assertThat(qiao("status").exit()).isZero();
    }

    @Test
    void statusReportAndDlqList_changeNoFileOfTheStateDirectory() throws Exception {
        qiao("sync", DbDocumentsToArchive.NAME); // dead letters, a checkpoint, a status, the call log, embedded H2
        addDeadLetters(FILES_PIPELINE, 2);
        Path deadLetters = JsonLinesDeadLetterStore.in(deadLetterDir()).fileOf(FILES_PIPELINE);
        Files.writeString(deadLetters, "{\"id\":\"3\",\"job\":\"jus", StandardOpenOption.APPEND); // torn last line
        Files.writeString(dir.resolve("status").resolve(FILES_PIPELINE + ".status.json"), "garbage");
        Map<String, String> before = snapshot();

        for (String p : Workspace.PIPELINES) {
            qiao("dlq", "list", p);
            qiao("dlq", "list", p, "--all");
            qiao("status", p);
        }
        assertThat(qiao("status").out()).contains("last run      unreadable: status file");
        qiao("report");

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void statusReportAndDlqList_onAStateDirectoryThatDoesNotExist_readAsNothingRunYet_andDoNotCreateIt() {
        Path missing = dir.resolve("mistyped");
        for (String[] command : List.of(new String[] {"status"}, new String[] {"report"}, new String[] {"report", "--json"},
                new String[] {"dlq", "list", FILES_PIPELINE})) {
            String[] argv = Stream.concat(Stream.of(command), Stream.of("--state-dir", missing.toString()))
                    .toArray(String[]::new);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Qiao.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false, Clock.systemUTC());
            assertThat(exit).as(String.join(" ", command) + ": " + out + err).isZero();
            assertThat(missing).as(String.join(" ", command) + " created the state directory").doesNotExist();
        }
    }

    /**
     * Pipeline 1 keeps its checkpoint and dead letters in its target database. Reading them must not create Qiao's
     * tables there (status made qiao_checkpoint and qiao_dead_letter in an empty database), and must work for a
     * database user who may only SELECT (CREATE TABLE IF NOT EXISTS needs the CREATE privilege: status and dlq list
     * failed with "CREATE command denied" on MariaDB).
     */
    @Test
    void statusReportDlqListAndReconcile_createNoTableInTheDatabase_andWorkForAUserWhoMayOnlySelect() throws Exception {
        String pipeline = JackyunWarehousesToMysql.NAME;
        String url = "jdbc:h2:file:" + dir.resolve("target-db") + ";AUTO_SERVER=TRUE";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.Statement s = c.createStatement()) {
            s.execute(JackyunWarehousesToMysql.ddl(Database.Kind.H2, "\"WAREHOUSE\""));
            s.execute("CREATE USER READER PASSWORD 'r'");
            s.execute("GRANT SELECT ON SCHEMA PUBLIC TO READER");
        }
        List<String> asAdmin = List.of("--jdbc-url", url, "--jdbc-user", "sa");
        List<String> asReader = List.of("--jdbc-url", url, "--jdbc-user", "READER", "--jdbc-password", "r");

        for (List<String> who : List.of(asAdmin, asReader)) {
            Result status = qiao(with(who, "status", pipeline));
            assertThat(status.exit()).as(status.out() + status.err()).isZero();
            assertThat(status.out()).contains("none yet").contains("dead letters  0 open");
            Result list = qiao(with(who, "dlq", "list", pipeline));
            assertThat(list.exit()).as(list.out() + list.err()).isZero();
            assertThat(list.out()).contains("no open dead letters");
            assertThat(qiao(with(who, "report")).exit()).isZero();
            Result reconcile = qiao(with(who, "reconcile", pipeline, "--simulate", "--from", "2013-01-01", "--to",
                    Instant.now().toString()));
            assertThat(reconcile.exit()).as(reconcile.out() + reconcile.err()).isEqualTo(Qiao.DEAD_LETTERS);
            assertThat(reconcile.out()).contains("0 match");
        }
        assertThat(qiaoTables(url)).as("tables a read created").isEmpty();

        Result sync = qiao(with(asAdmin, "sync", pipeline, "--simulate"));
        assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
        Result status = qiao(with(asReader, "status", pipeline));
        assertThat(status.exit()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("(version ").doesNotContain("unreadable");
        Result list = qiao(with(asReader, "dlq", "list", pipeline));
        assertThat(list.exit()).as(list.out() + list.err()).isZero();
        Result reconcile = qiao(with(asReader, "reconcile", pipeline, "--simulate", "--from", "2013-01-01", "--to",
                Instant.now().toString()));
        assertThat(reconcile.exit()).as(reconcile.out() + reconcile.err()).isZero();
    }

    private static String[] with(List<String> options, String... command) {
        return Stream.concat(Stream.of(command), options.stream()).toArray(String[]::new);
    }

    private static List<String> qiaoTables(String url) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'QIAO%'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    @Test
    void demo_onItsOwnStateDirectory_refusesToResetItWhileARunHoldsAPipelineLockThere() throws Exception {
        Files.writeString(dir.resolve(Demo.MARKER), "demo");
        addDeadLetters(FILES_PIPELINE, 1);
        try (RunLock run = aRunHolds(FILES_PIPELINE)) {
            Result r = qiao("demo");
            assertThat(r.exit()).isEqualTo(Qiao.FAILED);
            assertThat(r.err()).contains(FILES_PIPELINE + " is running there (pid 4242 on box");
        }
        assertThat(JsonLinesDeadLetterStore.in(deadLetterDir()).list(FILES_PIPELINE, true, 10)).hasSize(1);
    }

    /**
     * On a state directory nobody may write to, status and report still answer. As root, whose file access ignores
     * permission bits, the commands run in a child JVM without CAP_DAC_OVERRIDE (setpriv), like
     * proof's FileUploadDeadLetterTest.
     */
    @Test
    void statusAndReport_workOnAReadOnlyStateDirectory() throws Exception {
        assertThat(qiao("reset", FILES_PIPELINE, "--since", "2024-05-01").exit()).isZero();
        addDeadLetters(FILES_PIPELINE, 2);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                    "setpriv (util-linux), to run without root's file access");
        }
        setWritable(false);
        try {
            for (String command : List.of("status", "report")) {
                Result r = root ? inChildWithoutRootsFileAccess(command) : qiao(command);
                assertThat(r.exit()).as(r.out() + r.err()).isZero();
                assertThat(r.out()).contains(FILES_PIPELINE);
                if (command.equals("status")) {
                    assertThat(r.out()).contains("checkpoint    2024-04-30T16:00:00Z (version 1")
                            .contains("dead letters  2 open");
                } else {
                    assertThat(r.out()).contains("dead letters   2 open");
                }
            }
            Result purge = root ? inChildWithoutRootsFileAccess("dlq", "purge", FILES_PIPELINE, "--all")
                    : qiao("dlq", "purge", FILES_PIPELINE, "--all");
            assertThat(purge.exit()).isEqualTo(Qiao.FAILED);
            assertThat(purge.err()).as("a writing command says which file and why, in one sentence")
                    .contains("cannot write the lock file " + dir.resolve("locks").resolve(FILES_PIPELINE + ".lock")
                            + ": permission denied");
        } finally {
            setWritable(true);
        }
    }

    private void setWritable(boolean writable) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                for (var w : List.of(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                        java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
                    if (writable && w == java.nio.file.attribute.PosixFilePermission.OWNER_WRITE) {
                        perms.add(w);
                    } else if (!writable) {
                        perms.remove(w);
                    }
                }
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    private Result inChildWithoutRootsFileAccess(String... command) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/setpriv", "--bounding-set",
                "-dac_override,-dac_read_search", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Qiao.class.getName()));
        cmd.addAll(List.of(command));
        cmd.addAll(List.of("--state-dir", dir.toString()));
        Process child = new ProcessBuilder(cmd).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(child.exitValue(), out, err.get(10, TimeUnit.SECONDS));
    }

    /**
     * Every file of the state directory with its content hash and modification time. The embedded H2 database is
     * left out: H2 owns its file (opening it rewrites its header) and is a database, not a file store.
     */
    private Map<String, String> snapshot() throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> !f.getFileName().toString().startsWith("qiao.")).toList()) {
                String name = dir.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    m.put(name + "/", "");
                } else {
                    FileTime t = Files.getLastModifiedTime(p);
                    m.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(p))) + " " + t.toMillis());
                }
            }
        }
        return m;
    }
}
