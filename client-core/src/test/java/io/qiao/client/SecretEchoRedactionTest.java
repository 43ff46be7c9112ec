package io.qiao.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.qiao.client.internal.HttpPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A vendor that echoes the client's own secret or token: nothing that leaves the client carries it. */
class SecretEchoRedactionTest {
    private static final String SECRET = "abc123secretvalue0987";
    private static final String TOKEN = "tok9f8e7d6c5b4a3210ff";

    @Test
    void rememberedValues_areMaskedWholeUrlEncodedBase64AndInParts() {
        Redactor r = Redactor.defaults().remember(SECRET).remember(Secret.of("p@ss/word+1"));

        assertThat(r.text("bad secret " + SECRET + "!")).isEqualTo("bad secret ******!");
        assertThat(r.text("sig base " + URLEncoder.encode("p@ss/word+1", StandardCharsets.UTF_8)))
                .isEqualTo("sig base ******");
        assertThat(r.text("auth " + Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("auth ******");
        assertThat(r.text("secret starts abc123secre...")).isEqualTo("secret starts ******...");
        assertThat(r.text("nothing here")).isEqualTo("nothing here");
        assertThat(r.with("custom").text("x " + SECRET)).isEqualTo("x ******"); // derived redactors share values
        assertThat(Redactor.defaults().text("x " + SECRET)).contains(SECRET); // a fresh one knows nothing
    }

    @Test
    void tooShortValues_areNotRememberedBecauseTheyCannotBeToldFromText() {
        assertThat(Redactor.defaults().remember("abc").text("abc def")).isEqualTo("abc def");
    }

    @Test
    void aVendorErrorEchoingTheSecretAndAToken_leavesThePipelineWithoutThem() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathEqualTo("/open/x")).willReturn(aResponse().withStatus(500)
                .withBody("{\"code\":500,\"msg\":\"invalid sign for secret " + SECRET + " with token " + TOKEN
                        + "\"}")));
        Redactor redactor = Redactor.defaults().remember(SECRET);
        redactor.remember(TOKEN); // obtained at run time, after the client was built
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ApiException e;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            HttpPipeline pipeline = HttpPipeline.builder().redactor(redactor).retry(RetryOptions.disabled()).build();
            e = catchThrowableOfType(() -> pipeline.execute(Request.post(URI.create(server.baseUrl() + "/open/x"),
                    RequestBody.form(Map.of("page_index", "1"))).build()), ApiException.class);
        } finally {
            System.setErr(originalErr);
            server.stop();
        }

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(e.getMessage()).contains("invalid sign for secret ******");
        for (String leaked : new String[] {e.getMessage(), e.toString(), e.vendorMessage(), trace.toString(), log}) {
            assertThat(leaked).doesNotContain(SECRET).doesNotContain(TOKEN);
        }
        assertThat(log).contains("<-- ");
    }

    @Test
    void redact_masksTheCauseChainAndTheExcerptToo() {
        DecodeException inner = new DecodeException("op", "bad " + TOKEN, "{\"x\":\"" + TOKEN + "\"}", null);
        QiaoException outer = new QiaoException("wrapped: " + inner.getMessage(), inner);

        outer.redact(Redactor.defaults().remember(TOKEN));

        assertThat(outer.getMessage()).doesNotContain(TOKEN);
        assertThat(inner.getMessage()).doesNotContain(TOKEN);
        assertThat(inner.excerpt()).doesNotContain(TOKEN);
    }

    @Test
    void aBodyThatIsNotJsonAndQuotesAToken_leavesNoTokenInTheDecodeErrorOrItsCause() {
        Json json = new Json(Json.newMapper(), Redactor.defaults().remember(TOKEN));

        DecodeException e = catchThrowableOfType(() -> json.tree("op",
                (TOKEN + " is not valid").getBytes(StandardCharsets.UTF_8)), DecodeException.class);

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(TOKEN).contains("JsonParseException");
    }
}
