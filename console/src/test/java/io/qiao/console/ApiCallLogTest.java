package io.qiao.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.ApiCallEvent;
import io.qiao.client.ApiCallListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiCallLogTest {
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static ApiCallEvent call(String operation, ApiCallEvent.Outcome outcome) {
        return new ApiCallEvent(operation, outcome, 1, Duration.ofMillis(42), outcome == ApiCallEvent.Outcome.SUCCESS
                ? 200 : 429, outcome == ApiCallEvent.Outcome.SUCCESS ? null : "THROTTLED");
    }

    @Test
    void eachCall_isReadableAtOnce_withItsVendor_withoutClosingTheLog() {
        ApiCallLog log = new ApiCallLog(dir.resolve("history/api-calls.jsonl"), ApiCallLog.ROTATE_BYTES, clock);
        ApiCallListener jushuitan = log.forVendor("jushuitan");
        jushuitan.onCall(call("/open/other/inout/query", ApiCallEvent.Outcome.SUCCESS));
        jushuitan.onCall(call("/open/other/inout/query", ApiCallEvent.Outcome.THROTTLED));

        List<ApiCallHistory.Call> calls = log.read(T0).calls();
        assertThat(calls).hasSize(2);
        assertThat(calls).extracting(ApiCallHistory.Call::vendor).containsOnly("jushuitan");
        assertThat(calls.get(0).at()).isEqualTo(T0);
        assertThat(calls.get(1).event()).isEqualTo(call("/open/other/inout/query", ApiCallEvent.Outcome.THROTTLED));
        assertThat(log.read(T0).usage().snapshot().get(0).throttled()).isEqualTo(1);
        log.close();
    }

    @Test
    void aLogInAFile_withAClock_stampsEachCallWithThatClocksTime() {
        Path file = dir.resolve("api-calls.jsonl");
        ApiCallLog log = ApiCallLog.in(file, clock);
        log.forVendor("kis").onCall(call("kis.material.list", ApiCallEvent.Outcome.SUCCESS));
        log.close();

        assertThat(log.file()).isEqualTo(file.toAbsolutePath());
        assertThat(ApiCallHistory.read(file, Instant.EPOCH).calls()).singleElement()
                .satisfies(c -> assertThat(c.at()).isEqualTo(T0));
    }

    @Test
    void aLogThatKeepsRunning_rotatesWhenItPassesTheBound_soAtMostTwoFilesStay() throws Exception {
        Path file = dir.resolve("api-calls.jsonl");
        ApiCallLog log = new ApiCallLog(file, 1000, clock);
        ApiCallListener kis = log.forVendor("kis");
        for (int i = 0; i < 100; i++) {
            kis.onCall(call("kis.material.list", ApiCallEvent.Outcome.SUCCESS));
        }
        log.close();

        assertThat(Files.size(file)).isLessThanOrEqualTo(1000 + 200);
        assertThat(Files.size(dir.resolve("api-calls.jsonl.1"))).isLessThanOrEqualTo(1000 + 200);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("api-calls.jsonl", "api-calls.jsonl.1");
        }
        // the newest calls are the ones kept: both files hold whole lines only
        assertThat(ApiCallHistory.read(file, T0).calls()).hasSizeBetween(2, 100)
                .allSatisfy(c -> assertThat(c.vendor()).isEqualTo("kis"));
    }

    @Test
    void afterATornLine_theNextCallStartsOnALineOfItsOwn() throws Exception {
        Path file = dir.resolve("api-calls.jsonl");
        Files.writeString(file, "{\"at\":\"2026-12-01T00:00:00Z\",\"operation\":\"x", StandardCharsets.UTF_8);
        ApiCallLog log = new ApiCallLog(file, ApiCallLog.ROTATE_BYTES, clock);
        log.forVendor("jackyun").onCall(call("erp.warehouse.get", ApiCallEvent.Outcome.SUCCESS));

        assertThat(log.read(T0).calls()).singleElement()
                .satisfies(c -> assertThat(c.event().operation()).isEqualTo("erp.warehouse.get"));
        log.close();
    }

    @Test
    void aDeletedDirectory_isMadeAgainByTheNextCall_andAClosedLogWritesNothing() throws Exception {
        Path file = dir.resolve("history/api-calls.jsonl");
        ApiCallLog log = new ApiCallLog(file, ApiCallLog.ROTATE_BYTES, clock);
        ApiCallListener archive = log.forVendor("archive");
        archive.onCall(call("archive.upload", ApiCallEvent.Outcome.SUCCESS));
        Files.delete(file);
        Files.delete(file.getParent());

        archive.onCall(call("archive.upload", ApiCallEvent.Outcome.SUCCESS));
        assertThat(log.read(T0).calls()).hasSize(1);

        log.close();
        archive.onCall(call("archive.upload", ApiCallEvent.Outcome.SUCCESS));
        assertThat(log.read(T0).calls()).hasSize(1);
    }
}
