package io.qiao.sync.observe;

import io.qiao.sync.MovingClock;
import io.qiao.sync.store.LeaseHolder;
import io.qiao.sync.Position;
import io.qiao.sync.SyncReport;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.qiao.client.ApiException;
import io.qiao.client.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookAlerterTest {
    private static final String SECRET = "SEC0123456789abcdefDING";
    private static final String TOKEN = "tok9f8e7d6c5b4a";

    private static final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final MovingClock clock =
            new MovingClock(Instant.parse("2024-05-01T00:00:00Z"));
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void start() {
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void stubs() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/robot/send")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        server.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        server.stubFor(post(urlPathEqualTo("/hooks/qiao")).willReturn(okJson("{}")));
    }

    private URI url(String pathAndQuery) {
        return URI.create(server.baseUrl() + pathAndQuery);
    }

    private SyncReport failedReport(String job) {
        ApiException e = ApiException.builder().operation("kis.save").httpStatus(500).vendorCode("E500")
                .vendorMessage("internal error, app_secret=" + SECRET).build();
        return new SyncReport(job, SyncReport.Status.FAILED, clock.instant(), Duration.ofSeconds(3), 2, 5, 120, 100, 3,
                0, 2, Position.at(Instant.parse("2024-04-30T00:00:00Z")), Position.at(Instant.parse("2024-04-30T12:00:00Z")),
                "[2024-04-30T12:00:00Z, 2024-05-01T00:00:00Z)", e, false);
    }

    private SyncReport okReport(String job, long deadLetters) {
        return new SyncReport(job, deadLetters > 0 ? SyncReport.Status.PARTIAL : SyncReport.Status.SUCCEEDED,
                clock.instant(), Duration.ofSeconds(1), 1, 1, 10, 10 - deadLetters, deadLetters, 0, 0, null,
                Position.at(clock.instant()), null, null, false);
    }

    @Test
    void dingTalk_failedRun_postsASignedTextMessage_withoutSecrets() throws Exception {
        WebhookAlerter alerter = WebhookAlerter.dingTalk(url("/robot/send?access_token=" + TOKEN))
                .secret(Secret.of(SECRET)).clock(clock).build();

        alerter.runFinished(failedReport("jst-inout"));

        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/robot/send")));
        assertThat(sent).hasSize(1);
        LoggedRequest r = sent.get(0);
        String timestamp = r.queryParameter("timestamp").firstValue();
        assertThat(timestamp).isEqualTo(Long.toString(clock.instant().toEpochMilli()));
        assertThat(r.queryParameter("access_token").firstValue()).isEqualTo(TOKEN);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expectedSign = Base64.getEncoder().encodeToString(
                mac.doFinal((timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
        String rawSign = r.getUrl().replaceAll(".*[?&]sign=([^&]*).*", "$1");
        assertThat(URLDecoder.decode(rawSign, StandardCharsets.UTF_8)).isEqualTo(expectedSign);

        JsonNode body = mapper.readTree(r.getBodyAsString());
        assertThat(body.get("msgtype").asText()).isEqualTo("text");
        String content = body.get("text").get("content").asText();
        assertThat(content).startsWith("【Qiao 同步告警】 jst-inout\n运行失败")
                .contains("E500").contains("[2024-04-30T12:00:00Z, 2024-05-01T00:00:00Z)")
                .contains("写入 written 100").contains("时间 time: 2024-05-01 08:00:00");
        assertThat(r.getBodyAsString()).doesNotContain(SECRET).doesNotContain(TOKEN);
    }

    @Test
    void alerts_areRateLimitedPerJobAndKind_andTheNextOneCountsWhatWasHeldBack() throws Exception {
        WebhookAlerter alerter = WebhookAlerter.weCom(url("/cgi-bin/webhook/send?key=abc")).clock(clock)
                .minInterval(Duration.ofMinutes(10)).build();

        alerter.runFinished(failedReport("a"));
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        alerter.runFinished(failedReport("a"));
        alerter.runFinished(failedReport("a"));
        alerter.runFinished(failedReport("b"));
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send")))).hasSize(2);

        clock.now = clock.now.plus(Duration.ofMinutes(10));
        alerter.runFinished(failedReport("a"));

        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send")));
        assertThat(sent).hasSize(3);
        String last = mapper.readTree(sent.get(2).getBodyAsString()).get("text").get("content").asText();
        assertThat(last).contains(" a\n").contains("2 similar alerts held back");
    }

    @Test
    void json_deadLettersOverThreshold_andStaleJob() throws Exception {
        WebhookAlerter alerter = WebhookAlerter.json(url("/hooks/qiao")).clock(clock).deadLetterThreshold(5)
                .staleAfter(Duration.ofHours(2)).build();

        alerter.runFinished(okReport("orders", 4));
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/hooks/qiao")))).isEmpty();
        alerter.runFinished(okReport("orders", 5));
        clock.now = clock.now.plus(Duration.ofHours(3));
        alerter.runFinished(failedReport("orders"));

        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/hooks/qiao")));
        assertThat(sent).extracting(r -> {
            try {
                return mapper.readTree(r.getBodyAsString()).get("kind").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).containsExactly("DEAD_LETTERS", "RUN_FAILED", "NOT_SUCCEEDED");
        JsonNode deadLetters = mapper.readTree(sent.get(0).getBodyAsString());
        assertThat(deadLetters.get("job").asText()).isEqualTo("orders");
        assertThat(deadLetters.get("report").get("deadLettered").asLong()).isEqualTo(5);
        JsonNode failed = mapper.readTree(sent.get(1).getBodyAsString());
        assertThat(failed.get("report").get("error").asText()).contains("app_secret=******").doesNotContain(SECRET);
        assertThat(mapper.readTree(sent.get(2).getBodyAsString()).get("message").asText()).contains("3 h");
    }

    @Test
    void leaseHeldSkip_alertsNothing_andIsNoSuccess() throws Exception {
        WebhookAlerter alerter = WebhookAlerter.json(url("/hooks/qiao")).clock(clock)
                .staleAfter(Duration.ofHours(2)).build();
        alerter.runFinished(okReport("orders", 0));
        clock.now = clock.now.plus(Duration.ofHours(3));

        alerter.runFinished(SyncReport.leaseHeld("orders", clock.instant(),
                new LeaseHolder("orders", "pod-b", clock.instant().plusSeconds(60))));
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/hooks/qiao")))).isEmpty();
        alerter.runFinished(failedReport("orders"));

        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/hooks/qiao")))).extracting(r -> {
            try {
                return mapper.readTree(r.getBodyAsString()).get("kind").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).containsExactly("RUN_FAILED", "NOT_SUCCEEDED");  // the skip did not count as the job succeeding
    }

    @Test
    void mentionAll_usesEachRobotsOwnField() throws Exception {
        WebhookAlerter.dingTalk(url("/robot/send?access_token=t")).mentionAll(true).clock(clock).build()
                .runFinished(failedReport("a"));
        WebhookAlerter.weCom(url("/cgi-bin/webhook/send?key=k")).mentionAll(true).clock(clock).build()
                .runFinished(failedReport("a"));

        JsonNode ding = mapper.readTree(server.findAll(postRequestedFor(urlPathEqualTo("/robot/send"))).get(0).getBodyAsString());
        JsonNode wecom = mapper.readTree(server.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send")))
                .get(0).getBodyAsString());
        assertThat(ding.get("at").get("isAtAll").asBoolean()).isTrue();
        assertThat(wecom.get("text").get("mentioned_list").get(0).asText()).isEqualTo("@all");
    }

    @Test
    void unreachableWebhook_isLogged_neverThrown() {
        WebhookAlerter alerter = WebhookAlerter.json(URI.create("http://127.0.0.1:1/hook")).clock(clock).build();

        alerter.runFinished(failedReport("x"));
        alerter.checkStale("x", null);
    }
}
