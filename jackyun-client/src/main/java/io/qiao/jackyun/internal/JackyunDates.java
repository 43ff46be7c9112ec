package io.qiao.jackyun.internal;

import io.qiao.client.Json;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads Jackyun's {@code yyyy-MM-dd HH:mm:ss} by hand: every record of a page carries several such
 * date-times, and {@code DateTimeFormatter} (field map, resolver) cost more than the rest of binding a row.
 * Strict: a non-digit, a wrong separator or length, or a month/day/hour/minute/second out of range (including
 * 30 February) is rejected, where the formatter's default resolver would have moved the day.
 */
public final class JackyunDates {
    private static final int LENGTH = 19;

    private JackyunDates() {
    }

    /** A query's Shanghai wall-clock bound as an instant, or null when the bound is not set. */
    public static Instant instantOrNull(LocalDateTime shanghaiTime) {
        return shanghaiTime == null ? null : shanghaiTime.atZone(Json.SHANGHAI).toInstant();
    }

    /** @throws DateTimeParseException naming what is wrong with {@code text} */
    public static LocalDateTime parseDateTime(CharSequence text) {
        if (text.length() != LENGTH) {
            throw problem(text, "expected yyyy-MM-dd HH:mm:ss (19 characters), got " + text.length());
        }
        separator(text, 4, '-');
        separator(text, 7, '-');
        separator(text, 10, ' ');
        separator(text, 13, ':');
        separator(text, 16, ':');
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        range(text, "month", month, 1, 12);
        range(text, "day", day, 1, 31);
        range(text, "hour", hour, 0, 23);
        range(text, "minute", minute, 0, 59);
        range(text, "second", second, 0, 59);
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            throw problem(text, e.getMessage());
        }
    }

    private static void separator(CharSequence text, int at, char expected) {
        if (text.charAt(at) != expected) {
            throw problem(text, "expected '" + expected + "' at position " + at + ", got '" + text.charAt(at) + "'");
        }
    }

    private static int digits(CharSequence text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw problem(text, "expected a digit at position " + i + ", got '" + c + "'");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void range(CharSequence text, String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw problem(text, field + " " + value + " is outside " + min + "-" + max);
        }
    }

    private static DateTimeParseException problem(CharSequence text, String why) {
        return new DateTimeParseException("invalid date-time '" + text + "': " + why, text, 0);
    }
}
