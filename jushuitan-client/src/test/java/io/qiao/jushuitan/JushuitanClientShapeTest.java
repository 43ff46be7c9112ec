package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.qiao.client.ApiCallEvent;
import io.qiao.client.HttpTransport;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.WarehousePartner;
import io.qiao.testkit.jushuitan.JushuitanFault;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 15: the builder vocabulary every client shares, newBuilder() and close(), against the simulator. */
class JushuitanClientShapeTest {
    private static final String PARTNERS = "/open/wms/partner/query";
    private static final RetryOptions FAST_RETRY = RetryOptions.builder().baseDelay(Duration.ofMillis(1))
            .maxDelay(Duration.ofMillis(5)).throttleDelay(Duration.ofMillis(1)).build();

    private static JushuitanSimulator simulator() {
        return JushuitanSimulator.builder().documents(3).limitsEnforced(false).build().start();
    }

    private static JushuitanClient.Builder client(JushuitanSimulator sim) {
        return JushuitanClient.builder().endpoint(sim.endpoint())
                .credentials(JushuitanCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                .retry(FAST_RETRY).rateLimits(RateLimits.none());
    }

    private static void call(JushuitanClient client) {
        client.call(PARTNERS, java.util.Map.of("page_index", 1, "page_size", 30), true);
    }

    @Test
    void addInterceptor_seesTheSignedRequestAndTheRawResponse_oncePerAttempt() {
        try (JushuitanSimulator sim = simulator()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            JushuitanClient jst = client(sim).addInterceptor(chain -> {
                Request request = chain.request();
                Response response = chain.proceed(request);
                String body = request.body().text().orElse("");
                seen.add(request.uri().getPath() + " " + response.status() + " signed=" + body.contains("sign=")
                        + " token=" + body.contains("access_token="));
                return response;
            }).build();
            sim.faults().next(PARTNERS, JushuitanFault.httpStatus(503), 1);

            call(jst);

            // The token request passes through too; the 503 is the raw answer of the first attempt, and the retry
            // passes through the interceptor again.
            assertThat(seen).filteredOn(s -> s.startsWith(PARTNERS))
                    .containsExactly(PARTNERS + " 503 signed=true token=true", PARTNERS + " 200 signed=true token=true");
            assertThat(seen).filteredOn(s -> !s.startsWith(PARTNERS)).singleElement().asString()
                    .contains("200 signed=true");
        }
    }

    @Test
    void objectMapper_theCallersModuleDecodesTheResults() {
        try (JushuitanSimulator sim = simulator()) {
            ObjectMapper mine = new ObjectMapper().registerModule(new SimpleModule("mine")
                    .addDeserializer(String.class, new Marked()));
            JushuitanClient jst = client(sim).objectMapper(mine).build();

            WarehousePartner first = jst.warehouses().list().iterator().next();

            assertThat(first.name()).startsWith("mine:");
            assertThat(mine.getRegisteredModuleIds()).as("the caller's mapper is left as it was")
                    .containsExactly("mine");
        }
    }

    @Test
    void newBuilder_derivedClientsShareOneRateLimiter_andEachKeepsItsOwnListener() {
        try (JushuitanSimulator sim = simulator()) {
            Duration interval = Duration.ofMillis(300);
            List<ApiCallEvent> parentEvents = new CopyOnWriteArrayList<>();
            List<ApiCallEvent> derivedEvents = new CopyOnWriteArrayList<>();
            JushuitanClient parent = client(sim).rateLimits(RateLimits.of(RateLimit.of(1, interval)))
                    .listener(parentEvents::add).build();
            JushuitanClient derived = parent.newBuilder().listener(derivedEvents::add).build();
            assertThat(derived.rateLimits()).isSameAs(parent.rateLimits());

            long start = System.nanoTime();
            for (int i = 0; i < 2; i++) {
                call(parent);
                call(derived);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            // Every request (the business calls and each client's token call) took a permit from one limiter of one
            // permit per 300 ms. Two limiters would have let the two clients go side by side.
            // The parent's listener, inherited by the derived client, saw every request of both.
            int requests = parentEvents.size();
            assertThat(requests).isGreaterThanOrEqualTo(4);
            assertThat(elapsed).isGreaterThanOrEqualTo(interval.multipliedBy(requests - 1).minusMillis(60));
            assertThat(derivedEvents).as("the listener added to the derived client hears only it")
                    .hasSizeBetween(2, requests - 2);
        }
    }

    @Test
    void close_ofOneDerivedClient_leavesTheOtherWorking_andNeverClosesTheCallersTransport() {
        try (JushuitanSimulator sim = simulator()) {
            CountingTransport mine = new CountingTransport();
            JushuitanClient parent = client(sim).transport(mine).build();
            JushuitanClient derived = parent.newBuilder().build();

            parent.close();

            assertThatThrownBy(() -> call(parent)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            call(derived);
            derived.close();
            assertThat(mine.closes).hasValue(0);
            assertThat(mine.sends).as("the derived client's token call and its call").hasValue(2);
        }
    }

    @Test
    void close_ofTheParent_leavesADerivedClientOnTheDefaultTransportWorking() {
        try (JushuitanSimulator sim = simulator()) {
            JushuitanClient parent = client(sim).build();
            JushuitanClient derived = parent.newBuilder().requestTimeout(Duration.ofSeconds(5)).build();

            parent.close();

            call(derived);
            assertThatThrownBy(() -> call(parent)).isInstanceOf(IllegalStateException.class);
            derived.close();
            assertThatThrownBy(() -> call(derived)).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Marks every string the mapper reads, so that a result shows which mapper decoded it. */
    static final class Marked extends StdDeserializer<String> {
        Marked() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return "mine:" + p.getValueAsString();
        }
    }

    /** The caller's own transport: counts sends and closes. */
    static final class CountingTransport implements HttpTransport, AutoCloseable {
        final JdkHttpTransport delegate = JdkHttpTransport.create();
        final AtomicInteger sends = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public Response send(Request request) {
            sends.incrementAndGet();
            return delegate.send(request);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
