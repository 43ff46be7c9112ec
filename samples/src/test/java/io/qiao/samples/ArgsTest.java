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
}
