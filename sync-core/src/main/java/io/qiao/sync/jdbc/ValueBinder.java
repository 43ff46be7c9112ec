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
 */
final class ValueBinder {
    private final ZoneId zone;

    ValueBinder(ZoneId zone) {
        this.zone = zone;
    }

    /** Binds {@code values} from parameter {@code first} on; returns the next free parameter index. */
    int bindAll(PreparedStatement ps, int first, Object[] values) throws SQLException {
        int p = first;
        for (Object v : values) {
            bind(ps, p++, v);
        }
        return p;
    }

    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
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
            ps.setObject(index, t);
        } else if (value instanceof Instant i) {
            ps.setObject(index, LocalDateTime.ofInstant(i, zone));
        } else if (value instanceof OffsetDateTime o) {
            ps.setObject(index, LocalDateTime.ofInstant(o.toInstant(), zone));
        } else if (value instanceof ZonedDateTime z) {
            ps.setObject(index, LocalDateTime.ofInstant(z.toInstant(), zone));
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else if (value instanceof Character ch) {
            ps.setString(index, ch.toString());
        } else {
            ps.setObject(index, value);
        }
    }
}
