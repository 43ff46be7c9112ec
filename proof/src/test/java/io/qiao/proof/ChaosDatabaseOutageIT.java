package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.qiao.proof.ChaosRuns.Ended;
import io.qiao.proof.ChaosRuns.Started;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away under a running pipeline: the samples CLI ({@code qiao sync jackyun-warehouses-to-mysql
 * --once}) runs as its own JVM against the Jackyun simulator (in this JVM) and a MariaDB server of this test's own
 * ({@link PrivateMariaDb}, so that the machine's shared server is never touched). While a run is writing, the server
 * is killed with SIGKILL (three times) or shut down with SIGTERM (once), stays down for some seconds and is started
 * again on the same data directory. Each of those runs must either ride the outage out on its retries (exit 0) or fail
 * cleanly: exit 1 with one line naming the database problem and no stack trace (no --verbose). A run started while the
 * server is down must fail cleanly the same way. After the last outage a final run must complete, and the target must
 * equal the simulator's truth: every warehouse once with its values, nothing extra, the checkpoint at the end of the
 * data, no dead letters.
 *
 * <p>Runs with -Pit, where /usr/sbin/mariadbd and mariadb-install-db are installed; about a minute.
 */
class ChaosDatabaseOutageIT {
    static final String DATABASE = "qiao_outage";
    static final int WAREHOUSES = 20_000;

    /** How the server goes down, and for how long. */
    enum Outage {
        KILL(Duration.ofSeconds(8)), TERM(Duration.ofSeconds(6)), KILL_SHORT(Duration.ofSeconds(3)),
        KILL_LONG(Duration.ofSeconds(10));

        final Duration down;

        Outage(Duration down) {
            this.down = down;
        }
    }

    @TempDir
    Path work;

    @AfterEach
    void killLeftoverRuns() throws InterruptedException {
        ChaosRuns.killLeftovers();
    }

    /**
     * The outages alternate between a run with one writer (rows and checkpoint in one transaction) and a run with the
     * sink's parallel writer (4 connections, the checkpoint in its own transaction after them), so that both meet a
     * database killed and stopped mid-batch, and each resumes what the other left, in one pass of the suite.
     */
    @Test
    void databaseKilledOrStoppedMidRun_runsRetryOrFailInOneLine_andTheTargetEndsExactlyAsTheSource()
            throws Exception {
        assumeThat(PrivateMariaDb.available()).as("MariaDB server installed").isTrue();
        long t0 = System.nanoTime();
        Random random = new Random(System.nanoTime());
        JackyunDataSet data = ChaosWarehouses.dataSet(WAREHOUSES);
        List<String> report = new ArrayList<>();
        try (PrivateMariaDb db = PrivateMariaDb.install();
             JackyunSimulator sim = JackyunSimulator.builder().dataSet(data).containerThreads(8).build().start()) {
            report.add("mariadb-install-db " + db.installTime().toMillis() + " ms, first start " + db.start().toMillis()
                    + " ms");
            ChaosWarehouses.recreateDatabase(db.jdbcUrl(""), DATABASE);
            String url = db.jdbcUrl(DATABASE);
            List<String> args = ChaosWarehouses.args(work.resolve("state"), url);
            Map<String, String> env = ChaosWarehouses.env(sim, 4);
            List<Ended> hit = new ArrayList<>();
            int round = 0;
            for (Outage outage : Outage.values()) {
                round++;
                int writers = round % 2 == 1 ? 1 : 4;
                long before = ChaosWarehouses.rows(url);
                Started run = Started.of(args, ChaosWarehouses.env(sim, writers), work, "outage-" + round);
                Optional<Ended> early = awaitWriting(run, url, before);
                if (early.isPresent()) {
                    report.add(outage + ": the run ended before it wrote (" + early.get() + ")");
                    continue;
                }
                Thread.sleep(random.nextInt(1_500)); // somewhere in the middle of a batch or a commit
                long rowsAtOutage = ChaosWarehouses.rows(url);
                long down = System.nanoTime();
                if (outage == Outage.TERM) {
                    db.shutdown();
                } else {
                    db.kill();
                }
                Thread.sleep(Math.max(0, outage.down.toMillis() - (System.nanoTime() - down) / 1_000_000));
                Duration downFor = Duration.ofNanos(System.nanoTime() - down);
                Duration restart = db.start();
                Ended ended = run.awaitEnd(120_000).orElseThrow(
                        () -> new AssertionError(outage + ": the run still runs 120 s after the database came back"));
                hit.add(ended);
                report.add(outage + " (" + writers + " writer" + (writers > 1 ? "s" : "") + ") at " + rowsAtOutage + " rows, down " + downFor.toMillis() + " ms, restart "
                        + restart.toMillis() + " ms: run " + ended
                        + ended.failureLine().map(l -> " \"" + l + "\"").orElse(""));
                assertRodeItOutOrFailedCleanly(ended, outage + " mid-run");
                if (ended.exit() == 0 && round < Outage.values().length) {
                    // it got through: start the next outage on an empty target, or it would find nothing to do
                    ChaosWarehouses.recreateDatabase(db.jdbcUrl(""), DATABASE);
                    report.add("  (the run completed: target emptied for the next outage)");
                }
            }
            // a run that starts while the database is down (with no other run holding the pipeline's lock)
            db.shutdown();
            Ended whileDown = Started.of(args, env, work, "while-down").awaitEnd(60_000)
                    .orElseThrow(() -> new AssertionError("a run started while the database was down hung"));
            report.add("run started while the database was down: " + whileDown
                    + whileDown.failureLine().map(l -> " \"" + l + "\"").orElse(""));
            assertThat(whileDown.exit()).as("run started while the database was down; %s", whileDown.printed())
                    .isEqualTo(1);
            assertFailedCleanly(whileDown, "a run started while the database was down");
            db.start();

            Ended last = Started.of(args, env, work, "final").awaitEnd(150_000)
                    .orElseThrow(() -> new AssertionError("the final run still runs after 150 s"));
            ChaosWarehouses.Comparison target = ChaosWarehouses.compare(data, url);
            report.add("final run " + last + "; " + target + "; " + Duration.ofNanos(System.nanoTime() - t0).toSeconds()
                    + " s in all");
            System.out.println("database outage chaos:\n  " + String.join("\n  ", report));

            assertThat(hit).as("runs hit by an outage mid-run").hasSizeGreaterThanOrEqualTo(3);
            assertThat(last.exit()).as("final run, %s", last.printed()).isZero();
            assertThat(target.missing).as("warehouses missing from the target").isEmpty();
            assertThat(target.extra).as("rows not in the source").isEmpty();
            assertThat(target.duplicates).as("warehouse codes present more than once").isZero();
            assertThat(target.wrongValues).as("rows whose values differ from the source").isEmpty();
            assertThat(target.checkpoint).as("checkpoint").isPresent();
            assertThat(target.checkpoint.get().position().watermark()).as("checkpoint at the end of the data")
                    .isAfterOrEqualTo(ChaosWarehouses.endOfData());
            assertThat(target.deadLetters).as("dead letters (the data set has no invalid record)").isEmpty();
        }
    }

    /** Waits until the run has written rows past {@code before}; the run's end if it ended first. */
    private static Optional<Ended> awaitWriting(Started run, String url, long before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Ended> ended = run.awaitEnd(100);
            if (ended.isPresent()) {
                return ended;
            }
            if (ChaosWarehouses.rows(url) > before) {
                return Optional.empty();
            }
        }
        throw new AssertionError("the run wrote nothing within 60 s: " + run.kill().printed());
    }

    private static void assertRodeItOutOrFailedCleanly(Ended run, String what) {
        assertThat(run.exit()).as("%s: exit 0 (retried through it) or 1 (failed cleanly); %s", what, run.printed())
                .isIn(0, 1);
        if (run.exit() == 1) {
            assertFailedCleanly(run, what);
        } else {
            assertThat(run.printedStackTrace()).as("%s: a stack trace without --verbose; %s", what, run.printed())
                    .isFalse();
        }
    }

    private static void assertFailedCleanly(Ended run, String what) {
        assertThat(run.printedStackTrace()).as("%s: a stack trace without --verbose; %s", what, run.printed())
                .isFalse();
        assertThat(run.failureLine()).as("%s: the line saying why; %s", what, run.printed()).isPresent();
        // what failed (the table, the database or its address) and why (the connection: SQLState class 08)
        assertThat(run.failureLine().get()).as("%s: the failure names the target", what)
                .containsPattern("warehouse|" + DATABASE + "|127\\.0\\.0\\.1");
        assertThat(run.failureLine().get()).as("%s: the failure names the connection problem", what)
                .containsPattern("(?i)SQLState 08|socket|connect");
    }
}
