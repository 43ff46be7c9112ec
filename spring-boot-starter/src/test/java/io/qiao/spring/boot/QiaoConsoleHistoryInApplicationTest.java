package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.sync.JackyunSources;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.record.Violation;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the starter records for the console's charts, seen through the console's JSON API under the mounted path: a
 * job's runs (records/s and dead letters per run) and the calls of the client the starter built, per vendor
 * operation. Both were empty in a Boot host before the starter recorded them. The history goes to a directory of
 * its own per test run, so that earlier runs cannot make the counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:qiao-console-history;DB_CLOSE_DELAY=-1",
        "qiao.state.initialize-schema=true",
        "qiao.console.path=/ops/qiao"})
class QiaoConsoleHistoryInApplicationTest {
    static final String JOB = "jackyun-warehouses";
    static final JackyunSimulator jackyun = JackyunSimulator.builder().build().start();
    static final Path HISTORY = tempDir();

    @DynamicPropertySource
    static void vendorAndHistory(DynamicPropertyRegistry registry) {
        registry.add("qiao.jackyun.endpoint", () -> jackyun.endpoint().toString());
        registry.add("qiao.jackyun.app-key", jackyun::appKey);
        registry.add("qiao.jackyun.app-secret", jackyun::appSecret);
        registry.add("qiao.console.history-dir", HISTORY::toString);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("qiao-console-history");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        jackyun.close();
        try (var files = Files.walk(HISTORY)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    SyncJob<Warehouse, Warehouse> job;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        SyncJob<Warehouse, Warehouse> warehouses(SyncJobs jobs, JackyunClient client) {
            long refused = jackyun.warehouses().get(0).warehouseId();
            return jobs.builder(JOB)
                    .source(JackyunSources.warehouses(client))
                    .validate(w -> w.warehouseId() == refused
                            ? List.of(new Violation("warehouseId", "refused by the test")) : List.of())
                    .sink(InMemorySink.keyedBy(JackyunSources::keyOf))
                    .recordType(Warehouse.class)
                    .keyOf(JackyunSources::keyOf)
                    .build();
        }
    }

    @Test
    void aFinishedRun_andTheClientsCalls_appearInTheConsolesJsonApi_underTheMountedPath() throws Exception {
        int warehouses = jackyun.warehouses().size();
        SyncReport first = job.runOnce();
        SyncReport second = job.runOnce();
        assertThat(first.deadLettered()).isEqualTo(1);

        // The pipeline page: one entry per run, with its counts, oldest first.
        JsonNode runs = getJson("/ops/qiao/api/pipelines/" + JOB + "?hours=1").at("/runs");
        assertThat(runs.size()).as(runs.toString()).isEqualTo(2);
        JsonNode run = runs.get(0);
        assertThat(run.at("/startedAt").asText()).isEqualTo(first.startedAt().toString());
        assertThat(run.at("/status").asText()).isEqualTo(first.status().name());
        assertThat(run.at("/read").asLong()).isEqualTo(warehouses);
        assertThat(run.at("/written").asLong()).isEqualTo(warehouses - 1);
        assertThat(run.at("/deadLettered").asLong()).isEqualTo(1);
        assertThat(run.at("/millis").asLong()).isEqualTo(first.duration().toMillis());
        assertThat(runs.get(1).at("/startedAt").asText()).isEqualTo(second.startedAt().toString());

        // The overview's last 24 hours add the runs up.
        JsonNode day = getJson("/ops/qiao/api/overview").at("/pipelines/0/last24h");
        assertThat(day.at("/runs").asInt()).as(day.toString()).isEqualTo(2);
        assertThat(day.at("/read").asLong()).isEqualTo(first.read() + second.read());

        // The API-usage page: the client's calls per operation, each tagged with the vendor whose client made it.
        JsonNode usage = getJson("/ops/qiao/api/api-usage?hours=1");
        assertThat(usage.at("/calls").asInt()).as(usage.toString()).isPositive();
        List<String> operations = new ArrayList<>();
        for (JsonNode op : usage.at("/operations")) {
            operations.add(op.at("/operation").asText());
            assertThat(op.at("/vendor").asText()).isEqualTo("jackyun");
            assertThat(op.at("/calls").asLong()).as(op.toString()).isPositive();
            assertThat(op.at("/errors").asLong()).isZero();
        }
        assertThat(operations).as(usage.toString()).isNotEmpty().anyMatch(o -> o.contains("warehouse"));
        assertThat(usage.at("/vendors/0/vendor").asText()).isEqualTo("jackyun");
        assertThat(usage.at("/vendors/0/pace").size()).isPositive();
        assertThat(usage.at("/series").size()).isPositive();

        // The files are the CLI's, and hold no secret, no address, no parameter.
        assertThat(HISTORY.resolve("runs.jsonl")).exists();
        String calls = Files.readString(HISTORY.resolve("api-calls.jsonl"));
        assertThat(calls).doesNotContain(jackyun.appSecret()).doesNotContain(jackyun.appKey())
                .doesNotContain("://").doesNotContain("sign");
        assertThat(Files.readString(HISTORY.resolve("runs.jsonl"))).doesNotContain(jackyun.appSecret());
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }
}
