package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ArgsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-10T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void parse_splitsWordsAndOptions_inBothSpellings() {
        Args a = Args.parse("sync", "jackyun-warehouses-to-mysql", "--every", "5m", "--state-dir=/tmp/x", "--verbose");
        assertThat(a.words()).containsExactly("sync", "jackyun-warehouses-to-mysql");
        assertThat(a.option("every")).contains("5m");
        assertThat(a.option("state-dir")).contains("/tmp/x");
        assertThat(a.flag("verbose")).isTrue();
    }

    @Test
    void sinkWriters_isAnOptionOfTheCommandLine_asTheUsageTextSays() {
        assertThat(Args.parse("sync", "jackyun-warehouses-to-mysql", "--sink-writers", "4").option("sink-writers"))
                .contains("4");
        assertThat(Qiao.USAGE_TEXT).contains("--sink-writers N");
    }

    @Test
    void parse_refusesUnknownOptions_missingValues_andValuedFlags() {
        assertThatThrownBy(() -> Args.parse("--nope")).isInstanceOf(UsageException.class).hasMessageContaining("--nope");
        assertThatThrownBy(() -> Args.parse("--since")).hasMessageContaining("--since needs a value");
        assertThatThrownBy(() -> Args.parse("--once=yes")).hasMessageContaining("takes no value");
    }

    @Test
    void duration_readsShortFormsAndIso() {
        assertThat(Args.duration("every", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Args.duration("every", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Args.duration("every", "PT2H")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> Args.duration("every", "0m")).isInstanceOf(UsageException.class);
    }

    @Test
    void instant_readsBeijingTimesInstantsAndAges() {
        assertThat(Args.instant("since", "2024-05-01", CLOCK)).isEqualTo(Instant.parse("2024-04-30T16:00:00Z"));
        assertThat(Args.instant("since", "2024-05-01 08:30:00", CLOCK)).isEqualTo(Instant.parse("2024-05-01T00:30:00Z"));
        assertThat(Args.instant("since", "2024-05-01T08:30", CLOCK)).isEqualTo(Instant.parse("2024-05-01T00:30:00Z"));
        assertThat(Args.instant("since", "2024-05-01T00:00:00Z", CLOCK)).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(Args.instant("since", "2024-05-01T08:00:00+08:00", CLOCK)).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(Args.instant("since", "7d", CLOCK)).isEqualTo(Instant.parse("2024-05-03T00:00:00Z"));
        assertThatThrownBy(() -> Args.instant("from", "yesterday", CLOCK)).hasMessageContaining("--from 'yesterday'");
    }

    @Test
    void duration_zeroNegativeOrHuge_isAUsageErrorNamingTheOptionAndItsRange() {
        for (String every : new String[] {"PT0S", "PT-5S", "0s", "-5m", "p-1d", "367d", "99999999999999d",
                "9999999999999999999999d", "PT99999999999999H"}) {
            assertThatThrownBy(() -> Args.duration("every", every)).as(every).isInstanceOf(UsageException.class)
                    .hasMessageContaining("--every '" + every + "'");
        }
        assertThatThrownBy(() -> Args.duration("every", "PT0S")).hasMessage("--every 'PT0S' is out of range: it must "
                + "be between 1s and 366d");
        assertThatThrownBy(() -> Args.duration("settle-delay", "PT-5S")).hasMessage("--settle-delay 'PT-5S' is out of "
                + "range: it must be between 0 and 1d");
        assertThatThrownBy(() -> Args.duration("settle-delay", "25h")).hasMessageContaining("--settle-delay '25h'");
        assertThat(Args.duration("settle-delay", "0s")).isZero();
        assertThat(Args.duration("settle-delay", "PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Args.duration("every", "1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Args.duration("every", "366d")).isEqualTo(Duration.ofDays(366));
        assertThat(Args.duration("every", "P1D")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void instant_beforeTheYear2000_orAfterTomorrow_isAUsageErrorNamingTheOption() {
        for (String since : new String[] {"99999999999d", "9999999999999999999999d", "P99999999999D", "1999-12-31",
                "2024-05-12", "1970-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "P-1D"}) {
            assertThatThrownBy(() -> Args.instant("since", since, CLOCK)).as(since).isInstanceOf(UsageException.class)
                    .hasMessageContaining("--since '" + since + "'");
        }
        assertThatThrownBy(() -> Args.instant("since", "99999999999d", CLOCK))
                .hasMessageContaining("reaches before 2000-01-01");
        assertThat(Args.instant("since", "P7D", CLOCK)).isEqualTo(Instant.parse("2024-05-03T00:00:00Z"));
        assertThat(Args.instant("since", "2024-05-11", CLOCK)).isEqualTo(Instant.parse("2024-05-10T16:00:00Z"));
        assertThat(Args.instant("since", "2000-01-01", CLOCK)).isEqualTo(Instant.parse("1999-12-31T16:00:00Z"));
        assertThat(Args.instant("to", "2099-01-01", CLOCK)).isAfter(CLOCK.instant());
        assertThatThrownBy(() -> Args.instant("to", "2100-01-02", CLOCK)).hasMessageContaining("--to '2100-01-02'");
    }
}
