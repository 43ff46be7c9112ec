package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.sync.JackyunSources;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.record.Violation;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real Boot application on a real port: the Jackyun simulator as the vendor, H2 as the app's
 * database, one job scheduled by properties. One test walks the whole life, because the scheduled first run
 * happens once, at startup.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:qiao-starter;DB_CLOSE_DELAY=-1",
        "qiao.state.initialize-schema=true",
        "qiao.jobs.jackyun-warehouses.every=1h",
        "qiao.jobs.jackyun-warehouses.stale-after=2h",
        "qiao.jobs.other.enabled=false",
        "qiao.alerts.dingtalk.secret=SECdingtalk-secret-value",
        "qiao.alerts.dead-letter-threshold=0",
        "management.endpoints.web.exposure.include=health,qiao,env,configprops,metrics",
        "management.endpoint.health.show-details=always",
        "management.endpoint.env.show-values=always",
        "management.endpoint.configprops.show-values=always"})
class QiaoStarterApplicationTest {
    static final String JOB = "jackyun-warehouses";
    static final JackyunSimulator jackyun = JackyunSimulator.builder().build().start();
    static final java.nio.file.Path HISTORY = java.nio.file.Path.of("target", "qiao-history", "QiaoStarterApplicationTest",
            String.valueOf(ProcessHandle.current().pid()));
    static final String APP_SECRET_VALUE = jackyun.appSecret();
    /** The warehouse the scheduled first run refuses (it becomes the dead letter the test replays). */
    static final long FIRST_REFUSED = jackyun.warehouses().get(0).warehouseId();

    @DynamicPropertySource
    static void vendor(DynamicPropertyRegistry registry) {
        registry.add("qiao.jackyun.endpoint", () -> jackyun.endpoint().toString());
        registry.add("qiao.jackyun.app-key", jackyun::appKey);
        registry.add("qiao.jackyun.app-secret", jackyun::appSecret);
        // its own history, not the one of every test run in the application temp directory
        registry.add("qiao.console.history-dir", () -> HISTORY.toString());
        // A local address, so that the alert of the failed run goes nowhere outside; the token is in the URL.
        registry.add("qiao.alerts.dingtalk.webhook",
                () -> jackyun.baseUrl() + "/robot/send?access_token=dingtalk-token-value");
    }

    @AfterAll
    static void stop() {
        jackyun.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    SyncJob<Warehouse, Warehouse> job;
    @Autowired
    App app;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DataSource dataSource;
    @Autowired
    QiaoJobScheduler scheduler;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        /** The one warehouse the validator refuses while this is its id (0: none). */
        final AtomicLong refused = new AtomicLong(FIRST_REFUSED);
        final InMemorySink<String, Warehouse> sink = InMemorySink.keyedBy(JackyunSources::keyOf);

        @Bean
        SyncJob<Warehouse, Warehouse> warehouses(SyncJobs jobs, JackyunClient client) {
            return jobs.builder(JOB)
                    .source(JackyunSources.warehouses(client))
                    .validate(w -> w.warehouseId() == refused.get()
                            ? List.of(new Violation("warehouseId", "refused by the test")) : List.of())
                    .sink(sink)
                    .recordType(Warehouse.class)
                    .keyOf(JackyunSources::keyOf)
                    .build();
        }
    }

