package io.qiao.samples;

import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.ReplayReport;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.SyncReport;
import io.qiao.sync.jdbc.SqlIdentifiers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code qiao demo}: the three pipelines on the built-in simulators and an embedded H2 database, start to finish in a
 * few seconds. It runs each pipeline, shows the dead letters of the deliberately invalid demo records, runs
 * everything again from scratch to show that nothing is created twice, fixes the missing KIS material and replays
 * its dead letters, and reconciles source and target. The state directory is the demo's own (marked as such) and
 * is reset at every demo; the state of real runs is never touched.
 */
final class Demo {
    static final String MARKER = ".qiao-demo";

    private final Workspace cli;
    private final PrintStream out;
    private final boolean terminal;

    Demo(Workspace cli, PrintStream out, boolean terminal) {
        this.cli = cli;
        this.out = out;
        this.terminal = terminal;
    }

    int run() throws IOException, SQLException {
        long started = System.nanoTime();
        Path dir = cli.stateDir;
        for (String p : Workspace.PIPELINES) { // the reset below would delete a live run's state under it
            Optional<String> holder = RunLock.holder(cli.lockFile(p));
            if (holder.isPresent()) {
                throw new Workspace.SetupException("the demo resets its state directory " + dir + ", and " + p
                        + " is running there (" + holder.get() + "); stop that run first, or give the demo its own "
                        + "--state-dir");
            }
        }
        resetDemoState(dir);
        Settings settings = Settings.of(Map.of("state-dir", dir.toString(), "simulate", "true"));
        boolean failed = false;
        List<RunLock> locks = new ArrayList<>();
        String holder = "pid " + ProcessHandle.current().pid() + " on " + Workspace.host() + ", qiao demo, since "
                + cli.clock.instant();
        for (String p : Workspace.PIPELINES) {
            RunLock.tryAcquire(cli.lockFile(p), holder).ifPresent(locks::add);
        }
        try (Workspace ws = new Workspace(settings, cli.clock); Release release = () -> closeAll(locks)) {
            out.println("Qiao demo: three pipelines on built-in simulators of 吉客云, 聚水潭, 金蝶 KIS and a 文书档案 system,");
            out.println("with an embedded H2 database; state in " + dir);
            out.println();
            ws.simulators().startAll();

            Map<String, SyncReport> first = new LinkedHashMap<>();
            int n = 1;
            for (String p : Workspace.PIPELINES) {
                out.println(n++ + ". " + p + "   " + describe(p));
                SyncReport r = runJob(ws, ws.job(p, progress()));
                first.put(p, r);
                failed |= r.failed();
                out.println("   " + summary(r) + "; " + target(ws, p));
            }

            out.println();
            List<DeadLetter> letters = new ArrayList<>();
            for (String p : Workspace.PIPELINES) {
                letters.addAll(ws.deadLetters(p).list(p, false, 100));
            }
            out.println("Dead letters: " + letters.size() + ", all from deliberately invalid demo records (expected):");
            for (DeadLetter d : letters) {
                out.println("   " + d.job() + "  key " + d.key() + "  " + d.stage() + ": " + String.join("; ", d.reasons()));
            }
            out.println("   see them with:  qiao dlq list db-documents-to-archive" + stateDirOption(dir));

            out.println();
            out.println("Again from scratch (checkpoints ignored): every record is delivered a second time, nothing is "
                    + "created twice (warehouse rows count as updated: their update_time is the sync's time):");
            for (String p : Workspace.PIPELINES) {
                SyncReport r = runJob(ws, ws.job(p, new InMemoryCheckpointStore(), progress()));
                failed |= r.failed();
                out.println("   " + p + ": " + r.read() + " read again, " + r.created() + " created, " + r.updated()
                        + " updated, " + r.alreadyPresent() + " already present; " + target(ws, p)
                        + (open(ws, p) == 0 ? "" : "; dead letters: still " + open(ws, p) + " (the same entries, seen twice)"));
            }

            out.println();
            ws.simulators().addWithheldMaterial();
            ws.kis().materials().catalogByNumber().refresh();
            ReplayReport replay = ws.job(JushuitanOtherInOutToKis.NAME).admin().replayOpen(100);
            out.println("Replay: KIS now knows " + ws.simulators().withheldSku() + "; qiao dlq replay "
                    + JushuitanOtherInOutToKis.NAME + " resolved " + replay.resolved().size() + " of "
                    + replay.attempted() + "; " + target(ws, JushuitanOtherInOutToKis.NAME));

            out.println();
            out.println("Reconcile (source vs target, since the demo data began):");
            Instant from = ws.simulators().dataStartInstant().minus(Duration.ofDays(1));
            Instant to = ws.clock.instant();
            Reconcile reconcile = new Reconcile(ws, out);
            for (String p : Workspace.PIPELINES) {
                Reconcile.Result r = reconcile.compare(p, from, to);
                long explained = r.differences().stream().filter(d -> d.contains("[open dead letter]")).count();
                out.println("   " + p + ": " + r.compared() + " compared, " + r.matching() + " match"
                        + (r.differences().isEmpty() ? "" : ", " + r.differences().size() + " missing or different ("
                        + explained + " of them open dead letters)"));
            }
        }
        out.println();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failed) {
            out.println(String.format(Locale.ROOT, "Demo finished in %.1f s, but a pipeline FAILED (see above).", seconds));
            return Qiao.FAILED;
        }
        out.println(String.format(Locale.ROOT, "Demo finished in %.1f s: every pipeline ran to completion. Next: qiao status,"
                + " qiao report, qiao dlq list <pipeline>%s; README \"Run against real systems\".", seconds,
                stateDirOption(dir)));
        return Qiao.OK;
    }

    /** Live progress on a terminal; in a log the demo's own lines are enough. */
    private SyncListener[] progress() {
        return terminal ? new SyncListener[] {new Progress(out, true)} : new SyncListener[0];
    }

    private SyncReport runJob(Workspace ws, SyncJob<?, ?> job) {
        return job.runOnce();
    }

    private static String describe(String pipeline) {
        return switch (pipeline) {
            case JackyunWarehousesToMysql.NAME -> "吉客云 erp.warehouse.get -> table warehouse";
            case JushuitanOtherInOutToKis.NAME -> "聚水潭 其它进仓/其它退货 (Confirmed) -> KIS 其他入库单";
            default -> "tables documents + attachments -> 文书档案 system, files uploaded";
        };
    }

    static String summary(SyncReport r) {
        String s = String.format(Locale.ROOT, "%s: %d read, %d written, %d dead letter(s) in %.1f s", r.status(),
                r.read(), r.written(), r.deadLettered(), r.duration().toMillis() / 1000.0);
        return r.failed() ? s + "; " + Errors.sentence(r.error()) : s;
    }

    private static String target(Workspace ws, String pipeline) throws SQLException {
        return switch (pipeline) {
            case JackyunWarehousesToMysql.NAME -> "table warehouse has " + count(ws.database(), ws.warehouseTable()) + " rows";
            case JushuitanOtherInOutToKis.NAME -> "KIS holds " + ws.simulators().kis().billCount() + " 其他入库单";
            default -> "the archive holds " + ws.simulators().archive().records().size() + " records with "
                    + ws.simulators().archive().files().size() + " files";
        };
    }

    private static int open(Workspace ws, String pipeline) {
        return ws.deadLetters(pipeline).list(pipeline, false, Integer.MAX_VALUE).size();
    }

    static long count(Database db, String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + SqlIdentifiers.quoteTable(c, "table", table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Releases the demo's locks of its pipelines at the end of the demo. */
    private interface Release extends AutoCloseable {
        @Override
        void close();
    }

    private static void closeAll(List<RunLock> locks) {
        for (RunLock l : locks) {
            try {
                l.close();
            } catch (IOException e) {
                // the OS releases the lock with the process anyway
            }
        }
    }

    /** Empties a demo state directory; refuses one that holds the state of real runs. */
    static void resetDemoState(Path dir) throws IOException {
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
            empty = s.findAny().isEmpty();
        }
        if (!empty && !Files.exists(dir.resolve(MARKER))) {
            throw new UsageException("the state directory " + dir + " holds the state of real runs; the demo resets "
                    + "its state directory, so give it its own: qiao demo --state-dir qiao-demo");
        }
        if (!empty) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.writeString(dir.resolve(MARKER), "This state directory belongs to 'qiao demo', which resets it.\n");
    }

    private static String stateDirOption(Path dir) {
        Path def = Path.of("qiao-state").toAbsolutePath().normalize();
        return dir.equals(def) ? "" : " --state-dir " + dir;
    }
}
