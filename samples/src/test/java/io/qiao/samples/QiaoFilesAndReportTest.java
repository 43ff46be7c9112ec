package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Json;
import io.qiao.sync.store.JsonLinesDeadLetterStore;
import io.qiao.sync.record.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qiao sync files-to-archive}, {@code qiao archive export} and {@code qiao report --errors / --json} (issue 21). */
class QiaoFilesAndReportTest {
    private static final String SECRET = "archive-secret-4711-do-not-show";

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result qiao(String... argv) {
        return qiao(Clock.systemUTC(), argv);
    }

    private Result qiao(Clock clock, String... argv) {
        String[] withState = Stream.concat(Stream.of(argv), Stream.of("--state-dir", dir.resolve("state").toString()))
                .toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Qiao.run(withState, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("QIAO_ARCHIVE_APP_SECRET", SECRET), false,
                clock);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path inbound() throws Exception {
        return Files.createDirectories(dir.resolve("archive_interface/inbound"));
    }

    private void drop(Path inbound, String no, String json, String... files) throws Exception {
        for (String f : files) {
            Files.writeString(inbound.resolve(f), no + " " + f);
        }
        Files.writeString(inbound.resolve(no + ".json"), json);
        Files.writeString(inbound.resolve(no + ".done"), "");
    }

    private static String valid(String no, String file) {
        return """
                {"archive_no": "%s", "title": "通知", "author": "办公室", "doc_date": "2024-03-01",
                 "retention_period": "永久", "files": ["%s"]}""".formatted(no, file);
    }

    @Test
    void syncFilesToArchive_withTheIniPaths_pushesTheSets_movesThem_andDeadLettersTheRejectedOne() throws Exception {
        Path inbound = inbound();
        drop(inbound, "WS-2024-Y-0001", valid("WS-2024-Y-0001", "p1.pdf"), "p1.pdf");
        drop(inbound, "WS-2024-Y-0002", "{\"title\": \"\", \"files\": [\"gone.pdf\"]}");
        Files.writeString(inbound.resolve("WS-2024-Y-0003.json"), valid("WS-2024-Y-0003", "p3.pdf")); // no marker yet
        Path ini = dir.resolve("archive_config.ini");
        Files.writeString(ini, """
                [auth]
                base_url = https://archive.example.com
                app_key = your_app_key
                app_secret = %s
                [paths]
                inbound_dir = %s
                outbound_dir = %s
                log_dir = %s
                """.formatted(SECRET, inbound, dir.resolve("archive_interface/outbound"), dir.resolve("archive_interface/logs")));

        Result run = qiao("sync", "files-to-archive", "--config", ini.toString(), "--simulate");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Qiao.DEAD_LETTERS);
        Path backup = dir.resolve("archive_interface/backup");
        try (Stream<Path> days = Files.list(backup)) {
            Path day = days.findFirst().orElseThrow();
            assertThat(day.getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(day.resolve("WS-2024-Y-0001/p1.pdf")).hasContent("WS-2024-Y-0001 p1.pdf");
        }
        String reasons = Files.readString(dir.resolve("archive_interface/error/WS-2024-Y-0002/WS-2024-Y-0002.reason.txt"));
        assertThat(reasons).contains("title: '' is required", "author: is required", "gone.pdf' does not exist");
        assertThat(inbound.resolve("WS-2024-Y-0003.json")).exists();

        Result letters = qiao("dlq", "list", "files-to-archive");
        assertThat(letters.out()).contains("key WS-2024-Y-0002", "title: '' is required");
        assertThat(qiao("status").out()).contains("files-to-archive\n  checkpoint");
    }

    @Test
    void syncFilesToArchive_withoutAnInboundDirectory_isBadUsageNamingTheSetting() {
        Result r = qiao("sync", "files-to-archive", "--simulate");

        assertThat(r.exit()).isEqualTo(Qiao.USAGE);
        assertThat(r.err()).contains("inbound-dir is not set", "[paths] inbound_dir");
    }

    @Test
    void syncFilesToArchive_refusesAnInboundDirectoryAnotherProcessWorksOn_whateverItsStateDirectory() throws Exception {
        Path inbound = inbound();
        Settings first = Settings.of(Map.of("state-dir", dir.resolve("a").toString(), "simulate", "true",
                "inbound-dir", inbound.toString()));
        Settings second = Settings.of(Map.of("state-dir", dir.resolve("b").toString(), "simulate", "true",
                "inbound-dir", inbound.toString()));
        try (Workspace a = new Workspace(first, Clock.systemUTC()); Workspace b = new Workspace(second, Clock.systemUTC())) {
            a.job(FilesToArchive.NAME);

            assertThatThrownBy(() -> b.job(FilesToArchive.NAME)).isInstanceOf(Workspace.SetupException.class)
                    .hasMessageContaining("is being processed by another qiao")
                    .hasMessageContaining("with state directory " + dir.resolve("a"));
        }
        try (Workspace again = new Workspace(second, Clock.systemUTC())) {
            again.job(FilesToArchive.NAME); // released when the first closed
        }
    }

    @Test
    void archiveExport_writesOneJsonPerRecord_andARerunWritesNothing() throws Exception {
        Path inbound = inbound();
        drop(inbound, "WS-2024-Y-0011", valid("WS-2024-Y-0011", "a.pdf"), "a.pdf");
        drop(inbound, "WS-2024-Y-0012", valid("WS-2024-Y-0012", "b.pdf"), "b.pdf");
        Path outbound = dir.resolve("outbound");
        Settings settings = Settings.of(Map.of("state-dir", dir.resolve("state").toString(), "simulate", "true",
                "inbound-dir", inbound.toString(), "outbound-dir", outbound.toString()));
        try (Workspace ws = new Workspace(settings, Clock.systemUTC())) {
            assertThat(ws.job(FilesToArchive.NAME).runOnce().written()).isEqualTo(2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ArchiveExport export = new ArchiveExport(ws, new PrintStream(out, true, StandardCharsets.UTF_8));
            Instant from = Instant.parse("2024-02-01T00:00:00Z");
            Instant to = Instant.parse("2024-04-01T00:00:00Z");

            export.run(from, to, null);
            Path file = outbound.resolve("WS-2024-Y-0012.json");
            byte[] first = Files.readAllBytes(file);
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
            export.run(from, to, null);

            assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 record(s), 2 file(s) written, 0 unchanged")
                    .contains("2 record(s), 0 file(s) written, 2 unchanged");
            try (Stream<Path> files = Files.list(outbound)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("WS-2024-Y-0011.json", "WS-2024-Y-0012.json");
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(first);
            assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
            JsonNode record = Json.newMapper().readTree(first);
            assertThat(record.path("archiveNo").asText()).isEqualTo("WS-2024-Y-0012");
            assertThat(record.path("files").get(0).path("fileName").asText()).isEqualTo("b.pdf");
        }
    }

    /** Seeds the three sources the error report reads with a known mix of failures, some outside the period. */
    private void seedFailures(Instant now) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add("{\"at\":\"" + now.minusSeconds(60 + i) + "\",\"operation\":\"archive.files.upload\","
                    + "\"outcome\":\"API_ERROR\",\"attempt\":1,\"nanos\":1000,\"httpStatus\":500}");
        }
        calls.add("{\"at\":\"" + now.minusSeconds(30) + "\",\"operation\":\"archive.query\",\"outcome\":\"SUCCESS\","
                + "\"attempt\":1,\"nanos\":1000,\"httpStatus\":200}");
        calls.add("{\"at\":\"" + now.minusSeconds(90_000) + "\",\"operation\":\"archive.token\","
                + "\"outcome\":\"TRANSPORT_ERROR\",\"attempt\":1,\"nanos\":1000,\"httpStatus\":0}"); // 25 h ago
        calls.add("{\"at\":\"torn");
        Files.write(state.resolve("api-calls.jsonl"), calls);
        List<String> runs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            runs.add("{\"startedAt\":\"" + now.minusSeconds(600 * i) + "\",\"millis\":1000,\"job\":\"db-documents-to-archive\","
                    + "\"status\":\"FAILED\",\"read\":" + i + ",\"written\":0,\"deadLettered\":0,\"retried\":2,"
                    + "\"error\":\"archive push of WS-2024-Y-00" + i + "0 failed: HTTP 503 at " + now.minusSeconds(i)
                    + " app_secret=" + SECRET + "\"}");
        }
        runs.add("{\"startedAt\":\"" + now.minusSeconds(300) + "\",\"millis\":1000,\"job\":\"files-to-archive\",\"status\":\"SUCCEEDED\","
                + "\"read\":1,\"written\":1,\"deadLettered\":0,\"retried\":0}");
        Files.write(ConsoleCommand.runsFile(state), runs);
        JsonLinesDeadLetterStore letters = JsonLinesDeadLetterStore.in(state.resolve("dead-letters"));
        for (int i = 1; i <= 2; i++) {
            letters.add("files-to-archive", "WS-" + i, "{}", Rejection.Stage.VALIDATE,
                    List.of("docDate: '2024-02-3" + i + "' is not a real date",
                            "files[0]: /data/in/scan-" + i + ".pdf does not exist"), "[w)", now.minusSeconds(100));
        }
        letters.close();
    }

