package io.qiao.connect;

import io.qiao.client.RateLimit;
import io.qiao.sync.internal.Limits;
import io.qiao.sync.internal.TimeTexts;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The text forms of times, durations and rate limits in connector configs, the same as the CLI's
 * ({@code qiao run --since 7d}): parsed here, with a {@link ConfigException} naming the key and the problem.
 */
final class ConfigValues {
    /** The earliest {@code qiao.since}: no vendor holds data from before it. */
    static final Instant EARLIEST = TimeTexts.EARLIEST;

    private ConfigValues() {
    }

    /**
     * "30s", "5m", "2h", "1d" or ISO-8601 ({@code PT5M}); not negative, and at most sync-core's
     * {@link Limits#LONGEST} (100 years): a sign check alone let "999999999999d" through, which overflowed the poll
     * wait's milliseconds and every window computed from it.
     */
    static Duration duration(String key, String text) {
        Duration d = TimeTexts.duration(text)
                .orElseThrow(() -> new ConfigException(key, text, "not a duration such as 30s, 5m, 2h, 1d or PT5M"));
        if (d.isNegative()) {
            throw new ConfigException(key, text, "must not be negative");
        }
        if (d.compareTo(Limits.LONGEST) > 0) {
            throw new ConfigException(key, text, "must be at most " + Limits.LONGEST.toDays() + " days (100 years)");
        }
        return d;
    }

    /**
     * An ISO instant ({@code 2024-05-01T00:00:00Z}), a Beijing wall time ({@code 2024-05-01T08:00:00} or
     * {@code 2024-05-01 08:00:00}), a Beijing date ({@code 2024-05-01}) or a duration back from {@code now}
     * ({@code 7d}, {@code P7D}); between 2000-01-01 (Beijing) and now + 1 day.
     */
    static Instant since(String key, String text, Instant now) {
        Instant i;
        try {
            i = TimeTexts.instant(text, now);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, text, e.getMessage());
        }
        if (i.isBefore(EARLIEST) || i.isAfter(now.plus(Duration.ofDays(1)))) {
            throw new ConfigException(key, text, "must be between 2000-01-01 (Beijing) and now + 1 day");
        }
        return i;
    }

    /** "10/s", "600/m", "98/min" style: permits per period. */
    static RateLimit rateLimit(String key, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*/\\s*(s|sec|second|m|min|minute|h|hour)")
                .matcher(t);
        if (!m.matches()) {
            throw new ConfigException(key, text, "not a rate such as 10/s or 98/min");
        }
        int permits = Integer.parseInt(m.group(1));
        if (permits < 1) {
            throw new ConfigException(key, text, "must allow at least one call");
        }
        Duration period = switch (m.group(2).charAt(0)) {
            case 's' -> Duration.ofSeconds(1);
            case 'm' -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return RateLimit.of(permits, period);
    }

    /** A ConfigDef validator that runs {@code check} on non-null values, so that validate() names the key. */
    static ConfigDef.Validator checking(java.util.function.BiConsumer<String, String> check) {
        return (name, value) -> {
            if (value != null) {
                check.accept(name, value.toString());
            }
        };
    }
}
