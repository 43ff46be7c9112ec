package io.qiao.archive;

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
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.archive.model.ArchiveRecord;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.testkit.archive.ArchiveFaults;
import io.qiao.testkit.archive.ArchiveSimulator;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 15: the builder vocabulary every client shares, newBuilder() and close(), against the simulator. */
class ArchiveClientShapeTest {

    private static final RetryOptions NO_WAIT = RetryOptions.builder().baseDelay(Duration.ZERO)
            .maxDelay(Duration.ZERO).throttleDelay(Duration.ZERO).build();

    private static ArchiveSimulator simulator() {
        ArchiveSimulator sim = ArchiveSimulator.builder().build().start();
        sim.seedRecord(Map.of("archiveNo", "N-1", "docDate", "2024-03-01", "title", "会议纪要"));
        return sim;
    }

    private static ArchiveClient.Builder client(ArchiveSimulator sim) {
        return ArchiveClient.builder().endpoint(sim.endpoint())
                .credentials(ArchiveCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                .retry(NO_WAIT).rateLimits(RateLimits.none());
    }

    private static List<ArchiveRecord> call(ArchiveClient client) {
        return client.archives().query(ArchiveQuery.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31)))
                .stream().toList();
    }

    @Test
    void addInterceptor_seesTheSignedRequestAndTheRawResponse_oncePerAttempt() {
        try (ArchiveSimulator sim = simulator()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            ArchiveClient archive = client(sim).addInterceptor(chain -> {
                Request request = chain.request();
                Response response = chain.proceed(request);
                seen.add(request.uri().getPath() + " " + response.status() + " signed="
                        + request.header("Authorization").isPresent());
                return response;
            }).build();
            call(archive); // obtains the token first
            seen.clear();
            sim.faults().status(ArchiveFaults.Operation.QUERY, 2, 503);

            call(archive);

            // The 503 is the raw answer of the first attempt; the retry passes through the interceptor again.
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0)).endsWith(" 503 signed=true");
            assertThat(seen.get(1)).endsWith(" 200 signed=true");
        }
    }

    @Test
    void objectMapper_theCallersModuleDecodesTheResults() {
        try (ArchiveSimulator sim = simulator()) {
            ObjectMapper mine = new ObjectMapper().registerModule(new SimpleModule("mine")
                    .addDeserializer(String.class, new Marked()));
            ArchiveClient archive = client(sim).objectMapper(mine).build();

            ArchiveRecord first = call(archive).get(0);

            assertThat(first.title()).isEqualTo("mine:会议纪要");
            assertThat(mine.getRegisteredModuleIds()).as("the caller's mapper is left as it was")
                    .containsExactly("mine");
        }
    }

    @Test
    void newBuilder_derivedClientsShareOneRateLimiter_andEachKeepsItsOwnListener() {
        try (ArchiveSimulator sim = simulator()) {
            Duration interval = Duration.ofMillis(300);
            List<ApiCallEvent> parentEvents = new CopyOnWriteArrayList<>();
            List<ApiCallEvent> derivedEvents = new CopyOnWriteArrayList<>();
            ArchiveClient parent = client(sim).rateLimits(RateLimits.of(RateLimit.of(1, interval)))
                    .listener(parentEvents::add).build();
            ArchiveClient derived = parent.newBuilder().listener(derivedEvents::add).build();

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
        try (ArchiveSimulator sim = simulator()) {
            CountingTransport mine = new CountingTransport();
            ArchiveClient parent = client(sim).transport(mine).build();
            ArchiveClient derived = parent.newBuilder().build();

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
        try (ArchiveSimulator sim = simulator()) {
            ArchiveClient parent = client(sim).build();
            ArchiveClient derived = parent.newBuilder().requestTimeout(Duration.ofSeconds(5)).build();

            parent.close();

            assertThat(call(derived)).hasSize(1);
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
