package io.qiao.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.Position;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.ReplayReport;
import io.qiao.sync.SyncReport;
import io.qiao.sync.observe.SyncStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's JSON API over real HTTP (the JDK server on 127.0.0.1), with a pipeline of in-memory stores. */
class QiaoConsoleHttpTest {
    static final String TOKEN = "console-token-5f3a9c";
    static final String DB_PASSWORD = "s3cretDbPass";
    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @TempDir
    Path dir;
    final ObjectMapper mapper = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    final InMemoryDeadLetterStore letters = new InMemoryDeadLetterStore();
    final List<String> actions = new ArrayList<>();
    ConsoleServer server;
    DeadLetter missingMaterial;

    @BeforeEach
    void start() throws IOException {
        missingMaterial = letters.add("orders", "SO-1", "{\"sku\":\"A-1\"}", Rejection.Stage.LOOKUP,
                List.of("material A-1 not found in KIS"), "w1", NOW.minusSeconds(600));
        letters.add("orders", "SO-2", "{\"qty\":-1}", Rejection.Stage.VALIDATE, List.of("qty: must be positive"), "w1",
                NOW.minusSeconds(500));
        letters.add("orders", "SO-3", "{\"qty\":-2}", Rejection.Stage.VALIDATE, List.of("qty: must be positive"), "w1",
                NOW.minusSeconds(400));
        RunHistory runs = RunHistory.in(dir.resolve("runs.jsonl"));
        runs.runFinished(report(NOW.minusSeconds(3600), SyncReport.Status.PARTIAL, 10, 3, null));
        runs.runFinished(report(NOW.minusSeconds(1800), SyncReport.Status.FAILED, 0, 0,
                new IllegalStateException("cannot connect to jdbc:mysql://u:" + DB_PASSWORD + "@db:3306/x?password="
                        + DB_PASSWORD)));
        Files.writeString(dir.resolve("api-calls.jsonl"), String.join("\n",
                call(NOW.minusSeconds(900), "kis.material.list", "SUCCESS", 12_000_000),
                call(NOW.minusSeconds(890), "kis.material.list", "SUCCESS", 30_000_000),
                call(NOW.minusSeconds(300), "kis.material.list", "THROTTLED", 5_000_000),
                call(NOW.minusSeconds(200), "jushuitan.otherinout.query", "API_ERROR", 8_000_000),
                "{\"at\":\"torn")); // a torn last line is skipped
        QiaoConsole console = QiaoConsole.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).token(TOKEN).runs(runs)
                .apiCalls(since -> ApiCallHistory.read(dir.resolve("api-calls.jsonl"), since))
                .pipeline(new FakePipeline()).build();
        server = ConsoleServer.start(console, 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void bindsToLoopbackOnly() {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void overview_showsEachPipelineWithItsCountsOfTheLastDay() throws Exception {
        JsonNode o = json(get("/api/overview"));
        JsonNode p = o.path("pipelines").get(0);
        assertThat(p.path("name").asText()).isEqualTo("orders");
        assertThat(p.path("openDeadLetters").asInt()).isEqualTo(3);
        assertThat(p.path("last24h").path("runs").asInt()).isEqualTo(2);
        assertThat(p.path("last24h").path("written").asLong()).isEqualTo(10);
        assertThat(p.path("last24h").path("deadLettered").asLong()).isEqualTo(3);
        assertThat(p.path("status").path("lastStatus").asText()).isEqualTo("FAILED");
        assertThat(p.path("checkpoint").path("lagSeconds").asLong()).isEqualTo(7200);
        assertThat(p.path("runningBy").isNull()).isTrue();
    }

    @Test
    void pipeline_listsItsRunsWithRecordsPerSecond() throws Exception {
        JsonNode p = json(get("/api/pipelines/orders"));
        assertThat(p.path("runs")).hasSize(2);
        assertThat(p.path("runs").get(0).path("recordsPerSecond").asDouble()).isEqualTo(5.0); // 10 in 2 s
        assertThat(p.path("checkpoint").path("watermark").asText()).isEqualTo("2026-05-01T10:00:00Z");
    }

    @Test
    void unknownPipeline_is404NamingThePipelines() throws Exception {
        HttpResponse<String> r = get("/api/pipelines/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).path("error").asText()).contains("'nope'").contains("orders");
    }

    @Test
    void apiUsage_givesFiguresPerOperationAndASeriesOverTime() throws Exception {
        JsonNode u = json(get("/api/api-usage?hours=2")); // one-minute buckets
        assertThat(u.path("calls").asInt()).isEqualTo(4);
        JsonNode kis = u.path("operations").get(1);
        assertThat(kis.path("operation").asText()).isEqualTo("kis.material.list");
        assertThat(kis.path("vendor").asText()).isEqualTo("kis");
        assertThat(kis.path("calls").asInt()).isEqualTo(3);
        assertThat(kis.path("throttled").asInt()).isEqualTo(1);
        assertThat(kis.path("p99Ms").asDouble()).isGreaterThanOrEqualTo(12.0);
        assertThat(u.path("series").size()).isGreaterThanOrEqualTo(2);
        assertThat(u.path("series").get(0).path("operations").path("kis.material.list").path("calls").asInt()).isEqualTo(2);
    }

    @Test
    void badHours_is400NamingTheField() throws Exception {
        HttpResponse<String> r = get("/api/api-usage?hours=0");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).contains("hours");
    }

    @Test
    void deadLetters_areGroupedByReasonAndFilteredByOne() throws Exception {
        JsonNode d = json(get("/api/dead-letters"));
        assertThat(d.path("entries")).hasSize(3);
        assertThat(d.path("groups")).hasSize(2);
        String validation = null;
        for (JsonNode g : d.path("groups")) {
            if (g.path("count").asInt() == 2) {
                validation = g.path("reason").asText();
            }
        }
        assertThat(validation).contains("qty");
        JsonNode only = json(get("/api/dead-letters?reason=" + java.net.URLEncoder.encode(validation, StandardCharsets.UTF_8)));
        assertThat(only.path("entries")).hasSize(2);
        assertThat(only.path("entries").get(0).path("payload").asText()).isEqualTo("{\"qty\":-1}");
    }

    @Test
    void errors_areGroupedByPattern() throws Exception {
        JsonNode e = json(get("/api/errors?hours=24"));
        assertThat(e.path("groups")).hasSize(3); // the failed run, the throttle, the API error
        assertThat(e.toString()).contains("THROTTLED").contains("API_ERROR");
    }

    @Test
    void withoutToken_replayPurgeAndResetAreRefusedAndChangeNothing() throws Exception {
        for (String action : List.of("replay", "purge", "reset", "reconcile")) {
            HttpResponse<String> r = post("/api/pipelines/orders/" + action, "{\"watermark\":\"2026-01-01T00:00:00Z\"}",
                    Map.of("Content-Type", "application/json"));
            assertThat(r.statusCode()).as(action).isEqualTo(401);
            HttpResponse<String> wrong = post("/api/pipelines/orders/" + action, "{}",
                    Map.of("Content-Type", "application/json", QiaoConsole.TOKEN_HEADER, TOKEN + "x"));
            assertThat(wrong.statusCode()).as(action).isEqualTo(401);
        }
        assertThat(actions).isEmpty();
        assertThat(letters.list("orders", false, 100)).hasSize(3);
    }

    @Test
    void crossSiteRequests_areRefusedEvenWithTheToken() throws Exception {
        HttpResponse<String> otherOrigin = post("/api/pipelines/orders/purge", "{}", Map.of("Content-Type",
                "application/json", QiaoConsole.TOKEN_HEADER, TOKEN, "Origin", "http://evil.example"));
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        HttpResponse<String> form = post("/api/pipelines/orders/purge", "all=true", Map.of("Content-Type",
                "application/x-www-form-urlencoded", QiaoConsole.TOKEN_HEADER, TOKEN));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(actions).isEmpty();
    }

    @Test
    void getCannotWrite() throws Exception {
        assertThat(get("/api/pipelines/orders/replay").statusCode()).isEqualTo(404);
        assertThat(actions).isEmpty();
    }

    @Test
    void withToken_replayOfSelectedIdsResolvesThem() throws Exception {
        String origin = "http://127.0.0.1:" + server.address().getPort();
        HttpResponse<String> r = post("/api/pipelines/orders/replay", "{\"ids\":[\"" + missingMaterial.id() + "\"]}",
                Map.of("Content-Type", "application/json", QiaoConsole.TOKEN_HEADER, TOKEN, "Origin", origin));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("attempted").asInt()).isEqualTo(1);
        assertThat(body.path("resolved").get(0).asText()).isEqualTo(missingMaterial.id());
        assertThat(letters.list("orders", false, 100)).hasSize(2);
        assertThat(actions).containsExactly("replay " + List.of(missingMaterial.id()));
    }

    @Test
    void withToken_purgeAndResetAct() throws Exception {
        Map<String, String> h = Map.of("Content-Type", "application/json", QiaoConsole.TOKEN_HEADER, TOKEN);
        assertThat(json(post("/api/pipelines/orders/purge", "", h)).path("deleted").asInt()).isZero();
        JsonNode reset = json(post("/api/pipelines/orders/reset", "{\"watermark\":\"2026-04-01T00:00:00Z\"}", h));
        assertThat(reset.path("watermark").asText()).isEqualTo("2026-04-01T00:00:00Z");
        HttpResponse<String> bad = post("/api/pipelines/orders/reset", "{\"watermark\":\"yesterday\"}", h);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).contains("watermark").contains("yesterday");
        assertThat(actions).containsExactly("purge true", "reset 2026-04-01T00:00:00Z");
    }

