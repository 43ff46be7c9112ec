package io.qiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestTest {
    private static final java.net.URI URI = java.net.URI.create("http://127.0.0.1/");

    @Test
    void timeout_zeroNegativeOrBeyondADay_isRefusedNamingTheSetting() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(1).plusSeconds(1),
                Duration.ofSeconds(Long.MAX_VALUE)}) {
            assertThatThrownBy(() -> Request.get(URI).timeout(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("timeout must be");
        }
    }

    @Test
    void timeout_withinADay_orNullForTheTransportDefault_isKept() {
        assertThat(Request.get(URI).timeout(Duration.ofHours(2)).build().timeout()).isEqualTo(Duration.ofHours(2));
        assertThat(Request.get(URI).timeout(null).build().timeout()).isNull();
    }
}
