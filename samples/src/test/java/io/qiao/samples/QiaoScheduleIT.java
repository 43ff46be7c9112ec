package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `qiao sync --every` from the built jar: runs repeatedly, is seen alive by `qiao report`, stops cleanly on SIGTERM. */
class QiaoScheduleIT {
    @TempDir
    Path dir;

    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String jar = Path.of("target", "qiao-samples.jar").toAbsolutePath().toString();

    @Test
    void every_runsRepeatedly_isAliveInTheReport_andStopsOnSigterm() throws Exception {
        Path log = dir.resolve("out.log");
        Process p = new ProcessBuilder(List.of(java, "-jar", jar, "sync", "jackyun-warehouses-to-mysql", "--every", "2s",
                "--state-dir", dir.resolve("state").toString())).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (runs(log) < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(runs(log)).as(Files.readString(log)).isGreaterThanOrEqualTo(2);

        String report = run("report", "--state-dir", dir.resolve("state").toString());
        assertThat(report).contains("scheduled run  alive (pid " + p.pid());

        p.destroy(); // SIGTERM
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(log)).contains("jackyun-warehouses-to-mysql: stopped");
        assertThat(run("status", "jackyun-warehouses-to-mysql", "--state-dir", dir.resolve("state").toString()))
                .contains("running       no").contains("25 written");
    }

    private static long runs(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("jackyun-warehouses-to-mysql SUCCEEDED")).count();
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