    @Test
    void withToken_reconcileListsTheDifferencesFieldByField() throws Exception {
        Map<String, String> h = Map.of("Content-Type", "application/json", QiaoConsole.TOKEN_HEADER, TOKEN);
        JsonNode r = json(post("/api/pipelines/orders/reconcile",
                "{\"from\":\"2026-04-01T00:00:00Z\",\"to\":\"2026-05-01T00:00:00Z\"}", h));
        assertThat(r.path("compared").asInt()).isEqualTo(3);
        assertThat(r.path("matching").asInt()).isEqualTo(1);
        assertThat(r.path("differences").get(1).asText()).startsWith("SO-2: qty: source 1, target 2")
                .doesNotContain(DB_PASSWORD);
        HttpResponse<String> backwards = post("/api/pipelines/orders/reconcile",
                "{\"from\":\"2026-05-01T00:00:00Z\",\"to\":\"2026-04-01T00:00:00Z\"}", h);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(json(backwards).path("error").asText()).contains("before");
        assertThat(actions).containsExactly("reconcile 2026-04-01T00:00:00Z 2026-05-01T00:00:00Z");
    }

    @Test
    void aRunningPipeline_refusesAWriteWith409() throws Exception {
        Map<String, String> h = Map.of("Content-Type", "application/json", QiaoConsole.TOKEN_HEADER, TOKEN);
        HttpResponse<String> r = post("/api/pipelines/orders/purge", "{\"all\":true}", h);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).path("error").asText()).contains("is running");
    }

    @Test
    void readOnlyConsole_refusesWritesWithAMessageNamingTheVariable() throws Exception {
        QiaoConsole readOnly = QiaoConsole.builder().pipeline(new FakePipeline()).build();
        ConsoleResponse r = readOnly.handle(new ConsoleRequest("POST", "/api/pipelines/orders/purge", Map.of(),
                Map.of("Content-Type", "application/json", QiaoConsole.TOKEN_HEADER, TOKEN), new byte[0]));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).contains("QIAO_CONSOLE_TOKEN");
        assertThat(actions).isEmpty();
    }

    @Test
    void noResponseCarriesTheTokenOrADatabasePassword() throws Exception {
        Map<String, String> h = Map.of("Content-Type", "application/json", QiaoConsole.TOKEN_HEADER, TOKEN);
        List<String> bodies = new ArrayList<>();
        for (String path : List.of("/", "/assets/app.js", "/api/session", "/api/overview", "/api/pipelines/orders",
                "/api/api-usage", "/api/dead-letters?all=true", "/api/errors", "/api/nothing")) {
            bodies.add(get(path).body());
        }
        bodies.add(post("/api/pipelines/orders/replay", "{}", h).body());
        bodies.add(post("/api/pipelines/orders/reset", "{\"watermark\":\"x\"}", h).body());
        assertThat(String.join("\n", bodies)).doesNotContain(TOKEN).doesNotContain(DB_PASSWORD).contains("jdbc:mysql://");
    }

    @Test
    void pagesAndTheChartingLibraryAreServedFromTheJar() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(index.body()).contains("assets/echarts.min.js").contains("assets/app.js");
        HttpResponse<String> echarts = get("/assets/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body().length()).isGreaterThan(500_000);
        assertThat(get("/assets/echarts-LICENSE.txt").body()).contains("Apache License");
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path.substring(1)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return mapper.readTree(r.body());
    }

    private static String call(Instant at, String op, String outcome, long nanos) {
        return "{\"at\":\"" + at + "\",\"operation\":\"" + op + "\",\"outcome\":\"" + outcome
                + "\",\"attempt\":1,\"nanos\":" + nanos + ",\"httpStatus\":200}";
    }

    private static SyncReport report(Instant at, SyncReport.Status status, long written, long dead, Throwable error) {
        return new SyncReport("orders", status, at, Duration.ofSeconds(2), 1, 1, written + dead, written, dead, 0, 0,
                null, null, null, error, false, null, written, 0, 0);
    }

    /** A pipeline over the in-memory dead letters; its replay resolves what it is given, recording each action. */
    private final class FakePipeline implements ConsolePipeline {
        @Override
        public String name() {
            return "orders";
        }

        @Override
        public SyncStatus status() {
            return new SyncStatus("orders", NOW.minusSeconds(1800), SyncReport.Status.FAILED, NOW.minusSeconds(3600), 2,
                    13, 10, 3, "jdbc:mariadb://db/x?user=u&password=" + DB_PASSWORD + " refused", 1, 1, null);
        }

        @Override
        public Optional<Checkpoint> checkpoint() {
            return Optional.of(new Checkpoint("orders", Position.at(NOW.minusSeconds(7200)), 4, NOW.minusSeconds(3600)));
        }

        @Override
        public DeadLetterStore deadLetters() {
            return letters;
        }

        @Override
        public Optional<String> runningBy() {
            return Optional.empty();
        }

        @Override
        public ReplayReport replay(List<String> ids, int limit) {
            actions.add("replay " + ids);
            letters.resolve("orders", ids, NOW);
            return new ReplayReport(ids.size(), ids, Map.of());
        }

        @Override
        public int purge(boolean resolvedOnly) {
            if (!resolvedOnly) {
                throw new IllegalStateException("orders is running (pid 1); purge changes its state");
            }
            actions.add("purge " + resolvedOnly);
            return 0;
        }

        @Override
        public ReconcileResult reconcile(Instant from, Instant to) {
            actions.add("reconcile " + from + " " + to);
            return new ReconcileResult(3, List.of("SO-1: missing in the target",
                    "SO-2: qty: source 1, target 2 (jdbc:mysql://db/x?password=" + DB_PASSWORD + ")"));
        }

        @Override
        public Checkpoint reset(Instant watermark) {
            actions.add("reset " + watermark);
            return new Checkpoint("orders", Position.at(watermark), 5, NOW);
        }
    }
}
