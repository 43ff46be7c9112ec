package io.qiao.sync.internal;

import io.qiao.client.Json;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * The text forms of durations and points in time that Qiao's settings take: the CLI's options, the Kafka Connect
 * connectors' configs. One parser, so that {@code 7d} or {@code 2024-05-01} means the same wherever a user writes
 * it. Each caller keeps its own ranges (an interval and a settle delay are bounded differently) and its own error
 * type; the messages here are the part after the setting's name and value.
 */
public final class TimeTexts {
    /** The earliest point in time a setting may name: no vendor holds data from before 2000-01-01 (Beijing). */
    public static final Instant EARLIEST = LocalDate.of(2000, 1, 1).atStartOfDay(Json.SHANGHAI).toInstant();
    /** What a count of units beyond a {@code long} reads as, so that range checks refuse it as out of range. */
    private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE);

    private TimeTexts() {
    }

    /**
     * "30s", "5m", "2h", "1d" or ISO-8601 ({@code PT5M}, {@code P1D}, {@code -PT1S}); empty when the text is neither.
     * A count of units too large for a {@link Duration} reads as the longest one (negated when negative), which
     * every range refuses as out of range rather than as "not a duration".
     */
    public static Optional<Duration> duration(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.matches("\\d{19,}[smhd]")) {
            return Optional.of(LONGEST);
        }
        try {
            if (t.startsWith("p") || t.startsWith("-p")) {
                return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return Optional.ofNullable(switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> null;
            });
        } catch (ArithmeticException e) {
            return Optional.of(t.startsWith("-") ? LONGEST.negated() : LONGEST);
        } catch (RuntimeException e) {
            return Optional.empty(); // not a number, not ISO
        }
    }

    /**
     * A point in time: an ISO instant ({@code 2024-05-01T00:00:00Z}, or with an offset), a Beijing wall time
     * ({@code 2024-05-01T08:00:00} or {@code 2024-05-01 08:00:00}), a Beijing date ({@code 2024-05-01}, its midnight)
     * or a duration back from {@code now} ({@code 7d}, {@code 12h}, {@code P7D}), which may not reach before
     * {@link #EARLIEST}. The caller checks the range of the result.
     *
     * @throws IllegalArgumentException whose message completes "&lt;setting&gt; '&lt;text&gt;' ", e.g. "is not a
     *     time such as 2024-05-01, ..."
     */
    public static Instant instant(String text, Instant now) {
        String t = text == null ? "" : text.trim();
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(t.endsWith("Z") ? t.substring(0, t.length() - 1) + "+00:00" : t).toInstant();
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(Json.SHANGHAI).toInstant();
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
                return LocalDateTime.parse(t.replace(' ', 'T')).atZone(Json.SHANGHAI).toInstant();
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("is not a real date or time: " + e.getMessage());
        }
        if (t.matches("-?\\d+[smhdSMHD]") || t.matches("(?i)-?p.*")) {
            Duration back = duration(t).orElseThrow(TimeTexts::notATime);
            if (back.isNegative()) {
                throw new IllegalArgumentException("is a negative time back; give 7d for seven days ago, or a date");
            }
            // checked before subtracting: now minus 99999999999d is no instant at all
            if (back.compareTo(Duration.between(EARLIEST, now)) > 0) {
                throw new IllegalArgumentException("is out of range: it reaches before 2000-01-01 (Beijing)");
            }
            return now.minus(back);
        }
        throw notATime();
    }

    private static IllegalArgumentException notATime() {
        return new IllegalArgumentException("is not a time such as 2024-05-01, 2024-05-01T08:00:00 (Beijing time), "
                + "2024-05-01T00:00:00Z or 7d (seven days ago)");
    }
}
