package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: {@code qiao sync --once} in its own JVM, sent SIGTERM ({@link Process#destroy()}) while it reads a slow
 * 吉客云: it stops after the batch in progress, writes its status as STOPPED, flushes the API-call log, releases its
 * lock and exits 143. While it runs, its embedded database's AUTO_SERVER listens on the loopback address only.
 */
class QiaoSignalTest {
    private static final String PIPELINE = JackyunWarehousesToMysql.NAME;

    @TempDir
    Path dir;

    @Test
    void sigtermDuringOnce_stopsAfterTheBatch_statusStopped_apiLogFlushed_lockReleased_exit143() throws Exception {
        // the data spread over the years since 2000: one 365-day window after another, each answered in 700 ms
        JackyunSimulator sim = JackyunSimulator.builder().dataSet(JackyunDataSet.builder().warehouses(60)
                .modifiedBetween(java.time.LocalDateTime.of(2001, 1, 1, 0, 0), java.time.LocalDateTime.now().minusDays(2))
                .build()).build().start();
        sim.faults().every(1, JackyunFault.slow(Duration.ofMillis(700)));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Path state = dir.resolve("state");
        Process p = start(List.of("sync", PIPELINE, "--once", "--state-dir", state.toString()), sim, out, err);
        try {
            awaitLine(out, p, "done");
            List<InetAddress> h2 = h2ServerAddresses(state);
            if (ListeningSockets.available()) {
                assertThat(h2).as("H2 AUTO_SERVER's listening addresses").isNotEmpty()
                        .allSatisfy(a -> assertThat(a.isLoopbackAddress()).as("bound to " + a).isTrue());
            }

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited within a minute").isTrue();

            String printed = Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(printed).isEqualTo(143);
            assertThat(printed).contains(PIPELINE + " STOPPED").contains("stopped on request after the batch in progress");
            assertThat(Files.readString(state.resolve("status").resolve(PIPELINE + ".status.json")))
                    .containsPattern("\"lastStatus\"\\s*:\\s*\"STOPPED\"");
            long logged = Files.readAllLines(state.resolve("api-calls.jsonl")).stream().filter(l -> !l.isBlank()).count();
            assertThat(logged).as("API calls in the log, of %d answered", sim.requestCount())
                    .isGreaterThanOrEqualTo(Math.max(1, sim.requestCount() - 1));
            assertThat(RunLock.holder(state.resolve("locks").resolve(PIPELINE + ".lock"))).isEmpty();
            java.io.ByteArrayOutputStream status = new java.io.ByteArrayOutputStream();
            Qiao.run(new String[] {"status", PIPELINE, "--state-dir", state.toString()},
                    new java.io.PrintStream(status, true, StandardCharsets.UTF_8), System.err, java.util.Map.of(), false,
                    java.time.Clock.systemUTC());
            assertThat(status.toString(StandardCharsets.UTF_8))
                    .contains(" STOPPED (stopped on request after a complete batch)").contains("running       no");
        } finally {
            p.destroyForcibly();
            sim.stop();
        }
    }

    /** The addresses the AUTO_SERVER of the state directory's H2 database listens on (its port from the lock file). */
    private static List<InetAddress> h2ServerAddresses(Path state) throws IOException {
        Path lock = state.resolve("qiao.lock.db");
        assumeTrue(Files.isRegularFile(lock), "H2 wrote no lock file");
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(lock, StandardCharsets.ISO_8859_1)) {
            props.load(r);
        }
        String server = props.getProperty("server");
        assertThat(server).as("AUTO_SERVER address in " + lock).isNotNull();
        int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        return ListeningSockets.available() ? ListeningSockets.addressesListeningOn(port) : List.of();
    }

    private static Process start(List<String> args, JackyunSimulator sim, Path out, Path err) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Qiao.class.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QIAO_"));
        pb.environment().put("QIAO_JACKYUN_ENDPOINT", sim.endpoint().toString());
        pb.environment().put("QIAO_JACKYUN_APP_KEY", sim.appKey());
        pb.environment().put("QIAO_JACKYUN_APP_SECRET", sim.appSecret());
        return pb.start();
    }

    private static void awaitLine(Path out, Process p, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(out) && Files.readString(out, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("qiao ended (" + p.exitValue() + ") before printing '" + text + "': "
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("qiao printed no '" + text + "' within a minute: " + Files.readString(out));
    }
}
