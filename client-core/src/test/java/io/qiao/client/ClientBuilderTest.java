package io.qiao.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
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
}
