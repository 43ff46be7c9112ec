package io.qiao.client.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiCallEvent;
import io.qiao.client.ApiException;
import io.qiao.client.internal.HttpPipeline;
import io.qiao.client.QiaoException;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.client.RetryOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenRetryInterceptorTest {
    private final AtomicInteger issued = new AtomicInteger();
    /** The token the fake vendor accepts; anything else is refused like an expired token. */
    private volatile String valid = "t1";
    private final List<String> sentTokens = new CopyOnWriteArrayList<>();
    private final List<Long> sentAt = new CopyOnWriteArrayList<>();
    private final List<ApiCallEvent> events = new CopyOnWriteArrayList<>();

    private final TokenCache<String> tokens = TokenCache.<String>builder(previous -> "t" + issued.incrementAndGet())
            .expiresAt(t -> Instant.MAX).build();

    private HttpPipeline pipeline(RateLimits limits) {
        return pipeline(limits, false);
    }

    private HttpPipeline pipeline(RateLimits limits, boolean afterPermit) {
        TokenRetryInterceptor<String> auth = TokenRetryInterceptor.of(tokens,
                (request, token) -> request.toBuilder().header("Authorization", "Bearer " + token).build(),
                e -> e.httpStatus() == 401);
        return HttpPipeline.builder()
                .retry(RetryOptions.disabled())
                .rateLimits(limits)
                .listener(events::add)
                .authentication(afterPermit ? auth.attachingAfterPermit() : auth)
                .transport(this::vendor)
                .build();
    }

    private Response vendor(Request request) {
        sentAt.add(System.nanoTime());
        String token = request.header("Authorization").orElse("").replace("Bearer ", "");
        sentTokens.add(token);
        return new Response(request, token.equals(valid) ? 200 : 401, Map.of(), "{}".getBytes());
    }

    private static Request call() {
        return Request.get(URI.create("http://vendor.test/api/things")).operation("things").build();
    }

    @Test
    void refusedToken_isInvalidatedAndTheRequestSentOnceMoreWithAFreshOne() {
        HttpPipeline pipeline = pipeline(RateLimits.none());
        pipeline.execute(call());
        valid = "t2"; // the vendor revoked t1

        Response response = pipeline.execute(call());

        assertThat(response.status()).isEqualTo(200);
        assertThat(sentTokens).containsExactly("t1", "t1", "t2");
    }

    @Test
    void refusedTwice_sendsOnceMoreOnly_andThrowsTheSecondRefusal() {
        HttpPipeline pipeline = pipeline(RateLimits.none());
        valid = "never";

        assertThatThrownBy(() -> pipeline.execute(call())).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).httpStatus()).isEqualTo(401));
        assertThat(sentTokens).containsExactly("t1", "t2");
    }

    @Test
    void otherErrors_areNotSentAgain_andKeepTheToken() {
        HttpPipeline pipeline = HttpPipeline.builder().retry(RetryOptions.disabled())
                .authentication(TokenRetryInterceptor.of(tokens, (r, t) -> r.toBuilder().header("T", t).build(),
                        e -> e.httpStatus() == 401))
                .transport(r -> {
                    sentTokens.add(r.header("T").orElseThrow());
                    return new Response(r, 400, Map.of(), "{}".getBytes());
                })
                .build();

        assertThatThrownBy(() -> pipeline.execute(call())).isInstanceOf(ApiException.class);
        assertThat(sentTokens).containsExactly("t1");
        assertThat(tokens.get()).isEqualTo("t1");
    }

    @Test
    void resend_waitsForAPermitOfItsOwn_fromTheSameLimiter() {
        Duration interval = Duration.ofMillis(400);
        HttpPipeline pipeline = pipeline(RateLimits.of(RateLimit.of(1, interval)));
        valid = "t2";

        pipeline.execute(call());

        assertThat(sentTokens).containsExactly("t1", "t2");
        // Half the interval: the two sendings are a permit apart, not back to back, whatever the machine's load.
        assertThat(Duration.ofNanos(sentAt.get(1) - sentAt.get(0))).isGreaterThan(interval.dividedBy(2));
    }

    @Test
    void attachingAfterPermit_readsTheTokenOnceTheRequestHasItsPermit_soItCannotLapseWhileTheRequestWaits() {
        RateLimits oneAnHour = RateLimits.builder().add("default", RateLimit.of(1, Duration.ofHours(1)))
                .maxWait(Duration.ZERO).build();
        HttpPipeline pipeline = pipeline(oneAnHour, true);
        pipeline.execute(call()); // takes the only permit, with t1
        tokens.invalidate("t1"); // t1 lapses: the next request needs a fresh token

        assertThatThrownBy(() -> pipeline.execute(call())).isInstanceOf(QiaoException.class)
                .hasMessageContaining("no rate-limit permit");
        // Read before the permit, the token would have been fetched for a request that waited (here: never went);
        // under a vendor that expires tokens often, the wait outlasted it and even the re-send was refused.
        assertThat(issued.get()).as("tokens fetched").isEqualTo(1);
        assertThat(sentTokens).containsExactly("t1");
    }

    @Test
    void attachingAfterPermit_refusedToken_isSentOnceMoreWithAFreshOne() {
        HttpPipeline pipeline = pipeline(RateLimits.none(), true);
        pipeline.execute(call());
        valid = "t2"; // the vendor revoked t1

        Response response = pipeline.execute(call());

        assertThat(response.status()).isEqualTo(200);
        assertThat(sentTokens).containsExactly("t1", "t1", "t2");
    }

    @Test
    void resend_withoutAFreePermit_isNotSent() {
        RateLimits oneAnHour = RateLimits.builder().add("default", RateLimit.of(1, Duration.ofHours(1)))
                .maxWait(Duration.ZERO).build();
        HttpPipeline pipeline = pipeline(oneAnHour);
        valid = "t2";

        assertThatThrownBy(() -> pipeline.execute(call())).isInstanceOf(QiaoException.class)
                .hasMessageContaining("no rate-limit permit");
        assertThat(sentTokens).containsExactly("t1");
    }

    @Test
    void resend_isReportedToTheListenersAsAnAttemptOfItsOwn() {
        HttpPipeline pipeline = pipeline(RateLimits.none());
        valid = "t2";

        pipeline.execute(call());

        assertThat(events).extracting(ApiCallEvent::outcome)
                .containsExactly(ApiCallEvent.Outcome.API_ERROR, ApiCallEvent.Outcome.SUCCESS);
    }
}
