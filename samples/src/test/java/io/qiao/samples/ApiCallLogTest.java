package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.ApiCallEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiCallLogTest {
    @TempDir
    Path dir;

    @Test
    void stateDirectoryDeletedBetweenTurns_theNextTurnsCallsGoToANewFile() throws Exception {
        Path file = dir.resolve("state/api-calls.jsonl");
        ApiCallLog log = new ApiCallLog(file, Clock.systemUTC());
        ApiCallEvent call = new ApiCallEvent("kis.save", ApiCallEvent.Outcome.SUCCESS, 1, Duration.ofMillis(5), 200, null);
        log.onCall(call);
        log.flush(); // the end of a turn
        Files.delete(file);
        Files.delete(file.getParent());

        log.onCall(call);
        log.flush();
        log.close();

        assertThat(ApiCallLog.read(file, Instant.EPOCH).calls()).isEqualTo(1);
    }

    @Test
    void previousRunKilledMidLine_theNextRunsFirstCallStartsOnANewLineAndIsCounted() throws Exception {
        Path file = dir.resolve("api-calls.jsonl");
        Files.writeString(file, "{\"at\":\"2026-12-04T00:00:00Z\",\"operati"); // SIGKILL in the middle of a line
        ApiCallLog log = new ApiCallLog(file, Clock.systemUTC());
        log.onCall(new ApiCallEvent("kis.save", ApiCallEvent.Outcome.SUCCESS, 1, Duration.ofMillis(5), 200, null));
        log.close();

        assertThat(ApiCallLog.read(file, Instant.EPOCH).calls()).isEqualTo(1);
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void aVendorsListener_recordsTheVendor_soThatTheConsoleCanPaceOperationsThatDoNotNameIt() throws Exception {
        Path file = dir.resolve("api-calls.jsonl");
        ApiCallLog log = new ApiCallLog(file, Clock.systemUTC());
        log.of("jushuitan").onCall(new ApiCallEvent("/open/other/inout/query", ApiCallEvent.Outcome.SUCCESS, 1,
                Duration.ofMillis(5), 200, null));
        log.onCall(new ApiCallEvent("kis.save", ApiCallEvent.Outcome.SUCCESS, 1, Duration.ofMillis(5), 200, null));
        log.close();

        assertThat(io.qiao.console.ApiCallHistory.read(file, Instant.EPOCH).calls())
                .extracting(io.qiao.console.ApiCallHistory.Call::vendor).containsExactly("jushuitan", "kis");
    }
}