    @Test
    void reportErrors_groupsTheSeededMixIntoTheExpectedPatterns_asTextAndJson_withoutSecrets() throws Exception {
        Instant now = Instant.now();
        seedFailures(now);

        Result text = qiao("report", "--errors");
        Result json = qiao("report", "--errors", "--hours", "24", "--json");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("11 in 4 pattern(s)", "4 x  archive.files.upload: API_ERROR HTTP 500",
                "3 x  run failed: archive push of <id> failed: HTTP 503 at <time> app_secret=******",
                "2 x  VALIDATE: docDate: '<value>' is not a real date",
                "2 x  VALIDATE: files[<n>]: <path> does not exist").doesNotContain("archive.token");
        assertThat(text.out() + json.out()).doesNotContain(SECRET);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.path("totalErrors").asInt()).isEqualTo(11);
        assertThat(doc.path("top")).hasSize(4);
        assertThat(doc.path("top").get(0).path("count").asInt()).isEqualTo(4);
        assertThat(doc.path("top").get(1).path("example").asText()).startsWith("run failed: archive push of WS-2024-Y-0010");
        assertThat(doc.path("top").get(2).path("sources").get(0).asText()).isEqualTo("dead-letters files-to-archive");

        Result wider = qiao("report", "--errors", "--hours", "48");
        assertThat(wider.out()).contains("archive.token: TRANSPORT_ERROR");
        assertThat(qiao("report", "--errors", "--hours", "0").exit()).isEqualTo(Qiao.USAGE);
    }

    @Test
    void reportJson_isOneDocumentWithTheOldMonitorsFields_andWritesItToTheLogDir() throws Exception {
        Instant now = Instant.now();
        seedFailures(now);
        Path logs = dir.resolve("logs");

        Result r = qiao("report", "--json", "--log-dir", logs.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("processRunning").isBoolean()).isTrue();
        assertThat(doc.path("processRunning").asBoolean()).isFalse();
        for (String field : List.of("timestamp", "lastSyncTime", "totalSynced", "lastError", "errorCount", "diskUsage",
                "pipelines", "apiUsage", "errors")) {
            assertThat(doc.has(field)).as(field).isTrue();
        }
        assertThat(doc.path("diskUsage").path("stateDirBytes").asLong()).isPositive();
        assertThat(doc.path("diskUsage").path("freeBytes").asLong()).isPositive();
        assertThat(doc.path("errors").path("totalErrors").asInt()).isEqualTo(11);
        assertThat(doc.path("apiUsage").path("calls").asInt()).isEqualTo(6);
        List<String> names = new ArrayList<>();
        doc.path("pipelines").forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).contains("files-to-archive", "db-documents-to-archive");
        doc.path("pipelines").forEach(p -> assertThat(p.has("openDeadLetters")).isTrue());
        assertThat(r.out()).doesNotContain(SECRET);
        try (Stream<Path> files = Files.list(logs)) {
            Path written = files.findFirst().orElseThrow();
            assertThat(written.getFileName().toString()).matches("monitor_report_\\d{8}_\\d{4}\\.json");
            assertThat(new ObjectMapper().readTree(written.toFile()).path("errorCount").isNumber()).isTrue();
        }
    }
}