    @Test
    void theScheduledJob_runs_isMeasured_turnsHealthDownAndUp_andReplaysThroughTheEndpoint() throws Exception {
        // 1. Scheduled by qiao.jobs.jackyun-warehouses.every: its first run starts with the application.
        assertThat(scheduler.scheduledJobs()).containsExactly(JOB);
        SyncReport first = awaitFirstRun();
        int total = jackyun.warehouses().size();
        assertThat(first.status()).isIn(SyncReport.Status.SUCCEEDED, SyncReport.Status.PARTIAL);
        assertThat(first.read()).isEqualTo(total);
        assertThat(checkpointRows()).isEqualTo(1);
        assertThat(job.admin().checkpoint()).isPresent();
        long deadLettered = first.deadLettered();
        assertThat(app.sink.size()).isEqualTo(total - (int) deadLettered);

        // 2. Metrics after the run.
        assertThat(meters.get("qiao.sync.records").tags("job", JOB, "outcome", "read").counter().count())
                .isEqualTo(total);
        assertThat(meters.get("qiao.sync.records").tags("job", JOB, "outcome", "written").counter().count())
                .isEqualTo(first.written());
        assertThat(meters.get("qiao.sync.runs").tags("job", JOB, "status", first.status().name().toLowerCase())
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("qiao.api.calls").tags("vendor", "jackyun", "outcome", "success").timers())
                .isNotEmpty();
        assertThat(meters.get("qiao.sync.lag").tags("job", JOB).gauge().value()).isPositive().isFinite();
        assertThat(meters.get("qiao.dead.letters.open").tags("job", JOB).gauge().value()).isEqualTo(deadLettered);
        JsonNode metric = getJson("/actuator/metrics/qiao.sync.records?tag=job:" + JOB + "&tag=outcome:read", 200);
        assertThat(metric.at("/measurements/0/value").asDouble()).isEqualTo(total);

        // 3. Health UP with the job's details, and the endpoint's view.
        JsonNode health = getJson("/actuator/health", 200);
        assertThat(health.at("/components/qiao/status").asText()).isEqualTo("UP");
        JsonNode details = health.at("/components/qiao/details/" + JOB);
        assertThat(details.at("/status").asText()).isEqualTo(first.status().name());
        assertThat(details.at("/checkpoint/watermark").asText()).isNotEmpty();
        JsonNode view = getJson("/actuator/qiao", 200).at("/jobs/" + JOB);
        assertThat(view.at("/lastRun/read").asLong()).isEqualTo(total);
        assertThat(view.at("/checkpoint/version").asLong()).isPositive();

        // 4. A failed run turns health DOWN (503), a good one UP again.
        jackyun.faults().next(JackyunFault.subCode("0000000001", "refused by the test"), 1000);
        SyncReport failed = job.runOnce();
        jackyun.faults().clear();
        assertThat(failed.status()).isEqualTo(SyncReport.Status.FAILED);
        JsonNode down = getJson("/actuator/health", 503);
        assertThat(down.at("/components/qiao/status").asText()).isEqualTo("DOWN");
        assertThat(down.at("/components/qiao/details/" + JOB + "/status").asText()).isEqualTo("FAILED");
        assertThat(meters.get("qiao.sync.runs").tags("job", JOB, "status", "failed").counter().count()).isEqualTo(1);
        assertThat(job.runOnce().failed()).isFalse();
        assertThat(getJson("/actuator/health", 200).at("/components/qiao/status").asText()).isEqualTo("UP");

        // 5. Replay: the refused warehouse is open until the validator accepts it and the endpoint replays it.
        assertThat(deadLettered).isEqualTo(1);
        assertThat(view.at("/openDeadLetters").size()).isEqualTo(1);
        assertThat(post("/actuator/qiao/no-such-job/replay").statusCode()).isEqualTo(404);
        assertThat(post("/actuator/qiao/" + JOB + "/rewind").statusCode()).isEqualTo(404);
        app.refused.set(0);
        HttpResponse<String> replay = post("/actuator/qiao/" + JOB + "/replay");
        assertThat(replay.statusCode()).isEqualTo(200);
        JsonNode replayed = json.readTree(replay.body());
        assertThat(replayed.at("/attempted").asInt()).isEqualTo(1);
        assertThat(replayed.at("/resolved")).hasSize(1);
        assertThat(app.sink.size()).isEqualTo(total);
        assertThat(meters.get("qiao.dead.letters.open").tags("job", JOB).gauge().value()).isZero();
        assertThat(getJson("/actuator/qiao", 200).at("/jobs/" + JOB + "/openDeadLetters").size()).isZero();
    }

    @Test
    void secrets_areMaskedInEnvAndConfigprops_whileOtherValuesShow() throws Exception {
        String env = get("/actuator/env").body();
        String configprops = get("/actuator/configprops").body();
        for (String body : List.of(env, configprops)) {
            assertThat(body).doesNotContain(APP_SECRET_VALUE).doesNotContain("dingtalk-token-value")
                    .doesNotContain("SECdingtalk-secret-value");
            // show-values=always is in force: what is not a secret is shown, so the masking is ours.
            assertThat(body).contains(jackyun.appKey());
        }
        JsonNode secret = getJson("/actuator/env/qiao.jackyun.app-secret", 200);
        assertThat(secret.at("/property/value").asText()).isEqualTo("******");
        JsonNode props = json.readTree(configprops);
        JsonNode qiao = props.findValue("qiao-io.qiao.spring.boot.QiaoProperties");
        assertThat(qiao).as("qiao properties in configprops").isNotNull();
        assertThat(qiao.at("/properties/jackyun/appSecret").asText()).isEqualTo("******");
        assertThat(qiao.at("/properties/jackyun/appKey").asText()).isEqualTo(jackyun.appKey());
        assertThat(qiao.at("/properties/alerts/dingtalk/webhook").asText()).isEqualTo("******");
    }

    private SyncReport awaitFirstRun() throws InterruptedException {
        QiaoJobStatus status = appStatus();
        // Not a timing assertion: the wait only bounds a hang; the run itself has no deadline.
        for (int i = 0; i < 1200 && (status.lastReport(JOB).isEmpty() || job.isRunning()); i++) {
            Thread.sleep(100);
        }
        return status.lastReport(JOB).orElseThrow(() -> new AssertionError("the scheduled run did not happen"));
    }

    @Autowired
    QiaoJobStatus jobStatus;

    private QiaoJobStatus appStatus() {
        return jobStatus;
    }

    private int checkpointRows() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM qiao_checkpoint WHERE job = '" + JOB + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private JsonNode getJson(String path, int expectedStatus) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(expectedStatus);
        return json.readTree(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
