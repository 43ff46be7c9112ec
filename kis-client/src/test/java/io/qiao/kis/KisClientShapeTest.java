package io.qiao.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qiao.client.ApiCallEvent;
import io.qiao.client.HttpTransport;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.kis.model.Material;
import io.qiao.kis.model.MaterialQuery;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 15: the builder vocabulary every client shares, newBuilder() and close(), against the simulator. */
class KisClientShapeTest {

    private static KisSimulator simulator() {
        KisSimulator sim = KisSimulator.builder().build().start();
        sim.addMaterial("SKU-A", "商品A", "PCS");
        return sim;
    }

    private static KisClient.Builder client(KisSimulator sim) {
        return KisClient.builder().endpoint(sim.endpoint()).credentials(KisTestSupport.credentials(sim))
                .retry(KisTestSupport.NO_WAIT).rateLimits(RateLimits.none()).clock(sim.clock());
    }

    private static List<Material> call(KisClient client) {
        return client.materials().list(MaterialQuery.all()).stream().toList();
    }

    @Test
    void addInterceptor_seesTheSignedRequestAndTheRawResponse_oncePerAttempt() {
        try (KisSimulator sim = simulator()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            KisClient kis = client(sim).addInterceptor(chain -> {
                Request request = chain.request();
                Response response = chain.proceed(request);
                seen.add(request.uri().getPath() + " " + response.status() + " signed="
                        + request.header("KIS-AuthData").isPresent());
                return response;
            }).build();
            call(kis); // obtains the token first
            seen.clear();
            sim.injectFault(KisOperation.LIST_MATERIALS, KisFault.UNAVAILABLE_BEFORE_PROCESSING);

            call(kis);

            // The 503 is the raw answer of the first attempt; the retry passes through the interceptor again.
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0)).endsWith(" 503 signed=true");
            assertThat(seen.get(1)).endsWith(" 200 signed=true");
        }
    }

    @Test
    void objectMapper_theCallersModuleDecodesTheResults() {
        try (KisSimulator sim = simulator()) {
            // KIS rows are read as trees, field by field: the caller's node factory is what shows in a result.
            ObjectMapper mine = new ObjectMapper().setNodeFactory(new JsonNodeFactory(false) {
                @Override
                public TextNode textNode(String text) {
                    return super.textNode("商品A".equals(text) ? "mine:" + text : text);
                }
            });
            KisClient kis = client(sim).objectMapper(mine).build();

            Material first = call(kis).get(0);

            assertThat(first.name()).isEqualTo("mine:商品A");
            assertThat(mine.getRegisteredModuleIds()).as("the caller's mapper is left as it was").isEmpty();
        }
    }

    @Test
    void newBuilder_derivedClientsShareOneRateLimiter_andEachKeepsItsOwnListener() {
        try (KisSimulator sim = simulator()) {
            Duration interval = Duration.ofMillis(300);
            List<ApiCallEvent> parentEvents = new CopyOnWriteArrayList<>();
            List<ApiCallEvent> derivedEvents = new CopyOnWriteArrayList<>();
            KisClient parent = client(sim).rateLimits(RateLimits.of(RateLimit.of(1, interval)))
                    .listener(parentEvents::add).build();
            KisClient derived = parent.newBuilder().listener(derivedEvents::add).build();
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
        try (KisSimulator sim = simulator()) {
            CountingTransport mine = new CountingTransport();
            KisClient parent = client(sim).transport(mine).build();
            KisClient derived = parent.newBuilder().build();

            parent.close();

            assertThatThrownBy(() -> call(parent)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThat(call(derived)).hasSize(1);
            derived.close();
            assertThat(mine.closes).hasValue(0);
            assertThat(mine.sends).as("the derived client's token call and its call").hasValue(2);
        }
    }

    @Test
    void close_ofTheParent_leavesADerivedClientOnTheDefaultTransportWorking() {
        try (KisSimulator sim = simulator()) {
            KisClient parent = client(sim).build();
            KisClient derived = parent.newBuilder().requestTimeout(Duration.ofSeconds(5)).build();

            parent.close();

            assertThat(call(derived)).hasSize(1);
            assertThatThrownBy(() -> call(parent)).isInstanceOf(IllegalStateException.class);
            derived.close();
            assertThatThrownBy(() -> call(derived)).isInstanceOf(IllegalStateException.class);
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
