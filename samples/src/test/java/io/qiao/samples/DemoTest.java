package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, run in-process as `qiao demo` runs it (QiaoDemoIT runs the built jar in a fresh directory). */
class DemoTest {
    @TempDir
    Path dir;

    private int demo(Path state, ByteArrayOutputStream out) {
        return Qiao.run(new String[] {"demo", "--state-dir", state.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of(), false, Clock.systemUTC());
    }

    @Test
    void demo_runsEveryPipelineToCompletion_andShowsTheDeadLetters() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(demo(dir.resolve("state"), out)).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("1. jackyun-warehouses-to-mysql").contains("SUCCEEDED: 25 read, 25 written")
                .contains("all from deliberately invalid demo records (expected)")
                .contains("docDate: '2024-02-30' is not a real date")
                .contains("qiao dlq list db-documents-to-archive")
                .contains("table warehouse has 25 rows")
                .contains("nothing is created twice")
                .containsPattern("jushuitan-otherinout-to-kis: \\d+ read again, 0 created, 0 updated, \\d+ already present")
                .contains("jackyun-warehouses-to-mysql: 25 compared, 25 match")
                .contains("Demo finished").contains("every pipeline ran to completion");
        assertThat(text).doesNotContain("FAILED");
        assertThat(dir.resolve("state").resolve(Demo.MARKER)).exists();
    }

    @Test
    void aDemoStateDirectory_isEmptiedForTheNextDemo() throws IOException {
        Path state = Files.createDirectories(dir.resolve("state"));
        Demo.resetDemoState(state);
        Files.createDirectories(state.resolve("checkpoints"));
        Files.writeString(state.resolve("checkpoints").resolve("x.checkpoint.json"), "{}");

        Demo.resetDemoState(state);

        try (var files = Files.list(state)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(Demo.MARKER);
        }
    }

    @Test
    void demo_neverResetsTheStateOfRealRuns() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("something.json"), "{}");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Qiao.run(new String[] {"demo", "--state-dir", real.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false, Clock.systemUTC());

        assertThat(exit).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds the state of real runs");
        assertThat(real.resolve("something.json")).exists();
    }
}
