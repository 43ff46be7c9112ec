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
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
 * The console mounted by the starter in a real Boot application on a real port: the Jackyun simulator as the
 * vendor, H2 as the database, one job that dead-letters one warehouse. A filter stands in for the host's security:
 * it authenticates a request that carries {@code X-Test-User}, as a login would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:qiao-console;DB_CLOSE_DELAY=-1",
        "qiao.state.initialize-schema=true",
        "qiao.console.token=" + QiaoConsoleInApplicationTest.TOKEN,
        "management.endpoints.web.exposure.include=env,configprops",
        "management.endpoint.env.show-values=always",
        "management.endpoint.configprops.show-values=always"})
class QiaoConsoleInApplicationTest {
    static final String JOB = "jackyun-warehouses";
    static final String TOKEN = "console-token-value-1234";
    static final JackyunSimulator jackyun = JackyunSimulator.builder().build().start();
    static final java.nio.file.Path HISTORY = java.nio.file.Path.of("target", "qiao-history", "QiaoConsoleInApplicationTest",
            String.valueOf(ProcessHandle.current().pid()));
    static final long REFUSED = jackyun.warehouses().get(0).warehouseId();

    @DynamicPropertySource
    static void vendor(DynamicPropertyRegistry registry) {
        registry.add("qiao.jackyun.endpoint", () -> jackyun.endpoint().toString());
        registry.add("qiao.jackyun.app-key", jackyun::appKey);
        registry.add("qiao.jackyun.app-secret", jackyun::appSecret);
        // its own history, not the one of every test run in the application temp directory
        registry.add("qiao.console.history-dir", () -> HISTORY.toString());
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
    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirect
    private final ObjectMapper json = new ObjectMapper();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        final AtomicLong refused = new AtomicLong(REFUSED);
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

        /** The host's security, reduced to its effect: an authenticated request has a user principal. */
        @Bean
        Filter testLogin() {
            return (request, response, chain) -> {
                HttpServletRequest r = (HttpServletRequest) request;
                String user = r.getHeader("X-Test-User");
                chain.doFilter(user == null ? r : new HttpServletRequestWrapper(r) {
                    @Override
                    public Principal getUserPrincipal() {
                        return () -> user;
                    }
                }, response);
            };
        }
    }

    @Test
    void pagesAndApi_areServedUnderQiao_andWritesNeedTheHostsLoginOrTheToken() throws Exception {
        SyncReport run = job.runOnce();
        assertThat(run.deadLettered()).isEqualTo(1);

        // Pages: /qiao redirects to /qiao/ (relative URLs), which is the console's HTML page; assets resolve below it.
        HttpResponse<String> bare = get("/qiao");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("/qiao/");
        HttpResponse<String> page = get("/qiao/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Qiao console</title>");
        assertThat(get("/qiao/assets/app.js").statusCode()).isEqualTo(200);

        // The API sees the job, its run and its dead letter.
        JsonNode overview = getJson("/qiao/api/overview?hours=24", 200);
        assertThat(overview.at("/writesEnabled").asBoolean()).isTrue();
        JsonNode p = overview.at("/pipelines/0");
        assertThat(p.at("/name").asText()).isEqualTo(JOB);
        assertThat(p.at("/status/runs").asLong()).isEqualTo(1);
        assertThat(p.at("/status/totalRead").asLong()).isEqualTo(jackyun.warehouses().size());
        assertThat(p.at("/openDeadLetters").asInt()).isEqualTo(1);
        assertThat(getJson("/qiao/api/dead-letters", 200).at("/entries/0/pipeline").asText()).isEqualTo(JOB);

        // Writes: refused without a login or the token, or with a wrong token; the CSRF check stays.
        String replay = "/qiao/api/pipelines/" + JOB + "/replay";
        assertThat(post(replay, null, null).statusCode()).isEqualTo(401);
        assertThat(post(replay, "X-Qiao-Token", "wrong-token-value").statusCode()).isEqualTo(401);
        HttpResponse<String> crossSite = http.send(request(replay).header("X-Qiao-Token", TOKEN)
                .header("Content-Type", "application/json").header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(crossSite.statusCode()).as(crossSite.body()).isEqualTo(403);
        assertThat(crossSite.body()).contains("cross-site");
        assertThat(openDeadLetters()).isEqualTo(1);

        // The host's login allows it: the record is still refused, so it fails again and stays open.
        HttpResponse<String> byLogin = post(replay, "X-Test-User", "operator");
        assertThat(byLogin.statusCode()).as(byLogin.body()).isEqualTo(200);
        assertThat(json.readTree(byLogin.body()).at("/attempted").asInt()).isEqualTo(1);
        assertThat(json.readTree(byLogin.body()).at("/failedAgain").size()).isEqualTo(1);

        // The token allows it too; once the validator accepts the record, the replay resolves it.
        app.refused.set(0);
        HttpResponse<String> byToken = post(replay, "X-Qiao-Token", TOKEN);
        assertThat(byToken.statusCode()).as(byToken.body()).isEqualTo(200);
        assertThat(json.readTree(byToken.body()).at("/resolved").size()).isEqualTo(1);
        assertThat(app.sink.size()).isEqualTo(jackyun.warehouses().size());
        assertThat(openDeadLetters()).isZero();
        assertThat(byToken.body()).doesNotContain(TOKEN);
    }

    @Test
    void theConsoleToken_isMaskedInEnvAndConfigprops() throws Exception {
        String env = get("/actuator/env").body();
        String configprops = get("/actuator/configprops").body();
        assertThat(env).doesNotContain(TOKEN).contains("qiao.console.token");
        assertThat(configprops).doesNotContain(TOKEN);
        JsonNode qiao = json.readTree(configprops).findValue("qiao-io.qiao.spring.boot.QiaoProperties");
        assertThat(qiao.at("/properties/console/token").asText()).isEqualTo("******");
        assertThat(qiao.at("/properties/console/path").asText()).isEqualTo("/qiao");
    }

    private int openDeadLetters() throws Exception {
        return getJson("/qiao/api/overview", 200).at("/pipelines/0/openDeadLetters").asInt();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private JsonNode getJson(String path, int expectedStatus) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(expectedStatus);
        return json.readTree(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON POST, as the page sends it, with one extra header when {@code header} is not null. */
    private HttpResponse<String> post(String path, String header, String value) throws Exception {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json");
        if (header != null) {
            b.header(header, value);
        }
        return http.send(b.POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
