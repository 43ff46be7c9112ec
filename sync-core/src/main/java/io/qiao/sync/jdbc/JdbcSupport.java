package io.qiao.sync.jdbc;

import io.qiao.sync.SyncException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/** Small helpers the JDBC parts share: UTC timestamps, error translation, quiet rollback. */
final class JdbcSupport {
    /**
     * MySQL/MariaDB error codes that mean "this row's data is wrong" although their SQLState is not class 22
     * or 23: 1366 incorrect value for column, 1265 data truncated, 3819 check constraint (MySQL 8), 1411
     * incorrect value for function, 4025 constraint failed (MariaDB), 1364 field has no default.
     */
    private static final Set<Integer> MYSQL_ROW_ERRORS = Set.of(1366, 1265, 3819, 1411, 4025, 1364);
    private static final DateTimeFormatter MYSQL_DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private JdbcSupport() {
    }

    /**
     * Qiao's own tables keep times as UTC {@code TIMESTAMP}/{@code DATETIME} bound as {@link LocalDateTime}: the
     * one java.time type all three drivers store without a session-time-zone conversion.
     */
    static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant utc(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /**
     * Binds a time of Qiao's own tables as UTC, its fraction (to the microsecond) intact with every driver. On
     * MySQL/MariaDB it goes as text, which the server converts exactly: MySQL Connector/J drops the fraction of
     * a LocalDateTime or Timestamp when the server is MariaDB 10, whose handshake version "5.5.5-10.x" it
     * takes for 5.5.5, older than fractional seconds (5.6.4); MariaDB Connector/J and real MySQL servers are
     * unaffected. PostgreSQL would refuse text for a timestamp parameter, so the others get LocalDateTime.
     */
    static void setUtc(PreparedStatement ps, int index, Instant instant, Dialect dialect) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else if (dialect == Dialect.MYSQL) {
            ps.setString(index, mysqlText(utc(instant)));
        } else {
            ps.setObject(index, utc(instant));
        }
    }

    /** A DATETIME as MySQL/MariaDB read it from text, to the microsecond (see {@link #setUtc}). */
    static String mysqlText(LocalDateTime value) {
        return MYSQL_DATETIME.format(value);
    }

    /**
     * Whether the failure is about the data of some row (a constraint, a value too long or of the wrong type),
     * so that splitting the batch can isolate the row, as opposed to a failure of the connection, the
     * server or the statement itself, which no row can be blamed for.
     */
    static boolean isRowError(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
            if (MYSQL_ROW_ERRORS.contains(x.getErrorCode()) && (state == null || !state.startsWith("08"))) {
                return true;
            }
            if (x.getNextException() == x) {
                break;
            }
        }
        return false;
    }

    /** The database's own words for a failure, with its SQLState, for dead letters and exception messages. */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return e.getSQLState() == null ? message : message + " [SQLState " + e.getSQLState() + "]";
    }

    static SyncException failure(String what, SQLException e) {
        return new SyncException(what + ": " + describe(e), e);
    }

    /** Rolls back after a failure; a second failure (the connection is gone) is attached, not thrown. */
    static void rollbackQuietly(Connection c, Exception cause) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
