package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.Position;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final Checkpoint CP = new Checkpoint("job", Position.at(Instant.parse("2024-05-08T00:00:00Z")), 3,
            Instant.parse("2024-05-08T00:00:01Z"));

    @Test
    void onATerminal_rewritesOneLine_withWindowsRecordsAndRate() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        p.batchWritten("job", "w1", 40, 2);
        p.checkpointCommitted("job", "w1", CP);

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\rjob: 0 windows, 42 records, ").contains("\rjob: 1 windows, 42 records, ")
                .contains("/s").doesNotContain("\n");
    }

    @Test
    void elsewhere_writesAPlainLinePerWindow() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        p.batchWritten("job", "w1", 40, 2);
        p.retrying("job", "read window", 2, new RuntimeException("HTTP 503"));
        p.checkpointCommitted("job", "[a, b)", CP);

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("\\d{2}:\\d{2}:\\d{2} job: read window failed \\(HTTP 503\\); attempt 2 follows");
        assertThat(lines[1]).endsWith("job: window [a, b) done, 42 records so far, checkpoint 2024-05-08T00:00:00Z");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }
}
