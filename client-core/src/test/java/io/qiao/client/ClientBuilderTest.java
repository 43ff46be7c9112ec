package io.qiao.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.qiao.client.internal.HttpPipeline;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientBuilderTest {

    /** The smallest vendor builder: what a client's build() does with the common settings. */
    static final class TestBuilder extends ClientBuilder<TestBuilder> {
        TestBuilder(AtomicInteger defaultsMade) {
            super(() -> {
                defaultsMade.incrementAndGet();
                return RateLimits.of(RateLimit.perSecond(7));
            });
        }

        ClientSettings build() {
            return settings();
        }

        TestBuilder copy() {
            TestBuilder c = new TestBuilder(new AtomicInteger());
            c.copyCommonSettings(this);
            return c;
        }

        /** What a client's newBuilder() does: this builder's settings, and the built client's shared resources. */
        TestBuilder derive(ClientSettings built) {
            TestBuilder c = copy();
            c.shareResourcesOf(built);
            return c;
        }
    }

    @Test
    void theVendorsDefaultRateLimits_areMadeOnce_andSharedByEveryClientOfTheBuilder() {
        AtomicInteger made = new AtomicInteger();
        TestBuilder b = new TestBuilder(made);

        ClientSettings first = b.build();
        ClientSettings second = b.build();

        assertThat(made).hasValue(1);
        assertThat(second.rateLimits()).isSameAs(first.rateLimits());
        assertThat(b.copy().build().rateLimits()).as("a derived builder, same account").isSameAs(first.rateLimits());
    }

    @Test
    void givenRateLimits_replaceTheVendorsDefault() {
        AtomicInteger made = new AtomicInteger();
        RateLimits mine = RateLimits.none();

        ClientSettings s = new TestBuilder(made).rateLimits(mine).build();

        assertThat(s.rateLimits()).isSameAs(mine);
        assertThat(made).hasValue(0);
    }

    @Test
    void theDefaultTransport_usesTheRequestTimeout() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        try {
            server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(3_000)));
            ClientSettings s = new TestBuilder(new AtomicInteger()).requestTimeout(Duration.ofMillis(200)).build();

            assertThatThrownBy(() -> s.transport().send(Request.get(URI.create(server.baseUrl() + "/slow")).build()))
                    .isInstanceOf(TransportException.class).hasMessageContaining("request timeout");
        } finally {
            server.stop();
        }
    }

    @Test
    void eachClientGetsItsOwnDefaultTransport_butAGivenOneIsUsedAsIs() {
        TestBuilder b = new TestBuilder(new AtomicInteger());
        assertThat(b.build().transport()).isNotSameAs(b.build().transport());

        HttpTransport mine = request -> new Response(request, 204, java.util.Map.of(), new byte[0]);
        assertThat(b.transport(mine).build().transport()).isSameAs(mine);
    }

    @Test
    void thePipeline_carriesListenersRetryAndClock() {
        List<ApiCallEvent> events = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC);
        ClientSettings s = new TestBuilder(new AtomicInteger())
                .transport(request -> new Response(request, 200, java.util.Map.of(), new byte[0]))
                .listener(events::add).retry(RetryOptions.disabled()).clock(clock).build();

        s.pipeline().build().execute(Request.get(URI.create("http://127.0.0.1:1/x")).operation("op").build());

        assertThat(events).singleElement().satisfies(e -> assertThat(e.operation()).isEqualTo("op"));
        assertThat(s.retry().maxAttempts()).isEqualTo(1);
        assertThat(s.clock()).isSameAs(clock);
    }

    @Test
    void timeoutsThatAreNotPositive_areRefusedNamingTheSetting() {
        TestBuilder b = new TestBuilder(new AtomicInteger());

        assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> b.requestTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout must be positive");
        assertThatThrownBy(() -> b.listener(null)).isInstanceOf(NullPointerException.class).hasMessage("listener");
    }

    @Test
    void durationsBeyondTheirBound_areRefusedNamingTheSetter() {
        TestBuilder b = new TestBuilder(new AtomicInteger());

        assertThatThrownBy(() -> b.connectTimeout(Duration.ofMinutes(11)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("connectTimeout must be at most PT10M, was PT11M");
        assertThatThrownBy(() -> b.requestTimeout(Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("requestTimeout must be at most PT10M, was PT720H");
        assertThatThrownBy(() -> JdkHttpTransport.builder().requestTimeout(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("requestTimeout must be at most");
        assertThatThrownBy(() -> RetryOptions.builder().maxDelay(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxDelay must be at most PT1H");
        assertThatThrownBy(() -> PagingLimits.builder().timeBudgetPerWindow(Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("timeBudgetPerWindow must be at most PT24H");
        // the bounds themselves are accepted
        b.connectTimeout(JdkHttpTransport.MAX_CONNECT_TIMEOUT).requestTimeout(JdkHttpTransport.MAX_REQUEST_TIMEOUT);
        RetryOptions.builder().baseDelay(RetryOptions.MAX_DELAY).maxDelay(RetryOptions.MAX_DELAY).build();
    }

    @Test
    void aDerivedBuilder_sharesTheDefaultTransportAndTheLimiters_andMayChangeListenersAndTimeouts() {
        ClientSettings parent = new TestBuilder(new AtomicInteger()).build();

        ClientSettings derived = new TestBuilder(new AtomicInteger()).copy().derive(parent)
                .requestTimeout(Duration.ofSeconds(3)).listener(e -> { }).build();

        assertThat(derived.transport()).isSameAs(parent.transport());
        assertThat(derived.rateLimits()).isSameAs(parent.rateLimits());
        assertThat(derived.listeners()).hasSize(1);
        assertThat(parent.listeners()).isEmpty();
    }

    @Test
    void aDerivedBuilderWithAnotherConnectTimeout_getsATransportOfItsOwn() {
        ClientSettings parent = new TestBuilder(new AtomicInteger()).build();

        ClientSettings derived = parent(parent).connectTimeout(Duration.ofSeconds(2)).build();

        assertThat(derived.transport()).isNotSameAs(parent.transport());
        assertThat(derived.rateLimits()).isSameAs(parent.rateLimits());
    }

    @Test
    void eachClientAppliesItsOwnRequestTimeout_onASharedDefaultTransport() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        try {
            server.stubFor(get("/slow").willReturn(aResponse().withFixedDelay(1_500)));
            ClientSettings patient = new TestBuilder(new AtomicInteger()).retry(RetryOptions.disabled()).build();
            ClientSettings hasty = parent(patient).requestTimeout(Duration.ofMillis(200)).build();
            Request slow = Request.get(URI.create(server.baseUrl() + "/slow")).operation("slow").build();

            assertThatThrownBy(() -> hasty.pipeline().build().execute(slow))
                    .isInstanceOf(TransportException.class).hasMessageContaining("request timeout");
            assertThat(patient.pipeline().build().execute(slow).status()).isEqualTo(200);
            assertThat(hasty.transport()).isSameAs(patient.transport());
        } finally {
            server.stop();
        }
    }

    @Test
    void addInterceptor_runsAfterTheVendorsInterceptors_onceForEveryAttempt() {
        List<String> seen = new ArrayList<>();
        AtomicInteger sends = new AtomicInteger();
        ClientSettings s = new TestBuilder(new AtomicInteger())
                .transport(request -> new Response(request, sends.incrementAndGet() == 1 ? 503 : 200,
                        java.util.Map.of(), new byte[0]))
                .retry(RetryOptions.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ZERO).build())
                .addInterceptor(chain -> {
                    Response r = chain.proceed(chain.request());
                    seen.add("first " + chain.request().header("X-Sign").orElse("unsigned") + " " + r.status());
                    return r;
                })
                .addInterceptor(chain -> {
                    seen.add("second");
                    return chain.proceed(chain.request());
                })
                .build();
        HttpPipeline pipeline = s.pipeline()
                .interceptor(chain -> chain.proceed(chain.request().toBuilder()
                        .header("X-Sign", "attempt-" + chain.request().attempt()).build()))
                .build();

        Response r = pipeline.execute(Request.get(URI.create("http://127.0.0.1:1/x")).operation("x").build());

        assertThat(r.status()).isEqualTo(200);
        // The raw 503 of the first attempt is seen before the status check turns it into a retried ApiException.
        assertThat(seen).containsExactly("second", "first attempt-1 503", "second", "first attempt-2 200");
    }

    @Test
    void objectMapper_isCopied_withQiaosSettingsOnTop_andTheCallersMapperIsLeftAlone() {
        com.fasterxml.jackson.databind.ObjectMapper mine = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

        com.fasterxml.jackson.databind.ObjectMapper used = new TestBuilder(new AtomicInteger()).objectMapper(mine)
                .build().objectMapper();

        assertThat(used).isNotSameAs(mine);
        assertThat(used.isEnabled(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)).isTrue();
        assertThat(used.isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
                .as("vendors add fields").isFalse();
        assertThat(used.getRegisteredModuleIds()).isNotEmpty();
        assertThat(mine.isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
                .isTrue();
        assertThat(mine.getRegisteredModuleIds()).isEmpty();
    }

    private static TestBuilder parent(ClientSettings built) {
        return new TestBuilder(new AtomicInteger()).derive(built);
    }
}
