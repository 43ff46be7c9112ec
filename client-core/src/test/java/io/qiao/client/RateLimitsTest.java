package io.qiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.internal.HttpPipeline;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private static final Request REQUEST = Request.get(URI.create("http://localhost/x")).build();

    private static HttpPipeline pipeline(RateLimits limits, AtomicInteger sent) {
        return HttpPipeline.builder().retry(RetryOptions.disabled()).rateLimits(limits)
                .transport(r -> {
                    sent.incrementAndGet();
                    return new Response(r, 200, java.util.Map.of(), new byte[0]);
                }).build();
    }

    @Test
    void aNegativeOrHugeMaxWaitOrPeriod_isRefusedNamingIt() {
        assertThatThrownBy(() -> RateLimits.builder().maxWait(Duration.ofSeconds(-1)))
                .hasMessage("maxWait must be between 0 and 1 day, was PT-1S");
        assertThatThrownBy(() -> RateLimits.builder().maxWait(Duration.ofDays(99_999_999_999L)))
                .hasMessageStartingWith("maxWait must be between 0 and 1 day");
        assertThatThrownBy(() -> RateLimit.of(1, Duration.ofDays(99_999_999_999L)))
                .hasMessageStartingWith("period must be positive and at most 366 days");
        assertThat(RateLimits.builder().maxWait(Duration.ZERO).build().maxWait()).isZero();
    }

    @Test
    void aWindowOfOnePermitPerHour_letsOneCallThroughAndRefusesTheNextWithinMaxWait() {
        AtomicInteger sent = new AtomicInteger();
        RateLimits limits = RateLimits.builder().add("default", RateLimit.of(1, Duration.ofHours(1)))
                .maxWait(Duration.ZERO).build();
        HttpPipeline p = pipeline(limits, sent);

        p.execute(REQUEST);

        assertThatThrownBy(() -> p.execute(REQUEST)).isInstanceOf(QiaoException.class)
                .hasMessageContaining("no rate-limit permit");
        assertThat(sent).hasValue(1);
    }

    @Test
    void everyWindowApplies_theTightestOneDecides() {
        AtomicInteger sent = new AtomicInteger();
        // 1000/s alone would admit both calls; the 1/hour window must still refuse the second.
        RateLimits limits = RateLimits.builder()
                .add("default", RateLimit.perSecond(1000))
                .add("default", RateLimit.of(1, Duration.ofHours(1)))
                .maxWait(Duration.ZERO).build();
        HttpPipeline p = pipeline(limits, sent);

        p.execute(REQUEST);

        assertThatThrownBy(() -> p.execute(REQUEST)).isInstanceOf(QiaoException.class);
        assertThat(sent).hasValue(1);
    }

    @Test
    void limitsAreSharedByEveryPipelineBuiltWithTheSameRateLimits() {
        AtomicInteger sent = new AtomicInteger();
        RateLimits shared = RateLimits.builder().add("default", RateLimit.of(1, Duration.ofHours(1)))
                .maxWait(Duration.ZERO).build();

        pipeline(shared, sent).execute(REQUEST);

        assertThatThrownBy(() -> pipeline(shared, sent).execute(REQUEST)).isInstanceOf(QiaoException.class);
    }

    @Test
    void endpointClassesHaveTheirOwnLimitsAndFallBackToDefault() {
        AtomicInteger sent = new AtomicInteger();
        RateLimits limits = RateLimits.builder()
                .add("default", RateLimit.of(1, Duration.ofHours(1)))
                .add("upload", RateLimit.of(1, Duration.ofHours(1)))
                .maxWait(Duration.ZERO).build();
        HttpPipeline p = pipeline(limits, sent);

        p.execute(REQUEST);
        p.execute(REQUEST.toBuilder().endpointClass("upload").build());

        assertThat(sent).hasValue(2);
        assertThat(limits.limitsFor("other")).containsExactly(RateLimit.of(1, Duration.ofHours(1)));
    }

    @Test
    void rateLimit_spacesPermitsEvenly() {
        assertThat(RateLimit.perMinute(100).interval()).isEqualTo(Duration.ofMillis(600));
        assertThat(RateLimit.perSecond(5).interval()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void rateLimit_rejectsNonsense() {
        assertThatThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1))).hasMessageContaining("permits");
        assertThatThrownBy(() -> RateLimit.of(1, Duration.ZERO)).hasMessageContaining("period");
    }

    @Test
    void acquire_outsideAClient_drawsFromTheSameWindowsAsTheClientsPipeline() {
        RateLimits limits = RateLimits.builder().add("default", RateLimit.of(1, Duration.ofHours(1)))
                .maxWait(Duration.ZERO).build();
        Request request = Request.get(URI.create("http://127.0.0.1:1/x")).operation("own call").build();

        limits.acquire(request);

        assertThatThrownBy(() -> HttpPipeline.builder().rateLimits(limits).retry(RetryOptions.disabled())
                .transport(r -> new Response(r, 200, java.util.Map.of(), new byte[0])).build().execute(request))
                .isInstanceOf(QiaoException.class)
                .hasMessageStartingWith("own call: no rate-limit permit within PT0S (limits [1/PT1H])");
    }
}
