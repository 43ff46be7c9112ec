package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.jackyun.JackyunClient;
import io.qiao.kis.KisClient;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.ListSource;
import io.qiao.sync.SyncJob;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The console's API-usage page in a Boot host draws each vendor's rate limit against the pace, as {@code qiao console}
 * does: the limits of every client the starter built, read through the console's JSON API under the mounted path.
 * Before the starter declared them, {@code vendors} was empty until a call was made, and then had no limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:qiao-console-rate-limits;DB_CLOSE_DELAY=-1",
        "qiao.state.initialize-schema=true",
        "qiao.console.path=/ops/qiao",
        "qiao.jackyun.endpoint=http://127.0.0.1:9", "qiao.jackyun.app-key=k", "qiao.jackyun.app-secret=s",
        "qiao.jushuitan.endpoint=http://127.0.0.1:9", "qiao.jushuitan.app-key=k", "qiao.jushuitan.app-secret=s",
        "qiao.kis.endpoint=http://127.0.0.1:9", "qiao.kis.client-id=c", "qiao.kis.client-secret=cs",
        "qiao.kis.outer-instance-id=oid",
        "qiao.archive.endpoint=http://127.0.0.1:9", "qiao.archive.app-key=k", "qiao.archive.app-secret=s"})
class QiaoConsoleRateLimitsInApplicationTest {
    @LocalServerPort
    int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        SyncJob<Integer, Integer> numbers(SyncJobs jobs) {
            return jobs.builder("numbers").source(ListSource.of(List.of(1, 2))).sink(InMemorySink.keyedBy(x -> x))
                    .build();
        }
    }

    @Test
    void apiUsage_drawsTheRateLimitOfEveryClientTheStarterBuilt_underTheMountedPath() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/ops/qiao/api/api-usage?hours=1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, JsonNode> vendors = new LinkedHashMap<>();
        new ObjectMapper().readTree(r.body()).path("vendors").forEach(v -> vendors.put(v.path("vendor").asText(), v));
        assertThat(vendors).as(r.body()).containsOnlyKeys("jackyun", "jushuitan", "kis", "archive");

        // Jushuitan: 4 a second and 98 a minute (JushuitanClient.defaultRateLimits()); the minute is the tighter pace.
        JsonNode jushuitan = vendors.get("jushuitan");
        assertThat(jushuitan.at("/limits/0/perSecond").asDouble()).isEqualTo(4.0);
        assertThat(jushuitan.at("/limits/1/perMinute").asDouble()).isEqualTo(98.0);
        assertThat(jushuitan.path("limitPerSecond").asDouble()).isEqualTo(1.633);
        assertThat(vendors.get("kis").path("limitPerSecond").asDouble())
                .isEqualTo(KisClient.DEFAULT_RATE_LIMIT.permits() * 1.0);
        assertThat(vendors.get("jackyun").path("limitPerSecond").asDouble())
                .isEqualTo(JackyunClient.DEFAULT_RATE_LIMIT.permits() * 1.0);
        assertThat(vendors.get("jackyun").path("limits")).hasSize(1);
        // The archive client paces nothing unless told: declared, with no limit to draw.
        assertThat(vendors.get("archive").path("limits")).isEmpty();
        assertThat(vendors.get("archive").path("limitPerSecond").isNull()).isTrue();
    }
}
