package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory deleted under `qiao sync --every` (issue 14): with file stores the next turn recreates what it
 * needs and holds the lock again; with the embedded database, whose file went with the directory, the schedule stops
 * with one sentence instead of writing into a deleted file.
 */
class QiaoStateDirectoryDeletedIT {
    @TempDir
    Path dir;

    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String jar = Path.of("target", "qiao-samples.jar").toAbsolutePath().toString();

    @Test
    void fileStores_nextTurnRecreatesCheckpointAndStatus_andHoldsTheLockAgain() throws Exception {
        String pipeline = JushuitanOtherInOutToKis.NAME;
        Path state = dir.resolve("state");
        Path log = dir.resolve("out.log");
        Process p = start(log, "sync", pipeline, "--every", "2s", "--state-dir", state.toString());
        try {
            waitFor(() -> turns(log, pipeline) >= 1, p, log);
            deleteRecursively(state);
            long before = turns(log, pipeline);
            waitFor(() -> turns(log, pipeline) >= before + 2, p, log);

            assertThat(state.resolve("checkpoints").resolve(pipeline + ".checkpoint.json")).exists();
            assertThat(state.resolve("status").resolve(pipeline + ".status.json")).exists();
            String second = run("sync", pipeline, "--once", "--state-dir", state.toString());
            assertThat(second).as("a second run is refused: the schedule holds the new lock file")
                    .contains("is already running (pid " + p.pid());
        } finally {
            p.destroy();
            p.waitFor(2, TimeUnit.MINUTES);
        }
    }

    @Test
    void embeddedDatabase_deletedWithTheDirectory_stopsTheScheduleWithOneSentence() throws Exception {
        String pipeline = DbDocumentsToArchive.NAME;
        Path state = dir.resolve("state");
        Path log = dir.resolve("out.log");
        // 15 s, not 2: a first turn slower than the interval (a loaded machine) starts the second at once, before the
        // deletion, and the schedule then counts two turns
        Process p = start(log, "sync", pipeline, "--every", "15s", "--state-dir", state.toString());
        try {
            waitFor(() -> turns(log, pipeline) >= 1, p, log);
            deleteRecursively(state);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            String out = Files.readString(log);
            assertThat(out).contains("was deleted while this process had it open").doesNotContain("\tat ");
            assertThat(turns(log, pipeline)).isEqualTo(1);
        } finally {
            p.destroyForcibly();
        }
    }

    private Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void waitFor(Condition c, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!c.holds() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(c.holds()).as(Files.readString(log)).isTrue();
    }

    /** Turns finished so far: each prints its report line "<pipeline> SUCCEEDED|PARTIAL|FAILED: ...". */
    private static long turns(Path log, String pipeline) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith(pipeline + " ") && l.contains(" read, ")).count();
    }

    /** rm -rf, racing the schedule as it does: a file the run creates meanwhile is deleted on the next pass. */
    private static void deleteRecursively(Path root) throws Exception {
        for (int pass = 0; Files.exists(root); pass++) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) { // DirectoryNotEmptyException, or a file gone while walking
                if (pass > 50) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return out;
    }
}
