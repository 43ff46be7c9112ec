package io.qiao.testkit.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator checked with hand-made requests, independently of any Qiao client. */
class JushuitanSimulatorTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b
            .documents(200).limitsEnforced(false));

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode post(JushuitanSimulator sim, String path, Map<String, String> fields) throws Exception {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((k, v) -> form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.endpoint() + path))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return MAPPER.createObjectNode().put("http_status", r.statusCode());
        }
        return MAPPER.readTree(r.body());
    }

    private static Map<String, String> signed(JushuitanSimulator sim, Map<String, String> fields) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put("sign", JushuitanHandler.sign(sim.appSecret(), f));
        return f;
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static String token(JushuitanSimulator sim) throws Exception {
        JsonNode r = post(sim, "/openWeb/auth/getInitToken", signed(sim, Map.of("app_key", sim.appKey(),
                "timestamp", now(), "grant_type", "authorization_code", "charset", "utf-8", "code", "ab12cd")));
        assertThat(r.path("code").asInt()).as(r.toString()).isZero();
        return r.path("data").path("access_token").asText();
    }

    private static JsonNode query(JushuitanSimulator sim, String token, String path, String biz) throws Exception {
        return post(sim, path, signed(sim, Map.of("app_key", sim.appKey(), "access_token", token,
                "timestamp", now(), "version", "2", "charset", "utf-8", "biz", biz)));
    }

    @Test
    void sign_followsTheVendorRule_publishedVectorJ1() {
        assertThat(JushuitanHandler.sign("secret", Map.of("timestamp", "100", "app_key", "app", "charset", "utf-8")))
                .isEqualTo("706427ca94e342781ac36d501151cb10");
    }

    @Test
    void token_issuesATokenWithExpiresIn(JushuitanSimulator sim) throws Exception {
        JsonNode r = post(sim, "/openWeb/auth/getInitToken", signed(sim, Map.of("app_key", sim.appKey(),
                "timestamp", now(), "grant_type", "authorization_code", "charset", "utf-8", "code", "ab12cd")));

        assertThat(r.path("data").path("expires_in").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
        assertThat(r.path("data").path("refresh_token").asText()).isNotEmpty();
        assertThat(sim.tokenRequestCount()).isEqualTo(1);
    }

    @Test
    void request_withAWrongSign_isCode10(JushuitanSimulator sim) throws Exception {
        Map<String, String> f = signed(sim, Map.of("app_key", sim.appKey(), "timestamp", now(),
                "grant_type", "authorization_code", "charset", "utf-8", "code", "ab12cd"));
        f.put("code", "changed");

        assertThat(post(sim, "/openWeb/auth/getInitToken", f).path("code").asInt()).isEqualTo(10);
    }

    @Test
    void request_withAStaleTimestamp_isCode140(JushuitanSimulator sim) throws Exception {
        String stale = Long.toString(Instant.now().minus(Duration.ofMinutes(30)).getEpochSecond());
        JsonNode r = post(sim, "/openWeb/auth/getInitToken", signed(sim, Map.of("app_key", sim.appKey(),
                "timestamp", stale, "grant_type", "authorization_code", "charset", "utf-8", "code", "ab12cd")));

        assertThat(r.path("code").asInt()).isEqualTo(140);
    }

    @Test
    void query_withAnUnknownOrExpiredToken_isCode100(JushuitanSimulator sim) throws Exception {
        assertThat(query(sim, "nope", "/open/wms/partner/query", "{}").path("code").asInt()).isEqualTo(100);
        String token = token(sim);
        assertThat(query(sim, token, "/open/wms/partner/query", "{}").path("code").asInt()).isZero();

        sim.expireTokens();

        assertThat(query(sim, token, "/open/wms/partner/query", "{}").path("code").asInt()).isEqualTo(100);
    }

    @Test
    void query_withoutVersion2_isRefused(JushuitanSimulator sim) throws Exception {
        JsonNode r = post(sim, "/open/wms/partner/query", signed(sim, Map.of("app_key", sim.appKey(),
                "access_token", token(sim), "timestamp", now(), "version", "1", "charset", "utf-8", "biz", "{}")));

        assertThat(r.path("code").asInt()).isEqualTo(JushuitanHandler.BAD_PARAMETER);
        assertThat(r.path("msg").asText()).contains("version");
    }

    @Test
    void otherInOut_windowOverSevenDays_isRefused_sevenDaysExactlyIsServed(JushuitanSimulator sim) throws Exception {
        String token = token(sim);
        JsonNode tooLong = query(sim, token, "/open/other/inout/query",
                "{\"modified_begin\":\"2024-05-01 00:00:00\",\"modified_end\":\"2024-05-08 00:00:01\"}");
        JsonNode week = query(sim, token, "/open/other/inout/query",
                "{\"modified_begin\":\"2024-05-01 00:00:00\",\"modified_end\":\"2024-05-08 00:00:00\",\"page_size\":50}");

        assertThat(tooLong.path("code").asInt()).isEqualTo(JushuitanHandler.BAD_PARAMETER);
        assertThat(tooLong.path("msg").asText()).contains("七天");
        assertThat(week.path("code").asInt()).isZero();
        assertThat(week.path("data").path("datas")).hasSize(50);
        assertThat(week.path("data").path("has_next").asBoolean()).isTrue();
        assertThat(week.path("data").path("page_index").asInt()).isEqualTo(1);
    }

    @Test
    void otherInOut_modifiedEndIsInclusive(JushuitanSimulator sim) throws Exception {
        JsonNode r = query(sim, token(sim), "/open/other/inout/query",
                "{\"modified_begin\":\"2024-05-07 12:00:00\",\"modified_end\":\"2024-05-08 00:00:00\",\"page_size\":50}");

        assertThat(r.path("data").path("datas").findValuesAsText("modified")).contains("2024-05-08 00:00:00");
    }

    @Test
    void limits_perMinuteEnforced_withCode200() throws Exception {
        try (JushuitanSimulator strict = JushuitanSimulator.builder().documents(10).limits(1000, 3).build().start()) {
            String token = token(strict);
            assertThat(query(strict, token, "/open/wms/partner/query", "{}").path("code").asInt()).isZero();
            assertThat(query(strict, token, "/open/wms/partner/query", "{}").path("code").asInt()).isZero();

            assertThat(query(strict, token, "/open/wms/partner/query", "{}").path("code").asInt()).isEqualTo(200);
            assertThat(strict.throttledCount()).isEqualTo(1);
        }
    }

    @Test
    void limits_perSecondEnforced_withCode199() throws Exception {
        try (JushuitanSimulator strict = JushuitanSimulator.builder().documents(10).limits(1, 1000).build().start()) {
            String token = token(strict);

            // The token request used the second's only permit; a second's worth of requests is far more than two.
            assertThat(query(strict, token, "/open/wms/partner/query", "{}").path("code").asInt()).isEqualTo(199);
        }
    }

    @Test
    void faults_areInjectedOncePerCount(JushuitanSimulator sim) throws Exception {
        String token = token(sim);
        sim.faults().next("/open/wms/partner/query", JushuitanFault.throttledPerSecond(), 1);

        assertThat(query(sim, token, "/open/wms/partner/query", "{}").path("code").asInt()).isEqualTo(199);
        assertThat(query(sim, token, "/open/wms/partner/query", "{}").path("code").asInt()).isZero();
        assertThat(sim.answerCount(199)).isEqualTo(1);
        assertThat(sim.throttledCount()).as("injected, not enforced").isZero();
    }

    @Test
    void faults_everyNth_keepsFailingUntilCleared(JushuitanSimulator sim) throws Exception {
        String token = token(sim);
        sim.faults().every(2, JushuitanFault.httpStatus(502));
        int failures = 0;
        for (int i = 0; i < 6; i++) {
            if (!query(sim, token, "/open/wms/partner/query", "{}").has("code")) {
                failures++;
            }
        }
        sim.faults().clear();

        assertThat(failures).isEqualTo(3);
        assertThat(query(sim, token, "/open/wms/partner/query", "{}").path("code").asInt()).isZero();
    }

    @Test
    void upload_isIdempotentByExternalId(JushuitanSimulator sim) throws Exception {
        String token = token(sim);
        String biz = "{\"external_id\":\"X-1\",\"type\":\"in\",\"warehouse\":1,\"remark\":\"r\","
                + "\"items\":[{\"sku_id\":\"SKU-001\",\"qty\":2}]}";
        JsonNode a = query(sim, token, "/open/jushuitan/otherinout/upload", biz);
        JsonNode b = query(sim, token, "/open/jushuitan/otherinout/upload", biz);

        assertThat(a.path("data").path("data").path("io_id").asLong()).isPositive()
                .isEqualTo(b.path("data").path("data").path("io_id").asLong());
        assertThat(sim.otherInOutCount()).isEqualTo(201);
    }

    @Test
    void dataSet_isDeterministic_andHasBoundaryDocuments() {
        JushuitanDataSet a = new JushuitanDataSet(MAPPER, 7, LocalDateTime.of(2024, 5, 1, 0, 0), Duration.ofDays(28), 500);
        JushuitanDataSet b = new JushuitanDataSet(MAPPER, 7, LocalDateTime.of(2024, 5, 1, 0, 0), Duration.ofDays(28), 500);

        assertThat(a.otherInOut()).hasSize(500);
        assertThat(a.otherInOut()).extracting(d -> d.json().toString())
                .containsExactlyElementsOf(b.otherInOut().stream().map(d -> d.json().toString()).toList());
        assertThat(a.otherInOut()).extracting(SimDocument::modified).contains(
                a.start(), a.start().plusDays(7), a.start().plusDays(7).minusSeconds(1), a.start().plusDays(21));
        assertThat(a.otherInOut().stream().filter(d -> d.modified().equals(a.start().plusDays(1).plusHours(12))).count())
                .isGreaterThanOrEqualTo(JushuitanDataSet.TIE_RUN);
        assertThat(a.otherInOut()).allMatch(d -> !d.modified().isBefore(a.start()) && d.modified().isBefore(a.end()));
        java.util.Set<String> catalogue = new java.util.HashSet<>();
        a.skus().forEach(s -> catalogue.add(s.skuId()));
        assertThat(a.otherInOut()).allSatisfy(d -> d.json().get("items")
                .forEach(item -> assertThat(catalogue).contains(item.get("sku_id").asText())));
    }
}
