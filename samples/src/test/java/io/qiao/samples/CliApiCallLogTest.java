package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.ApiCallEvent;
import io.qiao.console.ApiCallHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's API-call log ({@code api-calls.jsonl} in the state directory, the console's {@code ApiCallLog}) as a
 * long {@code qiao run --every} process writes it: each call is in the file at once, for {@code qiao console} and
 * {@code qiao report} in another process, without waiting for the end of a turn.
 */
class CliApiCallLogTest {
    static final Instant T = Instant.parse("2026-12-01T08:00:00Z");
    private static final ApiCallEvent CALL = new ApiCallEvent("kis.save", ApiCallEvent.Outcome.SUCCESS, 1,
            Duration.ofMillis(5), 200, null);

    @TempDir
    Path dir;

    private Workspace workspace() {
        return new Workspace(Settings.of(Map.of("state-dir", dir.resolve("state").toString())),
                Clock.fixed(T, ZoneOffset.UTC));
    }

    @Test
    void aCall_isInTheStateDirectorysLogAtOnce_withItsVendorAndTheWorkspacesTime_andQiaoReportCountsIt()
            throws Exception {
        try (Workspace ws = workspace()) {
            ws.apiLog().forVendor("kis").onCall(CALL); // the process keeps running: nothing is closed or flushed

            assertThat(ApiCallHistory.read(dir.resolve("state/api-calls.jsonl"), Instant.EPOCH).calls())
                    .singleElement().satisfies(c -> {
                        assertThat(c.vendor()).isEqualTo("kis");
                        assertThat(c.at()).isEqualTo(T);
                        assertThat(c.event()).isEqualTo(CALL);
                    });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = Qiao.run(new String[] {"report", "--state-dir", dir.resolve("state").toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                    Map.of(), false, Clock.fixed(T.plusSeconds(60), ZoneOffset.UTC));
            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("API usage since " + T + " (1 call attempts")
                    .contains("kis.save");
        }
    }

    @Test
    void stateDirectoryDeletedBetweenTurns_theNextTurnsCallsGoToANewFile() throws Exception {
        try (Workspace ws = workspace()) {
            ws.apiLog().forVendor("kis").onCall(CALL); // a turn of qiao run --every
            try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }

            ws.apiLog().forVendor("kis").onCall(CALL); // the next turn
            assertThat(ApiCallHistory.read(dir.resolve("state/api-calls.jsonl"), Instant.EPOCH).calls()).hasSize(1);
        }
    }
}
