package io.qiao.jushuitan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModifiedRangeTest {
    private static final LocalDateTime MAY_1 = LocalDateTime.of(2024, 5, 1, 0, 0);

    @Test
    void split_whenRangeExceedsSevenDays_slicesIntoConsecutiveWindows() {
        List<ModifiedRange> windows = ModifiedRange.of(MAY_1, MAY_1.plusDays(17)).split(ModifiedRange.MAX_WINDOW);

        assertThat(windows).containsExactly(
                new ModifiedRange(MAY_1, MAY_1.plusDays(7)),
                new ModifiedRange(MAY_1.plusDays(7), MAY_1.plusDays(14)),
                new ModifiedRange(MAY_1.plusDays(14), MAY_1.plusDays(17)));
    }

    @Test
    void split_whenRangeFitsOneWindow_keepsIt() {
        assertThat(ModifiedRange.of(MAY_1, MAY_1.plusDays(7)).split(ModifiedRange.MAX_WINDOW)).hasSize(1);
    }

    @Test
    void of_roundsBeginDownAndEndUpToWholeSeconds() {
        ModifiedRange r = ModifiedRange.of(MAY_1.plusNanos(700_000_000), MAY_1.plusSeconds(5).plusNanos(1));

        assertThat(r.begin()).isEqualTo(MAY_1);
        assertThat(r.end()).isEqualTo(MAY_1.plusSeconds(6));
        assertThat(r.beginText()).isEqualTo("2024-05-01 00:00:00");
    }

    @Test
    void contains_isHalfOpen() {
        ModifiedRange r = ModifiedRange.of(MAY_1, MAY_1.plusDays(1));

        assertThat(r.contains(MAY_1)).isTrue();
        assertThat(r.contains(MAY_1.plusDays(1).minusSeconds(1))).isTrue();
        assertThat(r.contains(MAY_1.plusDays(1))).isFalse();
    }

    @Test
    void of_whenEndNotAfterBegin_namesBoth() {
        assertThatThrownBy(() -> ModifiedRange.of(MAY_1, MAY_1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-05-01T00:00");
    }

    @Test
    void split_whenMaxBelowOneSecond_refuses() {
        assertThatThrownBy(() -> ModifiedRange.of(MAY_1, MAY_1.plusDays(1)).split(Duration.ofMillis(10)))
                .hasMessageContaining("at least one second");
    }
}
