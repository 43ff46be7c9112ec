package io.qiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shape every vendor client shares (issue 15), run against each vendor's simulator: the builder vocabulary of
 * {@link ClientBuilder}, user interceptors, the caller's {@link ObjectMapper}, {@code newBuilder()} sharing the
 * transport and the rate limiters, {@code close()} never closing a transport the caller passed in, and credentials
 * that never print their secret. A vendor module extends it once, in its tests, with a few hooks.
 *
 * <p>It lives in client-core's test-jar, which every vendor module already uses in test scope, so it reaches no
 * user's runtime.
 *
 * @param <S> the vendor's simulator
 * @param <B> the vendor client's builder
 * @param <C> the vendor client
 */
public abstract class ClientShapeContract<S extends AutoCloseable, B extends ClientBuilder<B>, C extends AutoCloseable> {

    /** A started simulator holding at least one record for {@link #call}. */
    protected abstract S startSimulator();

    /** A builder for {@code sim}: endpoint and credentials set, retries without waiting, no rate limits. */
    protected abstract B builder(S sim);

    protected abstract C build(B builder);

    protected abstract B newBuilder(C client);

    /** The address clients are built with for {@code sim}. */
    protected abstract URI endpoint(S sim);

    /** The credentials {@link #builder} sets, and the secrets inside them. */
    protected abstract Object credentials(S sim);

    protected abstract List<String> secrets(S sim);

    /** One call through a typed resource; returns a text field of the first record, as decoded. */
    protected abstract String call(C client);

    /** Makes the next call of {@link #call}'s operation answer HTTP 503 once. */
    protected abstract void failNextCallOnce(S sim);

    /** Whether {@code request} carries the vendor's signature (so an interceptor runs after signing). */
    protected abstract boolean isSigned(Request request);

    /**
     * A mapper that marks the strings it decodes with {@code "mine:"}. The default registers a String deserializer;
     * a vendor that reads records as trees overrides it (with a node factory, say).
     */
    protected ObjectMapper markingMapper() {
        return new ObjectMapper().registerModule(new SimpleModule("mine").addDeserializer(String.class, new Marked()));
    }

    @Test
    void addInterceptor_seesTheSignedRequestAndTheRawResponse_oncePerAttempt() throws Exception {
        try (S sim = startSimulator()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            try (C client = build(builder(sim).addInterceptor(chain -> {
                Request request = chain.request();
                Response response = chain.proceed(request);
                seen.add(response.status() + " signed=" + isSigned(request));
                return response;
            }))) {
                call(client); // a token, where the vendor has one, is fetched here
                seen.clear();
                failNextCallOnce(sim);

                call(client);
            }

            // The 503 is the raw answer of the first attempt; the retry passes through the interceptor again.
            assertThat(seen).containsExactly("503 signed=true", "200 signed=true");
        }
    }

    @Test
    void objectMapper_theCallersMapperDecodesTheResults_andIsLeftAsItWas() throws Exception {
        ObjectMapper mine = markingMapper();
        Set<Object> modules = Set.copyOf(mine.getRegisteredModuleIds());
        try (S sim = startSimulator(); C client = build(builder(sim).objectMapper(mine))) {
            assertThat(call(client)).startsWith("mine:");
            assertThat(mine.getRegisteredModuleIds()).containsExactlyInAnyOrderElementsOf(modules);
        }
    }

    @Test
    void endpoint_givenAsText_isWhereTheClientSends() throws Exception {
        try (S sim = startSimulator();
                // Nothing listens on port 9: if the text setter were ignored, the call would fail.
                C client = build(builder(sim).endpoint(URI.create("http://127.0.0.1:9/"))
                        .endpoint(endpoint(sim).toString()))) {
            assertThat(call(client)).isNotNull();
        }
    }

