package io.qiao.archive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.qiao.client.PagedIterable;
import io.qiao.client.PagingException;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.testkit.archive.ArchiveFaults.Operation;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSimulatorExtension;
import io.qiao.testkit.archive.SimulatedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pages(...)} and {@code call(...)}: any archive API with the typed query's paging, guard and pipeline. */
class ArchivePagesTest {
    @RegisterExtension
    static ArchiveSimulatorExtension archive = new ArchiveSimulatorExtension();

    private static final String QUERY = "/api/archive/query";
    private static final Map<String, Object> MARCH = Map.of("startDate", "2024-03-01", "endDate", "2024-03-31");
    private static final RetryOptions NO_WAIT = RetryOptions.builder().baseDelay(Duration.ZERO)
            .maxDelay(Duration.ZERO).jitter(0).throttleDelay(Duration.ZERO).build();

    private static ArchiveClient client(String endpoint) {
        return ArchiveClient.builder().endpoint(endpoint)
                .credentials(ArchiveCredentials.of("app", Secret.of("app-secret"))).retry(NO_WAIT).build();
    }

    private static ArchiveClient client() {
        ArchiveSimulator sim = archive.simulator();
        return ArchiveClient.builder().endpoint(sim.endpoint())
                .credentials(ArchiveCredentials.of(sim.appKey(), Secret.of(sim.appSecret()))).retry(NO_WAIT).build();
    }

    private static void seedMarch(int n) {
        for (int i = 1; i <= n; i++) {
            archive.simulator().seedRecord(Map.of("archiveNo", "N-" + i, "docDate", "2024-03-0" + i, "title", "t"));
        }
    }

    private static List<String> queriesSent() {
        return archive.simulator().requests().stream().filter(r -> r.path().endsWith(QUERY))
                .map(SimulatedRequest::url).toList();
    }

    private static Map<String, Object> with(Map<String, Object> base, String k, Object v) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(base);
        m.put(k, v);
        return m;
    }

    @Test
    void pages_walksPageFromOneWithTheCallersPageSize_untilTheReportedTotal() {
        seedMarch(5);

        List<JsonNode> records = client().pages(QUERY, with(MARCH, "pageSize", 2)).stream().toList();

        assertThat(records).extracting(r -> r.path("archiveNo").asText())
                .containsExactly("N-1", "N-2", "N-3", "N-4", "N-5");
        assertThat(queriesSent()).hasSize(3).allSatisfy(u -> assertThat(u).contains("startDate=2024-03-01")
                .contains("endDate=2024-03-31").contains("pageSize=2"));
        assertThat(queriesSent()).extracting(u -> u.replaceAll(".*[?&]page=(\\d+).*", "$1"))
                .containsExactly("1", "2", "3");
    }

    @Test
    void pages_isLazy_sendingNothingBeforeIteration() {
        seedMarch(1);
        ArchiveClient client = client();

        PagedIterable<JsonNode> records = client.pages(QUERY, MARCH);

        assertThat(archive.simulator().requestCount(Operation.QUERY)).isZero();
        assertThat(records.iterator().hasNext()).isTrue();
        assertThat(archive.simulator().requestCount(Operation.QUERY)).isEqualTo(1);
        assertThat(queriesSent()).singleElement().asString().contains("pageSize=100");
    }

    @Test
    void pages_goThroughTheClientsPipeline_aServerErrorOnAPageIsRetried() {
        seedMarch(3);
        archive.simulator().faults().status(Operation.QUERY, 1, 503);

        assertThat(client().pages(QUERY, MARCH).stream().count()).isEqualTo(3);
        assertThat(archive.simulator().requestCount(Operation.QUERY)).isEqualTo(2);
    }

    @Test
    void pages_refuseTheParameterThePagerSets_andABadPath() {
        ArchiveClient client = client();

        assertThatThrownBy(() -> client.pages(QUERY, with(MARCH, "page", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'page'");
        assertThatThrownBy(() -> client.pages(QUERY, with(MARCH, "pageSize", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> client.pages("api/archive/query", MARCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
        assertThat(archive.simulator().requestCount(Operation.QUERY)).isZero();
    }

    @Test
    void call_postsTheBodyWithTheTokenAndReturnsTheAnswer() {
        JsonNode answer = client().call("/api/archive/create", Map.of("archiveNo", "C-1", "title", "t",
                "author", "办公室", "docDate", "2024-03-01", "retentionPeriod", "永久"));

        assertThat(answer.toString()).contains("archiveId");
        assertThat(archive.simulator().record("C-1")).isPresent();
        SimulatedRequest create = archive.simulator().requests().stream()
                .filter(r -> r.path().endsWith("/api/archive/create")).findFirst().orElseThrow();
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.header("Authorization")).startsWith("Bearer ");
    }

    @Test
    void pages_anEndpointBelowAPath_whoseAnswerRepeatsItsPageForEver_isStoppedWithPagingException() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        try {
            server.stubFor(post(urlPathEqualTo("/archive/api/auth/token")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"accessToken\":\"t-1\",\"expiresIn\":3600,\"tokenType\":\"Bearer\"}")));
            // A borrowing list the typed API lacks, ignoring the page number and reporting far more records.
            server.stubFor(get(urlPathEqualTo("/archive/api/borrow/list")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"total\":1000,\"records\":[{\"id\":1},{\"id\":2}]}")));
            ArchiveClient client = client("http://127.0.0.1:" + server.port() + "/archive");

            assertThatThrownBy(() -> client.pages("/api/borrow/list", Map.of("pageSize", 2, "reader", "张三"))
                    .forEach(r -> { }))
                    .isInstanceOf(PagingException.class)
                    .hasMessageContaining("archive system /api/borrow/list page 2");
            List<LoggedRequest> sent = server.findAll(getRequestedFor(urlPathEqualTo("/archive/api/borrow/list")));
            assertThat(sent).extracting(r -> r.queryParameter("page").firstValue()).containsExactly("1", "2");
            assertThat(sent).allSatisfy(r -> {
                assertThat(r.queryParameter("pageSize").firstValue()).isEqualTo("2");
                assertThat(r.queryParameter("reader").firstValue()).isEqualTo("张三");
                assertThat(r.getHeader("Authorization")).isEqualTo("Bearer t-1");
            });
        } finally {
            server.stop();
        }
    }
}
