package io.qiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void lifetime_acceptsRealLifetimes_andRefusesNegativeOrOverflowingOnesNamingTheField() {
        assertThat(Json.lifetime("token", "expires_in", 7200)).isEqualTo(Duration.ofHours(2));
        assertThat(Json.lifetime("token", "expires_in", 0)).isEqualTo(Duration.ZERO);

        assertThatThrownBy(() -> Json.lifetime("token", "expires_in", Long.MAX_VALUE))
                .isInstanceOf(DecodeException.class).hasMessageContaining("expires_in " + Long.MAX_VALUE);
        assertThatThrownBy(() -> Json.lifetime("token", "expires_in", -1))
                .isInstanceOf(DecodeException.class).hasMessageContaining("not a plausible lifetime");
    }

    @Test
    void mapper_readsDecimalsAsBigDecimal_andIgnoresUnknownFields() {
        record Money(BigDecimal amount) {
        }
        Money m = Json.create().read("op", "{\"amount\":0.1,\"new_field\":1}".getBytes(), Money.class);

        assertThat(m.amount()).isEqualByComparingTo("0.1");
    }

    @Test
    void vendorDateTimes_roundTrip() {
        LocalDateTime t = Json.parseDateTime("2024-05-01 08:30:00");

        assertThat(Json.formatDateTime(t)).isEqualTo("2024-05-01 08:30:00");
    }
}
