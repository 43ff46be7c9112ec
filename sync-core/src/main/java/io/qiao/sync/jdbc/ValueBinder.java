package io.qiao.sync.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Binds a row's values as statement parameters, never as SQL text. The common types get their typed setter
 * (cheaper for the drivers than {@code setObject}); instants and zoned times become local date-times in the
 * sink's zone, since MySQL's DATETIME has no zone; enums are written by name.
 *
 * <p>On MySQL and MariaDB a date-time is bound as its text, {@code 'yyyy-MM-dd HH:mm:ss[.ffffff]'}, the literal
 * MariaDB Connector/J sends for it, for two reasons: the drivers' own way there (a search of the driver's codecs for
 * one that takes the value, then a {@code DateTimeFormatter}) took a quarter of the writing thread's time end to
 * end; and MySQL Connector/J drops the fraction of a second when the server is MariaDB (it takes MariaDB's
 * "5.5.5-10.x" for a MySQL older than fractional seconds), so a {@code DATETIME(6)} lost its microseconds. Values the
 * server could not store exactly anyway (a part of a microsecond, years outside 0-9999) go to the driver as they are.
 */
final class ValueBinder {
    private final ZoneId zone;

    ValueBinder(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Binds {@code values} from parameter {@code first} on, as statement values of {@code dialect}; returns the next
     * free parameter index.
     */
    int bindAll(PreparedStatement ps, int first, Object[] values, Dialect dialect) throws SQLException {
        boolean dateTimesAsText = dialect == Dialect.MYSQL;
        int p = first;
        for (Object v : values) {
            bind(ps, p++, v, dateTimesAsText);
        }
        return p;
    }

    /** Binds one value, date-times as values (for statements of any dialect). */
    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        bind(ps, index, value, false);
    }

    private void bind(PreparedStatement ps, int index, Object value, boolean dateTimesAsText) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof Integer i) {
            ps.setInt(index, i);
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof LocalDateTime t) {
            bindDateTime(ps, index, t, dateTimesAsText);
        } else if (value instanceof Instant i) {
            bindDateTime(ps, index, LocalDateTime.ofInstant(i, zone), dateTimesAsText);
        } else if (value instanceof OffsetDateTime o) {
            bindDateTime(ps, index, LocalDateTime.ofInstant(o.toInstant(), zone), dateTimesAsText);
        } else if (value instanceof ZonedDateTime z) {
            bindDateTime(ps, index, LocalDateTime.ofInstant(z.toInstant(), zone), dateTimesAsText);
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else if (value instanceof Character ch) {
            ps.setString(index, ch.toString());
        } else {
            ps.setObject(index, value);
        }
    }

    /** As text where asked and the server stores it exactly (micro-second precision, a year 0-9999), else as the value. */
    private static void bindDateTime(PreparedStatement ps, int index, LocalDateTime t, boolean asText)
            throws SQLException {
        if (asText && t.getNano() % 1000 == 0 && t.getYear() >= 0 && t.getYear() <= 9999) {
            ps.setString(index, mySqlText(t));
        } else {
            ps.setObject(index, t);
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss}, and {@code .ffffff} when there are microseconds; a year 0-9999. */
    static String mySqlText(LocalDateTime t) {
        int micros = t.getNano() / 1000;
        char[] c = new char[micros == 0 ? 19 : 26];
        digits(c, 0, 4, t.getYear());
        c[4] = '-';
        digits(c, 5, 2, t.getMonthValue());
        c[7] = '-';
        digits(c, 8, 2, t.getDayOfMonth());
        c[10] = ' ';
        digits(c, 11, 2, t.getHour());
        c[13] = ':';
        digits(c, 14, 2, t.getMinute());
        c[16] = ':';
        digits(c, 17, 2, t.getSecond());
        if (micros != 0) {
            c[19] = '.';
            digits(c, 20, 6, micros);
        }
        return new String(c);
    }

    private static void digits(char[] c, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
