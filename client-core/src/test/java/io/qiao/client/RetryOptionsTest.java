package io.qiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryOptionsTest {
    private static final Request READ = Request.post(URI.create("http://h/q"), RequestBody.json("{}"))
            .idempotent(true).build();
    private static final Request WRITE = Request.post(URI.create("http://h/c"), RequestBody.json("{}")).build();

    private static ApiException api(boolean retryable, boolean throttled) {
        return ApiException.builder().operation("op").retryable(retryable).throttled(throttled).build();
    }

    @Test
    void backoffDoublesFromBaseDelayUpToMaxDelay() {
        RetryOptions o = RetryOptions.builder().baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(350))
                .jitter(0).build();
        TransportException t = new TransportException("op", "reset", true, null);

        assertThat(o.delayBefore(2, t)).isEqualTo(Duration.ofMillis(100));
        assertThat(o.delayBefore(3, t)).isEqualTo(Duration.ofMillis(200));
        assertThat(o.delayBefore(4, t)).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void jitterStaysWithinItsFactor() {
        RetryOptions o = RetryOptions.builder().baseDelay(Duration.ofMillis(100)).jitter(0.2).build();
        for (int i = 0; i < 200; i++) {
            assertThat(o.delayBefore(2, new TransportException("op", "x", true, null)).toMillis()).isBetween(80L, 120L);
        }
    }

    @Test
    void throttlingWaitsAtLeastTheThrottleDelay() {
        RetryOptions o = RetryOptions.builder().baseDelay(Duration.ofMillis(10)).throttleDelay(Duration.ofSeconds(2))
                .jitter(0).build();

        assertThat(o.delayBefore(2, api(false, true))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterIsCappedByMaxDelay() {
        RetryOptions o = RetryOptions.builder().maxDelay(Duration.ofSeconds(3)).build();
        ApiException e = ApiException.builder().operation("op").throttled(true).retryAfter(Duration.ofHours(1)).build();

        assertThat(o.delayBefore(2, e)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aNegativeRetryAfter_neverMakesANegativeWait() {
        // KIS's create loop sleeps delayBefore itself: a negative wait threw IllegalArgumentException from Thread.sleep
        RetryOptions o = RetryOptions.builder().baseDelay(Duration.ofMillis(100)).throttleDelay(Duration.ofMillis(300))
                .jitter(0).build();
        ApiException e = ApiException.builder().operation("op").throttled(true).retryAfter(Duration.ofSeconds(-5))
                .build();

        assertThat(o.delayBefore(2, e)).as("the throttling wait, as without a Retry-After")
                .isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void idempotentRequestsRetryEveryRetryableError_writesOnlyProvablyUnprocessedOnes() {
        RetryOptions o = RetryOptions.defaults();

        assertThat(o.isRetryable(READ, api(true, false))).isTrue();
        assertThat(o.isRetryable(READ, new TransportException("op", "timeout", true, null))).isTrue();
        assertThat(o.isRetryable(READ, api(false, false))).isFalse();
        assertThat(o.isRetryable(WRITE, api(true, false))).isFalse();
        assertThat(o.isRetryable(WRITE, new TransportException("op", "timeout", true, null))).isFalse();
        assertThat(o.isRetryable(WRITE, new TransportException("op", "refused", false, null))).isTrue();
        assertThat(o.isRetryable(WRITE, api(false, true))).isTrue();
        assertThat(o.isRetryable(READ, new IllegalStateException())).isFalse();
    }

    @Test
    void disabledNeverRetries() {
        assertThat(RetryOptions.disabled().isRetryable(READ, api(true, true))).isFalse();
        assertThat(RetryOptions.disabled().maxAttempts()).isEqualTo(1);
    }

    @Test
    void builderRejectsNonsenseNamingTheSetting() {
        assertThatThrownBy(() -> RetryOptions.builder().maxAttempts(0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryOptions.builder().jitter(1.5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryOptions.builder().baseDelay(Duration.ofSeconds(20)).build())
                .hasMessageContaining("maxDelay");
    }
}
