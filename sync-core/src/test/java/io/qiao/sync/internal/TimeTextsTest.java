package io.qiao.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeTextsTest {
    private static final Instant NOW = Instant.parse("2024-05-10T00:00:00Z");

    @Test
    void duration_readsShortAndIsoForms_andNothingElse() {
        assertThat(TimeTexts.duration("30s")).contains(Duration.ofSeconds(30));
        assertThat(TimeTexts.duration(" 5M ")).contains(Duration.ofMinutes(5));
        assertThat(TimeTexts.duration("2h")).contains(Duration.ofHours(2));
        assertThat(TimeTexts.duration("1d")).contains(Duration.ofDays(1));
        assertThat(TimeTexts.duration("PT5M")).contains(Duration.ofMinutes(5));
        assertThat(TimeTexts.duration("-PT1S")).contains(Duration.ofSeconds(-1));
        assertThat(TimeTexts.duration("5 minutes")).isEmpty();
        assertThat(TimeTexts.duration("5w")).isEmpty();
        assertThat(TimeTexts.duration("")).isEmpty();
        assertThat(TimeTexts.duration(null)).isEmpty();
    }

    @Test
    void duration_beyondALong_readsAsTheLongest_soThatARangeCheckRefusesIt() {
        assertThat(TimeTexts.duration("99999999999999999999d")).contains(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(TimeTexts.duration("999999999999999d")).contains(Duration.ofSeconds(Long.MAX_VALUE));
    }

    @Test
    void instant_readsIsoBeijingWallTimeBeijingDateAndTimeBack() {
        assertThat(TimeTexts.instant("2024-05-01T00:00:00Z", NOW)).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(TimeTexts.instant("2024-05-01T08:00:00+08:00", NOW)).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(TimeTexts.instant("2024-05-01 08:00:00", NOW)).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(TimeTexts.instant("2024-05-01", NOW)).isEqualTo(Instant.parse("2024-04-30T16:00:00Z"));
        assertThat(TimeTexts.instant("7d", NOW)).isEqualTo(Instant.parse("2024-05-03T00:00:00Z"));
        assertThat(TimeTexts.instant("P1D", NOW)).isEqualTo(Instant.parse("2024-05-09T00:00:00Z"));
    }

    @Test
    void instant_refusesWhatIsNoTime_saying_whatIsWrong() {
        assertThatThrownBy(() -> TimeTexts.instant("yesterday", NOW)).hasMessageStartingWith("is not a time such as");
        assertThatThrownBy(() -> TimeTexts.instant("2024-02-30", NOW)).hasMessageStartingWith("is not a real date");
        assertThatThrownBy(() -> TimeTexts.instant("-7d", NOW)).hasMessageStartingWith("is a negative time back");
        assertThatThrownBy(() -> TimeTexts.instant("99999999999d", NOW))
                .hasMessage("is out of range: it reaches before 2000-01-01 (Beijing)");
    }
}
