package io.qiao.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseTest {
    private static final Request REQUEST = Request.post(URI.create("http://h/q"), RequestBody.json("{}")).build();

    private static Response withRetryAfter(String value) {
        return new Response(REQUEST, 429, Map.of("Retry-After", List.of(value)), new byte[0]);
    }

    @Test
    void retryAfter_readsWholeSeconds() {
        assertThat(withRetryAfter(" 7 ").retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(withRetryAfter("0").retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void retryAfter_negativeOrNotANumber_isNoRetryAfterAtAll() {
        // a vendor's "Retry-After: -5" once reached Thread.sleep as a negative wait (IllegalArgumentException)
        assertThat(withRetryAfter("-5").retryAfter()).isEmpty();
        assertThat(withRetryAfter("99999999999999999999").retryAfter()).isEmpty();
        assertThat(withRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT").retryAfter()).isEmpty();
    }
}
