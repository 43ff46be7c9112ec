package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Secret;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    private static AccessToken living(Duration life) {
        return new AccessToken(Secret.of("a"), Secret.of("r"), T0, T0.plus(life), "all");
    }

    @Test
    void renewalMargin_isATenthOfTheLifetime_betweenAMinuteAndADay() {
        assertThat(living(Duration.ofDays(30)).renewalMargin()).isEqualTo(Duration.ofDays(1));
        assertThat(living(Duration.ofHours(10)).renewalMargin()).isEqualTo(Duration.ofHours(1));
        assertThat(living(Duration.ofMinutes(5)).renewalMargin()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void renewalMargin_neverExceedsHalfTheLifetime() {
        assertThat(living(Duration.ofSeconds(30)).renewalMargin()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void isFreshAt_turnsFalseAtTheMargin() {
        AccessToken t = living(Duration.ofHours(10));

        assertThat(t.isFreshAt(T0.plus(Duration.ofHours(9)).minusSeconds(1))).isTrue();
        assertThat(t.isFreshAt(T0.plus(Duration.ofHours(9)))).isFalse();
    }

    @Test
    void toString_neverShowsTheTokens() {
        AccessToken t = new AccessToken(Secret.of("ACCESS-VALUE"), Secret.of("REFRESH-VALUE"), T0, T0.plusSeconds(60), "all");

        assertThat(t.toString()).doesNotContain("ACCESS-VALUE").doesNotContain("REFRESH-VALUE");
    }
}
