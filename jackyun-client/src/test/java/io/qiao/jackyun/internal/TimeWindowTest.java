package io.qiao.jackyun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);

    @Test
    void split_whenRangeExceedsMax_slicesIntoConsecutiveWindows() {
        List<TimeWindow> w = TimeWindow.split(T0, T0.plusDays(15), Duration.ofDays(7));
        assertThat(w).extracting(TimeWindow::start).containsExactly(T0, T0.plusDays(7), T0.plusDays(14));
        assertThat(w).extracting(TimeWindow::end).containsExactly(T0.plusDays(7), T0.plusDays(14), T0.plusDays(15));
        assertThat(w.get(0).startParam()).isEqualTo("2024-01-01 00:00:00");
        assertThat(w.get(0).endParam()).isEqualTo("2024-01-07 23:59:59");
    }

    @Test
    void split_withoutMax_isOneWindow() {
        assertThat(TimeWindow.split(T0, T0.plusDays(400), null)).hasSize(1);
    }

    @Test
    void split_widensFractionalSecondsOutward() {
        TimeWindow w = TimeWindow.split(T0.plusNanos(500_000_000), T0.plusSeconds(10).plusNanos(1), null).get(0);
        assertThat(w.start()).isEqualTo(T0);
        assertThat(w.end()).isEqualTo(T0.plusSeconds(11));
        assertThat(w.endParam()).isEqualTo("2024-01-01 00:00:10");
    }

    @Test
    void split_emptyRange_hasNoWindows() {
        assertThat(TimeWindow.split(T0, T0, Duration.ofDays(1))).isEmpty();
    }

    @Test
    void split_maxBelowOneSecond_isRejected() {
        assertThatThrownBy(() -> TimeWindow.split(T0, T0.plusDays(1), Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxWindow");
    }
}