    @Test
    void credentials_toString_neverShowsTheSecret() throws Exception {
        try (S sim = startSimulator()) {
            String printed = credentials(sim).toString();

            assertThat(secrets(sim)).isNotEmpty().allSatisfy(secret -> {
                assertThat(secret).isNotBlank();
                assertThat(printed).doesNotContain(secret);
            });
        }
    }

    @Test
    void newBuilder_derivedClientSharesTheRateLimiter() throws Exception {
        CountingTransport mine = new CountingTransport();
        // One permit a day and no waiting: whoever takes it first leaves none for anybody on the same limiter.
        RateLimits onePermit = RateLimits.builder().add("default", RateLimit.of(1, Duration.ofDays(1)))
                .maxWait(Duration.ZERO).build();
        try (S sim = startSimulator(); C base = build(builder(sim).transport(mine))) {
            call(base); // fetches the token, where the vendor has one
            try (C parent = build(newBuilder(base).rateLimits(onePermit)); C derived = build(newBuilder(parent))) {
                int before = mine.sends.get();
                Throwable parentRefused = null;
                if (derivedClientsShareTheToken()) {
                    call(parent);
                    assertThat(mine.sends).as("the parent's call took the one permit").hasValue(before + 1);
                } else {
                    // The parent obtains a token of its own: the token request or the call takes the one permit,
                    // and the other finds none.
                    parentRefused = catchThrowable(() -> call(parent));
                    assertThat(parentRefused).hasMessageContaining("rate-limit permit");
                }
                int sent = mine.sends.get();

                Throwable refused = catchThrowable(() -> call(derived));

                assertThat(refused).isInstanceOf(QiaoException.class).hasMessageContaining("rate-limit permit");
                assertThat(mine.sends).as("the derived client found the shared limiter empty").hasValue(sent);
                if (parentRefused != null) {
                    // With limiters of its own, the derived client would be refused where the parent was, after its
                    // first request took a permit. On the shared limiter that first request gets none.
                    assertThat(refused.getMessage()).isNotEqualTo(parentRefused.getMessage());
                }
            }
        }
    }

    /** Whether clients derived with {@code newBuilder()} use the token their parent obtained (KIS's and archive's do not). */
    protected boolean derivedClientsShareTheToken() {
        return true;
    }

    @Test
    void newBuilder_derivedClientInheritsTheListener_andOneAddedToItHearsOnlyIt() throws Exception {
        List<ApiCallEvent> parentEvents = new CopyOnWriteArrayList<>();
        List<ApiCallEvent> derivedEvents = new CopyOnWriteArrayList<>();
        try (S sim = startSimulator(); C parent = build(builder(sim).listener(parentEvents::add));
                C derived = build(newBuilder(parent).listener(derivedEvents::add))) {

            call(parent);
            int parentOnly = parentEvents.size();
            call(derived);

            assertThat(parentOnly).isPositive();
            assertThat(derivedEvents).isNotEmpty();
            assertThat(parentEvents).as("the parent's listener hears both clients")
                    .hasSize(parentOnly + derivedEvents.size());
        }
    }

    @Test
    void close_ofOneDerivedClient_leavesTheOtherWorking_andNeverClosesTheCallersTransport() throws Exception {
        try (S sim = startSimulator()) {
            CountingTransport mine = new CountingTransport();
            C parent = build(builder(sim).transport(mine));
            C derived = build(newBuilder(parent));

            parent.close();

            assertThatThrownBy(() -> call(parent)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThat(call(derived)).isNotNull();
            derived.close();
            assertThat(mine.sends).as("the derived client sent through the caller's transport").hasPositiveValue();
            assertThat(mine.closes).hasValue(0);
        }
    }

    @Test
    void close_ofTheParent_leavesADerivedClientOnTheDefaultTransportWorking() throws Exception {
        try (S sim = startSimulator()) {
            C parent = build(builder(sim));
            C derived = build(newBuilder(parent).requestTimeout(Duration.ofSeconds(5)));

            parent.close();

            assertThat(call(derived)).isNotNull();
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
