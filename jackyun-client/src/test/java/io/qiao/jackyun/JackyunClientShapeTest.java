package io.qiao.jackyun;

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
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 15: the builder vocabulary every client shares, newBuilder() and close(), against the simulator. */
class JackyunClientShapeTest {

    private static JackyunClient.Builder client(JackyunSimulator sim) {
        return JackyunClient.builder().endpoint(sim.endpoint())
                .credentials(JackyunCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                .retry(TestClients.fastRetry(3)).rateLimit(RateLimit.perSecond(100_000));
    }

    @Test
    void addInterceptor_seesTheSignedRequestAndTheRawResponse_oncePerAttempt() {
        try (JackyunSimulator sim = JackyunSimulator.builder().build().start()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            JackyunClient jackyun = client(sim).addInterceptor(chain -> {
                Request request = chain.request();
                Response response = chain.proceed(request);
                String body = request.body().text().orElse("");
                seen.add(response.status() + " signed=" + body.contains("sign=") + " stamped=" + body.contains("timestamp="));
                return response;
            }).build();
            sim.faults().next(JackyunFault.httpStatus(503), 1);

            jackyun.call("erp.warehouse.get", "{\"pageIndex\":0,\"pageSize\":10}", true);

            // The 503 is the raw answer of the first attempt; the retry passes through the interceptor again.
            assertThat(seen).containsExactly("503 signed=true stamped=true", "200 signed=true stamped=true");
            assertThat(sim.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void objectMapper_theCallersModuleDecodesTheResults() {
        try (JackyunSimulator sim = JackyunSimulator.builder().build().start()) {
            ObjectMapper mine = new ObjectMapper().registerModule(new SimpleModule("mine")
                    .addDeserializer(String.class, new Marked()));
            JackyunClient jackyun = client(sim).objectMapper(mine).build();

            Warehouse first = jackyun.warehouses().list(WarehouseQuery.all()).iterator().next();

            assertThat(first.warehouseName()).startsWith("mine:");
            assertThat(mine.getRegisteredModuleIds()).as("the caller's mapper is left as it was")
                    .containsExactly("mine");
        }
    }

    @Test
    void newBuilder_derivedClientsShareOneRateLimiter_andEachKeepsItsOwnListener() {
        try (JackyunSimulator sim = JackyunSimulator.builder().build().start()) {
            Duration interval = Duration.ofMillis(300);
            List<ApiCallEvent> parentEvents = new CopyOnWriteArrayList<>();
            List<ApiCallEvent> derivedEvents = new CopyOnWriteArrayList<>();
            JackyunClient parent = client(sim).rateLimit(RateLimit.of(1, interval)).listener(parentEvents::add).build();
            JackyunClient derived = parent.newBuilder().listener(derivedEvents::add).build();

            long start = System.nanoTime();
            for (int i = 0; i < 2; i++) {
                parent.call("erp.warehouse.get", "{}", true);
                derived.call("erp.warehouse.get", "{}", true);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            // 4 calls on one limiter of one permit per 300 ms: at least 3 intervals. Two limiters would allow ~1.
            assertThat(elapsed).isGreaterThanOrEqualTo(interval.multipliedBy(3).minusMillis(60));
            assertThat(parentEvents).as("the parent's listener, inherited by the derived client").hasSize(4);
            assertThat(derivedEvents).as("the listener added to the derived client hears only it").hasSize(2);
        }
    }

    @Test
    void close_ofOneDerivedClient_leavesTheOtherWorking_andNeverClosesTheCallersTransport() {
        try (JackyunSimulator sim = JackyunSimulator.builder().build().start()) {
            CountingTransport mine = new CountingTransport();
            JackyunClient parent = client(sim).transport(mine).build();
            JackyunClient derived = parent.newBuilder().build();

            parent.close();

            assertThatThrownBy(() -> parent.call("erp.warehouse.get", "{}", true))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThat(derived.call("erp.warehouse.get", "{}", true)).isNotNull();
            derived.close();
            assertThat(mine.closes).hasValue(0);
            assertThat(mine.sends).hasValue(1);
        }
    }

    @Test
    void close_ofTheParent_leavesADerivedClientOnTheDefaultTransportWorking() {
        try (JackyunSimulator sim = JackyunSimulator.builder().build().start()) {
            JackyunClient parent = client(sim).build();
            JackyunClient derived = parent.newBuilder().requestTimeout(Duration.ofSeconds(5)).build();

            parent.close();

            assertThat(derived.call("erp.warehouse.get", "{}", true)).isNotNull();
            assertThatThrownBy(() -> parent.call("erp.warehouse.get", "{}", true))
                    .isInstanceOf(IllegalStateException.class);
            derived.close();
            assertThatThrownBy(() -> derived.call("erp.warehouse.get", "{}", true))
                    .isInstanceOf(IllegalStateException.class);
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
