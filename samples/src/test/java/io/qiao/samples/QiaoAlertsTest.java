package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: {@code qiao sync --alert ...} posts a failed run to each configured robot, in its format. */
class QiaoAlertsTest {
    private static final String TOKEN = "tok-9f3a7c";
    private static final String SECRET = "SECdingtalk-secret-42";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Posted> posted = new CopyOnWriteArrayList<>();

    record Posted(String path, String query, JsonNode body) {
    }

    record Result(int exit, String printed) {
    }

    @BeforeEach
    void startRobot() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            posted.add(new Posted(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    new ObjectMapper().readTree(body)));
            byte[] answer = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopRobot() {
        server.stop(0);
    }

    private String robot(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    /** Pipeline 1 against a 吉客云 endpoint nobody listens on: the run fails. */
    private Result failingSync(Map<String, String> extraEnv, String... options) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("QIAO_JACKYUN_ENDPOINT", "http://127.0.0.1:1/open/openapi/do");
        env.put("QIAO_JACKYUN_APP_KEY", "my-app-key");
        env.put("QIAO_JACKYUN_APP_SECRET", "my-app-secret");
        return qiao(env, Stream.concat(Stream.of("sync", "jackyun-warehouses-to-mysql"), Stream.of(options))
                .toArray(String[]::new));
    }

    private Result qiao(Map<String, String> env, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of(argv), Stream.of("--state-dir", dir.toString())).toArray(String[]::new);
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Qiao.run(all, ps, ps, env, false, Clock.systemUTC());
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void failedRun_withJsonAlert_postsOneRunFailedReport() {
        Result r = failingSync(Map.of(), "--alert", "json:" + robot("/hooks/qiao"));

        assertThat(r.exit()).as(r.printed()).isEqualTo(Qiao.FAILED);
        assertThat(posted).hasSize(1);
        JsonNode body = posted.get(0).body();
        assertThat(posted.get(0).path()).isEqualTo("/hooks/qiao");
        assertThat(body.path("source").asText()).isEqualTo("qiao");
        assertThat(body.path("kind").asText()).isEqualTo("RUN_FAILED");
        assertThat(body.path("job").asText()).isEqualTo("jackyun-warehouses-to-mysql");
        assertThat(body.path("report").path("status").asText()).isEqualTo("FAILED");
        assertThat(body.toString()).doesNotContain("my-app-secret");
    }

    @Test
    void failedRun_withDingTalkAlertAndSecret_postsOneSignedTextMessage_andNeverPrintsTokenOrSecret()
            throws Exception {
        Result r = failingSync(Map.of("QIAO_ALERT_DINGTALK_SECRET", SECRET),
                "--alert", "dingtalk:" + robot("/robot/send?access_token=" + TOKEN));

        assertThat(r.exit()).as(r.printed()).isEqualTo(Qiao.FAILED);
        assertThat(posted).hasSize(1);
        Posted p = posted.get(0);
        assertThat(p.path()).isEqualTo("/robot/send");
        Map<String, String> query = query(p.query());
        assertThat(query).containsEntry("access_token", TOKEN).containsKeys("timestamp", "sign");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((query.get("timestamp") + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(query.get("sign")).isEqualTo(expected);
        assertThat(p.body().path("msgtype").asText()).isEqualTo("text");
        assertThat(p.body().path("text").path("content").asText()).contains("jackyun-warehouses-to-mysql")
                .contains("运行失败").doesNotContain(TOKEN).doesNotContain(SECRET);
        assertThat(r.printed()).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void failedRun_withWeComAndJsonAlerts_postsOneMessageToEach() {
        Result r = failingSync(Map.of(), "--alert", "wecom:" + robot("/cgi-bin/webhook/send?key=wk-1"),
                "--alert=json:" + robot("/hooks/qiao"));

        assertThat(r.exit()).as(r.printed()).isEqualTo(Qiao.FAILED);
        assertThat(posted).hasSize(2);
        Posted wecom = posted.stream().filter(p -> p.path().equals("/cgi-bin/webhook/send")).findFirst().orElseThrow();
        assertThat(wecom.query()).isEqualTo("key=wk-1"); // WeCom robots are not signed
        assertThat(wecom.body().path("msgtype").asText()).isEqualTo("text");
        assertThat(wecom.body().path("text").path("content").asText()).contains("运行失败");
        assertThat(posted).anyMatch(p -> p.path().equals("/hooks/qiao")
                && p.body().path("kind").asText().equals("RUN_FAILED"));
    }

    @Test
    void alertsFromTheEnvironment_areUsedLikeTheOption() {
        Result r = failingSync(Map.of("QIAO_ALERT", "json:" + robot("/a") + "  json:" + robot("/b")));

        assertThat(r.exit()).as(r.printed()).isEqualTo(Qiao.FAILED);
        assertThat(posted).extracting(Posted::path).containsExactlyInAnyOrder("/a", "/b");
    }

    @Test
    void runWithDeadLetters_postsOneDeadLettersAlert() {
        Result r = qiao(Map.of(), "sync", "db-documents-to-archive", "--simulate", "--alert",
                "json:" + robot("/hooks/qiao"));

        // the demo documents include three invalid ones: they dead-letter, which is an alert of its own kind
        assertThat(r.exit()).as(r.printed()).isEqualTo(Qiao.DEAD_LETTERS);
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).body().path("kind").asText()).isEqualTo("DEAD_LETTERS");
        assertThat(posted.get(0).body().path("report").path("deadLettered").asInt()).isEqualTo(3);
    }

    @Test
    void robotUnreachable_leavesTheRunsExitStatusAsItWas_andPrintsNoToken() {
        Result r = qiao(Map.of("QIAO_ALERT_DINGTALK_SECRET", SECRET), "sync", "db-documents-to-archive",
                "--simulate", "--alert", "dingtalk:http://127.0.0.1:1/robot/send?access_token=" + TOKEN);

        assertThat(r.exit()).as(r.printed()).isEqualTo(Qiao.DEAD_LETTERS);
        assertThat(r.printed()).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void badAlert_isUsageError64_namingTheOptionAndTheForms_withoutItsToken() {
        for (String bad : List.of("slack:https://hooks.example/x?token=" + TOKEN,
                "dingtalk:ftp://oapi.dingtalk.com/robot/send?access_token=" + TOKEN,
                "https://oapi.dingtalk.com/robot/send?access_token=" + TOKEN,
                "json:not a url", "wecom:https:///nohost?key=" + TOKEN)) {
            Result r = qiao(Map.of(), "sync", "db-documents-to-archive", "--simulate", "--alert", bad);

            assertThat(r.exit()).as(bad + ": " + r.printed()).isEqualTo(Qiao.USAGE);
            assertThat(r.printed()).contains("--alert").contains("dingtalk:<webhook>, wecom:<webhook> or json:<url>")
                    .doesNotContain(TOKEN);
        }
        Result fromEnv = qiao(Map.of("QIAO_ALERT", "teams:https://x"), "status");
        assertThat(fromEnv.exit()).isEqualTo(Qiao.USAGE);
        assertThat(posted).isEmpty();
    }

    @Test
    void redacted_masksEveryQueryValueAndUserInfo() {
        assertThat(Alerts.redacted("https://u:p@oapi.dingtalk.com/robot/send?access_token=abc&x=1"))
                .isEqualTo("https://******@oapi.dingtalk.com/robot/send?access_token=******&x=******");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            m.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }
}
