package io.qiao.jackyun;

import io.qiao.client.HttpTransport;
import io.qiao.client.RateLimit;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

final class TestClients {
    /** 2024-01-01 04:00:00 UTC = 12:00:00 in Beijing. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T04:00:00Z"), ZoneOffset.UTC);

    static RetryOptions fastRetry(int attempts) {
        return RetryOptions.builder().maxAttempts(attempts).baseDelay(Duration.ZERO).maxDelay(Duration.ZERO)
                .throttleDelay(Duration.ZERO).jitter(0).build();
    }

    static JackyunClient.Builder client(HttpTransport transport) {
        return JackyunClient.builder()
                .credentials(JackyunCredentials.of("test_appkey", Secret.of("TEST_SECRET")))
                .endpoint("http://jackyun.test/open/openapi/do")
                .transport(transport)
                .retry(fastRetry(3))
                .rateLimit(RateLimit.perSecond(100_000))
                .clock(CLOCK);
    }

    private TestClients() {
    }
}
