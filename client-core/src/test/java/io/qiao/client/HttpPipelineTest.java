package io.qiao.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.qiao.client.internal.HttpPipeline;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpPipelineTest {
    private static final RetryOptions FAST = RetryOptions.builder()
            .maxAttempts(3).baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5))
            .throttleDelay(Duration.ofMillis(1)).build();

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpPipeline pipeline(RetryOptions retry, ApiCallListener... listeners) {
        return pipeline(retry, Duration.ofSeconds(30), listeners);
    }

    /** A generous timeout by default: a loaded CI machine must not turn a slow answer into a test failure. */
    private HttpPipeline pipeline(RetryOptions retry, Duration timeout, ApiCallListener... listeners) {
        HttpPipeline.Builder b = HttpPipeline.builder().retry(retry)
                .transport(JdkHttpTransport.builder().requestTimeout(timeout).build());
        for (ApiCallListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    @Test
    void execute_5xx_isRetryableApiExceptionAfterAllAttempts() {
        server.stubFor(get("/x").willReturn(aResponse().withStatus(503).withBody("{\"msg\":\"busy\"}")));

        assertThatThrownBy(() -> pipeline(FAST).execute(Request.get(uri("/x")).operation("x.get").build()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.operation()).isEqualTo("x.get");
                });
        server.verify(3, getRequestedFor(urlEqualTo("/x")));
    }

    @Test
    void execute_transient5xxThenSuccess_returnsTheSuccess() {
        server.stubFor(get("/x").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
        server.stubFor(get("/x").inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("fine")));

        Response r = pipeline(FAST).execute(Request.get(uri("/x")).build());

        assertThat(r.bodyString()).isEqualTo("fine");
        server.verify(2, getRequestedFor(urlEqualTo("/x")));
    }

    @Test
    void execute_4xx_isNotRetried() {
        server.stubFor(get("/x").willReturn(aResponse().withStatus(400)));

        assertThatThrownBy(() -> pipeline(FAST).execute(Request.get(uri("/x")).build()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isRetryable()).isFalse());
        server.verify(1, getRequestedFor(urlEqualTo("/x")));
    }

    @Test
    void execute_nonIdempotentWriteFailingWith5xx_isNotRetried() {
        server.stubFor(post("/create").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> pipeline(FAST).execute(
                Request.post(uri("/create"), RequestBody.json("{}")).build()))
                .isInstanceOf(ApiException.class);
        server.verify(1, postRequestedFor(urlEqualTo("/create")));
    }

    @Test
    void execute_nonIdempotentWriteThrottled_isRetriedBecauseTheVendorRefusedIt() {
        server.stubFor(post("/create").inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        server.stubFor(post("/create").inScenario("t").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201)));

        Response r = pipeline(FAST).execute(Request.post(uri("/create"), RequestBody.json("{}")).build());

        assertThat(r.status()).isEqualTo(201);
        server.verify(2, postRequestedFor(urlEqualTo("/create")));
    }

    @Test
    void execute_idempotentPostIsRetriedOnTimeout() {
        server.stubFor(post("/query").inScenario("q").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFixedDelay(5_000)).willSetStateTo("ok"));
        server.stubFor(post("/query").inScenario("q").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("page")));

        Response r = pipeline(FAST, Duration.ofMillis(300)).execute(
                Request.post(uri("/query"), RequestBody.json("{}")).idempotent(true).build());

        assertThat(r.bodyString()).isEqualTo("page");
    }

    @Test
    void execute_throttledWithRetryAfter_waitsWhatTheVendorAsked() {
        server.stubFor(get("/x").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        ApiException e = (ApiException) org.assertj.core.api.Assertions.catchThrowable(() ->
                pipeline(RetryOptions.disabled()).execute(Request.get(uri("/x")).build()));

        assertThat(e.isThrottled()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(RetryOptions.defaults().delayBefore(2, e)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void execute_reportsEveryAttemptToListeners() {
        server.stubFor(get("/x").willReturn(aResponse().withStatus(503)));
        List<ApiCallEvent> events = new ArrayList<>();

        assertThatThrownBy(() -> pipeline(FAST, events::add).execute(Request.get(uri("/x")).operation("op").build()));

        assertThat(events).extracting(ApiCallEvent::attempt).containsExactly(1, 2, 3);
        assertThat(events).allSatisfy(ev -> {
            assertThat(ev.outcome()).isEqualTo(ApiCallEvent.Outcome.API_ERROR);
            assertThat(ev.httpStatus()).isEqualTo(503);
        });
    }

    @Test
    void vendorInterceptor_seesErrorStatusesFirst_soItsOwnEnvelopeWins() {
        server.stubFor(get("/x").willReturn(aResponse().withStatus(400).withBody("{\"code\":\"E42\",\"msg\":\"bad\"}")));
        Json json = Json.create();
        HttpPipeline p = HttpPipeline.builder().retry(RetryOptions.disabled()).interceptor(chain -> {
            Response r = chain.proceed(chain.request());
            JsonNode n = json.tree(chain.request().operation(), r.body());
            if (n.hasNonNull("code")) {
                throw ApiException.builder().operation(chain.request().operation()).httpStatus(r.status())
                        .vendorCode(n.get("code").asText()).vendorMessage(n.path("msg").asText()).build();
            }
            return r;
        }).build();

        assertThatThrownBy(() -> p.execute(Request.get(uri("/x")).operation("x").build()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.vendorCode()).isEqualTo("E42"))
                .hasMessage("x failed: HTTP 400, code E42 - bad");
    }

    @Test
    void malformedJson_becomesDecodeExceptionWithRedactedExcerpt() {
        Json json = Json.create();
        byte[] body = "{\"access_token\":\"tok-123456\",\"data\":[1,2".getBytes();

        assertThatThrownBy(() -> json.tree("orders.list", body))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.excerpt()).contains("access_token").doesNotContain("tok-123456");
                    assertThat(e.getMessage()).contains("orders.list").doesNotContain("tok-123456");
                });
    }
}
