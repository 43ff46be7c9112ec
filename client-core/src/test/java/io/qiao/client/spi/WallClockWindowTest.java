package io.qiao.client.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The window arithmetic both 聚水潭 ({@code ModifiedRange}) and 吉客云 ({@code TimeWindow}) had, now shared; the test
 * names are theirs.
 */
class WallClockWindowTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final LocalDateTime MAY_1 = LocalDateTime.of(2024, 5, 1, 0, 0);
    private static final Duration SEVEN_DAYS = Duration.ofDays(7);

    // ---- from jackyun-client TimeWindowTest -------------------------------------------------------------------

    @Test
    void split_whenRangeExceedsMax_slicesIntoConsecutiveWindows() {
        List<WallClockWindow> w = WallClockWindow.plan(T0, T0.plusDays(15), SEVEN_DAYS);
        assertThat(w).extracting(WallClockWindow::start).containsExactly(T0, T0.plusDays(7), T0.plusDays(14));
        assertThat(w).extracting(WallClockWindow::end).containsExactly(T0.plusDays(7), T0.plusDays(14), T0.plusDays(15));
        assertThat(w.get(0).startText()).isEqualTo("2024-01-01 00:00:00");
        assertThat(w.get(0).lastSecondText()).isEqualTo("2024-01-07 23:59:59");
    }

    @Test
    void split_withoutMax_isOneWindow() {
        assertThat(WallClockWindow.plan(T0, T0.plusDays(400), null)).hasSize(1);
    }

    @Test
    void split_widensFractionalSecondsOutward() {
        WallClockWindow w = WallClockWindow.plan(T0.plusNanos(500_000_000), T0.plusSeconds(10).plusNanos(1), null).get(0);
        assertThat(w.start()).isEqualTo(T0);
        assertThat(w.end()).isEqualTo(T0.plusSeconds(11));
        assertThat(w.lastSecondText()).isEqualTo("2024-01-01 00:00:10");
    }

    @Test
    void split_emptyRange_hasNoWindows() {
        assertThat(WallClockWindow.plan(T0, T0, Duration.ofDays(1))).isEmpty();
    }

    @Test
    void split_maxBelowOneSecond_isRejected() {
        assertThatThrownBy(() -> WallClockWindow.plan(T0, T0.plusDays(1), Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxWindow");
    }

    // ---- from jushuitan-client ModifiedRangeTest --------------------------------------------------------------

    @Test
    void split_whenRangeExceedsSevenDays_slicesIntoConsecutiveWindows() {
        List<WallClockWindow> windows = WallClockWindow.covering(MAY_1, MAY_1.plusDays(17)).split(SEVEN_DAYS);

        assertThat(windows).containsExactly(
                new WallClockWindow(MAY_1, MAY_1.plusDays(7)),
                new WallClockWindow(MAY_1.plusDays(7), MAY_1.plusDays(14)),
                new WallClockWindow(MAY_1.plusDays(14), MAY_1.plusDays(17)));
    }

    @Test
    void split_whenRangeFitsOneWindow_keepsIt() {
        assertThat(WallClockWindow.covering(MAY_1, MAY_1.plusDays(7)).split(SEVEN_DAYS)).hasSize(1);
    }

    @Test
    void of_roundsBeginDownAndEndUpToWholeSeconds() {
        WallClockWindow r = WallClockWindow.covering(MAY_1.plusNanos(700_000_000), MAY_1.plusSeconds(5).plusNanos(1));

        assertThat(r.start()).isEqualTo(MAY_1);
        assertThat(r.end()).isEqualTo(MAY_1.plusSeconds(6));
        assertThat(r.startText()).isEqualTo("2024-05-01 00:00:00");
    }

    @Test
    void contains_isHalfOpen() {
        WallClockWindow r = WallClockWindow.covering(MAY_1, MAY_1.plusDays(1));

        assertThat(r.contains(MAY_1)).isTrue();
        assertThat(r.contains(MAY_1.plusDays(1).minusSeconds(1))).isTrue();
        assertThat(r.contains(MAY_1.plusDays(1))).isFalse();
    }

    @Test
    void of_whenEndNotAfterBegin_namesBoth() {
        assertThatThrownBy(() -> WallClockWindow.covering(MAY_1, MAY_1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-05-01T00:00");
    }

    @Test
    void split_whenMaxBelowOneSecond_refuses() {
        assertThatThrownBy(() -> WallClockWindow.covering(MAY_1, MAY_1.plusDays(1)).split(Duration.ofMillis(10)))
                .hasMessageContaining("at least one second");
    }

    // ---- the cap's boundaries ---------------------------------------------------------------------------------

    @Test
    void plan_aRangeExactlyTheCap_isOneWindow() {
        assertThat(WallClockWindow.plan(MAY_1, MAY_1.plusDays(7), SEVEN_DAYS))
                .containsExactly(new WallClockWindow(MAY_1, MAY_1.plusDays(7)));
    }

    @Test
    void plan_aRangeOneSecondOverTheCap_isTwoWindowsTheSecondOneSecondLong() {
        assertThat(WallClockWindow.plan(MAY_1, MAY_1.plusDays(7).plusSeconds(1), SEVEN_DAYS)).containsExactly(
                new WallClockWindow(MAY_1, MAY_1.plusDays(7)),
                new WallClockWindow(MAY_1.plusDays(7), MAY_1.plusDays(7).plusSeconds(1)));
    }

    @Test
    void plan_aRangeOneSecondUnderTheCap_isOneWindow() {
        assertThat(WallClockWindow.plan(MAY_1, MAY_1.plusDays(7).minusSeconds(1), SEVEN_DAYS)).hasSize(1);
    }

    @Test
    void plan_aRangeOfTwiceTheCap_isTwoFullWindows() {
        assertThat(WallClockWindow.plan(MAY_1, MAY_1.plusDays(14), SEVEN_DAYS))
                .allSatisfy(w -> assertThat(Duration.between(w.start(), w.end())).isEqualTo(SEVEN_DAYS))
                .hasSize(2);
    }

    @Test
    void plan_aHugeCap_doesNotOverflow() {
        assertThat(WallClockWindow.plan(MAY_1, MAY_1.plusDays(1), Duration.ofDays(999_999_999L * 365))).hasSize(1);
    }

    @Test
    void plan_oneSecondWindowsOverDecades_isRefusedBeforeAnyWindowIsBuilt() {
        assertThatThrownBy(() -> WallClockWindow.plan(MAY_1.minusYears(50), MAY_1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than " + WallClockWindow.MAX_WINDOWS)
                .hasMessageContaining("maxWindow");
    }

    @Test
    void plan_exactlyTheMostWindows_isPlanned() {
        Duration hour = Duration.ofHours(1);
        assertThat(WallClockWindow.plan(MAY_1, MAY_1.plus(hour.multipliedBy(WallClockWindow.MAX_WINDOWS - 1)), hour))
                .hasSize(WallClockWindow.MAX_WINDOWS - 1);
    }
}
