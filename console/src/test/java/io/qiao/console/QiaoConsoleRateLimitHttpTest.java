package io.qiao.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.sync.ReplayReport;
import io.qiao.sync.observe.SyncStatus;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendors' declared rate limits next to the pace of their calls in {@code /api/api-usage}, over real HTTP. */
class QiaoConsoleRateLimitHttpTest {
    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @TempDir
    Path dir;
    final ObjectMapper mapper = new ObjectMapper();
    ConsoleServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void apiUsage_carriesEachDeclaredLimit_andThePacePerBucket() throws Exception {
        List<String> lines = new ArrayList<>();
        Instant minute = Instant.parse("2026-05-01T11:30:00Z"); // a bucket's start with ?hours=2 (one-minute buckets)
        for (int i = 0; i < 120; i++) { // 120 attempts in one minute: 2 per second
            lines.add(call(minute.plusMillis(i * 400L), "jushuitan.otherinout.query", i % 10 == 0 ? "THROTTLED" : "SUCCESS"));
        }
        for (int i = 0; i < 30; i++) { // 30 in the next minute, on two operations: 0.5 per second
            lines.add(i % 2 == 0 ? call(minute.plusSeconds(60 + i), "jushuitan.otherinout.query", "SUCCESS")
                    // an operation name that does not say its vendor: the line does
                    : call(minute.plusSeconds(60 + i), "/open/inventory/query", "SUCCESS")
                            .replace("}", ",\"vendor\":\"jushuitan\"}"));
        }
        lines.add(call(minute.plusSeconds(5), "kis.material.list", "SUCCESS"));
        Files.writeString(dir.resolve("api-calls.jsonl"), String.join("\n", lines));
        start(QiaoConsole.builder()
                .rateLimit("jushuitan", RateLimits.of(RateLimit.perSecond(4), RateLimit.perMinute(90)))
                .rateLimit("archive", RateLimits.none()));

        JsonNode usage = json("/api/api-usage?hours=2");
        JsonNode vendors = usage.path("vendors");

        assertThat(vendors).hasSize(3);
        JsonNode jst = vendors.get(0);
        assertThat(jst.path("vendor").asText()).isEqualTo("jushuitan");
        assertThat(jst.path("limits")).hasSize(2);
        assertThat(jst.path("limits").get(0).path("permits").asInt()).isEqualTo(4);
        assertThat(jst.path("limits").get(0).path("periodSeconds").asDouble()).isEqualTo(1.0);
        assertThat(jst.path("limits").get(0).path("perSecond").asDouble()).isEqualTo(4.0);
        assertThat(jst.path("limits").get(0).path("perMinute").asDouble()).isEqualTo(240.0);
        assertThat(jst.path("limits").get(1).path("perSecond").asDouble()).isEqualTo(1.5);
        assertThat(jst.path("limits").get(1).path("perMinute").asDouble()).isEqualTo(90.0);
        assertThat(jst.path("limitPerSecond").asDouble()).isEqualTo(1.5); // the tighter sustained rate of the two
        assertThat(jst.path("pace")).hasSize(2);
        assertThat(jst.path("pace").get(0).path("at").asText()).isEqualTo("2026-05-01T11:30:00Z");
        assertThat(jst.path("pace").get(0).path("calls").asLong()).isEqualTo(120);
        assertThat(jst.path("pace").get(0).path("perSecond").asDouble()).isEqualTo(2.0);
        assertThat(jst.path("pace").get(1).path("at").asText()).isEqualTo("2026-05-01T11:31:00Z");
        assertThat(jst.path("pace").get(1).path("perSecond").asDouble()).isEqualTo(0.5);
        assertThat(jst.path("peakPerSecond").asDouble()).isEqualTo(2.0);

        assertThat(usage.path("operations").findValuesAsText("vendor")).containsOnly("jushuitan", "kis");

        JsonNode archive = vendors.get(1); // declared without a limit, no calls
        assertThat(archive.path("vendor").asText()).isEqualTo("archive");
        assertThat(archive.path("limits")).isEmpty();
        assertThat(archive.path("limitPerSecond").isNull()).isTrue();
        assertThat(archive.path("pace")).isEmpty();

        JsonNode kis = vendors.get(2); // seen in the log, no limit declared
        assertThat(kis.path("vendor").asText()).isEqualTo("kis");
        assertThat(kis.path("limitPerSecond").isNull()).isTrue();
        assertThat(kis.path("pace").get(0).path("calls").asLong()).isEqualTo(1);
        assertThat(kis.path("pace").get(0).path("perSecond").asDouble()).isEqualTo(0.017); // 1 in 60 s
    }

    @Test
    void apiUsage_paceUsesTheChartsBucket() throws Exception {
        List<String> lines = new ArrayList<>();
        Instant bucket = Instant.parse("2026-05-01T11:00:00Z"); // ?hours=24: 15-minute buckets
        for (int i = 0; i < 900; i++) {
            lines.add(call(bucket.plusSeconds(i), "jushuitan.otherinout.query", "SUCCESS"));
        }
        Files.writeString(dir.resolve("api-calls.jsonl"), String.join("\n", lines));
        start(QiaoConsole.builder().rateLimit("jushuitan", RateLimits.of(RateLimit.perMinute(120))));

        JsonNode u = json("/api/api-usage?hours=24");

        assertThat(u.path("bucketSeconds").asLong()).isEqualTo(900);
        JsonNode jst = u.path("vendors").get(0);
        assertThat(jst.path("limitPerSecond").asDouble()).isEqualTo(2.0);
        assertThat(jst.path("pace").get(0).path("perSecond").asDouble()).isEqualTo(1.0); // 900 in 900 s
    }

    @Test
    void rateLimit_refusesABadVendorOrATwiceDeclaredOne_namingIt() {
        QiaoConsole.Builder b = QiaoConsole.builder().rateLimit("kis", RateLimits.of(RateLimit.perSecond(10)));
        assertThatThrownBy(() -> b.rateLimit("kis", RateLimits.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vendor 'kis'").hasMessageContaining("twice");
        assertThatThrownBy(() -> b.rateLimit("kis.material", RateLimits.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vendor 'kis.material'");
        assertThatThrownBy(() -> b.rateLimit(" ", RateLimits.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vendor ' '");
        assertThatThrownBy(() -> b.rateLimit("jackyun", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("limits");
    }

    // ------------------------------------------------------------------------------------------------

    private void start(QiaoConsole.Builder b) throws Exception {
        QiaoConsole console = b.clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .apiCalls(since -> ApiCallHistory.read(dir.resolve("api-calls.jsonl"), since))
                .pipeline(new EmptyPipeline()).build();
        server = ConsoleServer.start(console, 0);
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.uri().resolve(path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    private static String call(Instant at, String op, String outcome) {
        return "{\"at\":\"" + at + "\",\"operation\":\"" + op + "\",\"outcome\":\"" + outcome
                + "\",\"attempt\":1,\"nanos\":1000000,\"httpStatus\":200}";
    }

    /** A pipeline with nothing to show: the API-usage page does not read pipelines. */
    private static final class EmptyPipeline implements ConsolePipeline {
        private final InMemoryDeadLetterStore letters = new InMemoryDeadLetterStore();

        @Override
        public String name() {
            return "orders";
        }

        @Override
        public SyncStatus status() {
            return SyncStatus.initial("orders");
        }

        @Override
        public Optional<Checkpoint> checkpoint() {
            return Optional.empty();
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
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public Checkpoint reset(Instant watermark) {
            throw new UnsupportedOperationException("not used by these tests");
        }
    }
}
