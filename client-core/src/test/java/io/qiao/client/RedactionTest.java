package io.qiao.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.qiao.client.internal.HttpPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final String SECRET = "S3cr3t-app-secret-9f8e";
    private static final String TOKEN = "tok-0123456789abcdef";
    private static final String SIGN = "d41d8cd98f00b204e9800998ecf8427e";

    @Test
    void debugLogOfARequestCarryingSecretTokenAndSign_showsNoneOfThem() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/open/x")).willReturn(aResponse().withStatus(200)
                .withBody("{\"code\":0,\"data\":{\"access_token\":\"" + TOKEN + "\",\"refresh_token\":\"" + TOKEN + "\"}}")));
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Map<String, String> form = new LinkedHashMap<>();
            form.put("app_key", "my-app-key");
            form.put("app_secret", SECRET);
            form.put("access_token", TOKEN);
            form.put("biz", "{\"appSecret\":\"" + SECRET + "\",\"page_index\":1}");
            form.put("sign", SIGN);
            HttpPipeline.builder().build().execute(Request.post(URI.create(server.baseUrl() + "/open/x?token=" + TOKEN),
                            RequestBody.form(form))
                    .header("Authorization", "Bearer " + TOKEN).build());
        } finally {
            System.setErr(originalErr);
            server.stop();
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("--> ").contains("<-- ").contains("my-app-key").contains("page_index");
        assertThat(log).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain(SIGN);
    }

    @Test
    void namesMatchWhateverTheirSpelling() {
        Redactor r = Redactor.defaults();

        assertThat(r.isSensitive("app_secret")).isTrue();
        assertThat(r.isSensitive("appSecret")).isTrue();
        assertThat(r.isSensitive("APP-SECRET")).isTrue();
        assertThat(r.isSensitive("X-Api-Signature")).isTrue();
        assertThat(r.isSensitive("app_key")).isFalse();
    }

    @Test
    void text_masksJsonPropertiesAndFormParameters() {
        Redactor r = Redactor.defaults().with("db_user");

        assertThat(r.text("{\"accessToken\" : \"abc\", \"n\":1, \"password\":12345}"))
                .isEqualTo("{\"accessToken\":\"******\", \"n\":1, \"password\":\"******\"}");
        assertThat(r.text("a=1&sign=XYZ&db_user=root")).isEqualTo("a=1&sign=******&db_user=******");
        assertThat(r.headers(Map.of("Authorization", List.of("Bearer x")))).isEqualTo("{Authorization: ******}");
    }

    @Test
    void secretToStringIsMasked_andRequestToStringShowsNoHeaders() {
        Secret s = Secret.of(SECRET);
        Request req = Request.get(URI.create("http://h/p?access_token=" + TOKEN)).header("Authorization", TOKEN).build();

        assertThat(s.toString()).doesNotContain(SECRET);
        assertThat(s.reveal()).isEqualTo(SECRET);
        assertThat(s).isEqualTo(Secret.of(SECRET)).isNotEqualTo(Secret.of("other"));
        assertThat(req.toString()).doesNotContain(TOKEN);
    }

    @Test
    void text_handlesHugeEscapedJsonStringsWithoutStackOverflow() {
        String inner = "{\\\"goods\\\":\\\"" + "x".repeat(200_000) + "\\\"}";
        String body = "{\"code\":200,\"result\":{\"data\":\"" + inner + "\"},\"token\":\"t-1\"}";

        String redacted = Redactor.defaults().text(body);

        assertThat(redacted).endsWith("\"token\":\"******\"}").hasSize(body.length() + 3);
    }
}
