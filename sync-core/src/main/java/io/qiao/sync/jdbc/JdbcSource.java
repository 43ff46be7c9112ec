package io.qiao.sync.jdbc;

import io.qiao.client.Json;
import io.qiao.sync.Position;
import io.qiao.sync.Source;
import io.qiao.sync.SyncException;
import io.qiao.sync.Window;
import io.qiao.sync.internal.Limits;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads a table incrementally by its modification time, in keyset order {@code (updated_at, id)}:
 *
 * <pre>{@code
 * SELECT ... FROM documents
 *  WHERE (updated_at > :wm OR (updated_at = :wm AND id > :cursor)) AND updated_at < :now - settle [AND filter]
 *  ORDER BY updated_at, id LIMIT :batch
 * }</pre>
 *
 * Each batch is one {@link Window} whose end position is its last row's {@code (updated_at, id)}: the pair
 * is the watermark, so a thousand rows sharing one timestamp are never skipped at a batch boundary, and no
 * query ever uses {@code OFFSET} (which gets slower with every page and skips rows when earlier ones change).
 *
 * <p>The settle delay keeps away from "now": a row stamped at 10:00:00 whose transaction commits at 10:00:05
 * is invisible at 10:00:03; with a settle delay longer than the slowest transaction, the source does not
 * pass it before it is visible. An index on {@code (updated_at, id)} makes every batch one index range scan.
 *
 * <p>Times in the table are local date-times in {@link Builder#zone} (default Asia/Shanghai); columns of
 * type {@code TIMESTAMP WITH TIME ZONE} are read with their own offset. Rows whose updated_at is NULL are
 * never read. The id column may be numeric or text.
 *
 * <p>Longer than most classes here (about 390 lines): the keyset query, the batch window that says its position
 * after each row, the key-type handling of the cursor and the documented builder are one contract (which row comes
 * after a checkpoint) that is easiest to check in one place.
 *
 * @param <T> the record type
 */
public final class JdbcSource<T> implements Source<T> {
    private final DataSource dataSource;
    private final String table;
    private final String updatedAt;
    private final String id;
    private final List<String> columns;
    private final String filter;
    private final List<Object> filterParams;
    private final RowReader<T> reader;
    private final int batchSize;
    private final Duration settleDelay;
    private final Instant initialWatermark;
    private final ZoneId zone;
    private final Dialect dialectOverride;
    private volatile SqlNames names;
    private volatile KeysetTypes types;

    private JdbcSource(Builder<T> b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.updatedAt = b.updatedAt;
        this.id = b.id;
        this.columns = b.columns == null ? null : List.copyOf(b.columns);
        this.filter = b.filter;
        this.filterParams = List.copyOf(b.filterParams);
        this.reader = b.reader;
        this.batchSize = b.batchSize;
        this.settleDelay = b.settleDelay;
        this.initialWatermark = b.initialWatermark;
        this.zone = b.zone;
        this.dialectOverride = b.dialect;
    }

    /** A source over {@code table} (optionally schema.table) whose rows {@code reader} turns into records. */
    public static <T> Builder<T> from(DataSource dataSource, String table, RowReader<T> reader) {
        return new Builder<>(dataSource, table, reader);
    }

    /** {@link Builder#initialWatermark}, by default the epoch: a new job reads the whole table. */
    @Override
    public Position initialPosition(Clock clock) {
        return Position.at(initialWatermark);
    }

    @Override
    public Iterator<Window<T>> windows(Position from, Clock clock) {
        Objects.requireNonNull(from, "from");
        Instant upper = clock.instant().minus(settleDelay);
        return new Iterator<>() {
            private Position next = from;
            private Batch pending;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (pending == null && !exhausted) {
                    Batch b = fetch(next, upper);
                    if (!b.rows.isEmpty() && b.end.equals(next)) {
                        // The keyset only ever returns rows after its start, so a batch ending where it started is a
                        // database comparing the bound position otherwise than it stores it (a driver dropping the
                        // fraction of bound times did): the next batch would read the same rows, for ever.
                        throw new SyncException("JdbcSource " + table + ": the batch after (" + next.watermark() + ", "
                                + next.cursor() + ") ended at that same position, so every further batch would read "
                                + "its " + b.rows.size() + " rows again; reading stopped (does the database compare ("
                                + updatedAt + ", " + id + ") as it stores them? a driver that drops the fraction of "
                                + "bound times makes this)");
                    }
                    if (b.rows.isEmpty()) {
                        exhausted = true;
                    } else {
                        pending = b;
                        exhausted = b.rows.size() < batchSize;
                    }
                }
                return pending != null;
            }

            @Override
            public Window<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Batch b = pending;
                pending = null;
                next = b.end;
                return b;
            }
        };
    }

    /** One keyset page. Its rows are read once; a retried window iterates them again from the first. */
    private final class Batch implements Window<T> {
        final Position start;
        final List<T> rows;
        final List<Position> positions;
        final Position end;

        Batch(Position start, List<T> rows, List<Position> positions, Position end) {
            this.start = start;
            this.rows = rows;
            this.positions = positions;
            this.end = end;
        }

        @Override
        public String describe() {
            return table + " (" + updatedAt + ", " + id + ") after (" + start.watermark() + ", "
                    + (start.cursor() == null ? "-" : start.cursor()) + "): " + rows.size() + " rows";
        }

        @Override
        public Position endPosition() {
            return end;
        }

        @Override
        public Iterator<T> records() {
            return rows.iterator();
        }

        @Override
        public long pagesFetched() {
            return 1;
        }

        /** The row's own (updated_at, id): the keyset query started from it reads exactly the rows after it. */
        @Override
        public Position positionAfter(T record, long index) {
            return index >= 0 && index < positions.size() ? positions.get((int) index) : null;
        }
    }

    private Batch fetch(Position from, Instant upper) {
        try (Connection c = dataSource.getConnection()) {
            SqlNames n = names;
            if (n == null) {
                n = SqlNames.of(c, dialectOverride);
                names = n;
            }
            KeysetTypes types = this.types;
            if (types == null) {
                types = probe(c, n);
                this.types = types;
            }
            String u = n.quote(updatedAt);
            String i = n.quote(id);
            String select = columns == null ? "*" : String.join(", ", columns.stream().map(n::quote).toList());
            String keyset = from.cursor() == null
                    ? u + " >= ?"
                    : "(" + u + " > ? OR (" + u + " = ? AND " + i + " > ?))";
            String sql = "SELECT " + select + " FROM " + n.quote(table) + " WHERE " + keyset + " AND " + u + " < ?"
                    + (filter == null ? "" : " AND (" + filter + ")")
                    + " ORDER BY " + u + ", " + i + " LIMIT " + batchSize;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 1;
                types.bindTime(ps, p++, from.watermark());
                if (from.cursor() != null) {
                    types.bindTime(ps, p++, from.watermark());
                    types.bindId(ps, p++, from.cursor());
                }
                types.bindTime(ps, p++, upper);
                for (Object param : filterParams) {
                    ps.setObject(p++, param);
                }
                ps.setFetchSize(Math.min(batchSize, 1000));
                List<T> rows = new ArrayList<>();
                List<Position> positions = new ArrayList<>();
                Position end = from;
                try (ResultSet rs = ps.executeQuery()) {
                    int uCol = rs.findColumn(updatedAt);
                    int iCol = rs.findColumn(id);
                    while (rs.next()) {
                        rows.add(reader.read(rs));
                        end = new Position(types.instant(rs, uCol), String.valueOf(rs.getObject(iCol)));
                        positions.add(end);
                    }
                }
                return new Batch(from, List.copyOf(rows), List.copyOf(positions), end);
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot read " + table + " after (" + from.watermark() + ", " + from.cursor()
                    + ")", e);
        }
    }

    /** The JDBC types of the keyset columns, read from an empty query's metadata. */
    private KeysetTypes probe(Connection c, SqlNames n) throws SQLException {
        String sql = "SELECT " + n.quote(updatedAt) + ", " + n.quote(id) + " FROM " + n.quote(table) + " WHERE 1 = 0";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            return new KeysetTypes(md.getColumnType(1) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE, md.getColumnType(2),
                    n.dialect() == Dialect.MYSQL);
        }
    }

    /** How the keyset columns are bound and read. */
    private final class KeysetTypes {
        private final boolean zonedTime;
        private final int idType;
        private final boolean timeAsText;

        KeysetTypes(boolean zonedTime, int idType, boolean timeAsText) {
            this.zonedTime = zonedTime;
            this.idType = idType;
            this.timeAsText = timeAsText;
        }

        void bindTime(PreparedStatement ps, int index, Instant instant) throws SQLException {
            if (zonedTime) {
                ps.setObject(index, OffsetDateTime.ofInstant(instant, zone));
            } else if (timeAsText) {
                // MySQL Connector/J would drop the fraction on MariaDB (see JdbcSupport.setUtc), and a keyset
                // whose watermark loses its fraction reads the same page again, for ever; as text, the server
                // takes the same local time the driver would have sent, fraction included.
                ps.setString(index, JdbcSupport.mysqlText(LocalDateTime.ofInstant(instant, zone)));
            } else {
                ps.setObject(index, LocalDateTime.ofInstant(instant, zone));
            }
        }

        Instant instant(ResultSet rs, int column) throws SQLException {
            if (zonedTime) {
                return rs.getObject(column, OffsetDateTime.class).toInstant();
            }
            return rs.getObject(column, LocalDateTime.class).atZone(zone).toInstant();
        }

        void bindId(PreparedStatement ps, int index, String cursor) throws SQLException {
            try {
                switch (idType) {
                    case java.sql.Types.BIGINT, java.sql.Types.INTEGER, java.sql.Types.SMALLINT, java.sql.Types.TINYINT ->
                            ps.setLong(index, Long.parseLong(cursor));
                    case java.sql.Types.NUMERIC, java.sql.Types.DECIMAL -> ps.setBigDecimal(index, new BigDecimal(cursor));
                    case java.sql.Types.OTHER -> ps.setObject(index, cursor, java.sql.Types.OTHER);  // e.g. uuid
                    default -> ps.setString(index, cursor);
                }
            } catch (NumberFormatException e) {
                throw new SyncException("position cursor '" + cursor + "' is not a value of the numeric id column "
                        + id + " of " + table + ": was the checkpoint written by another source?", e);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcSource{table=" + table + ", keyset=(" + updatedAt + ", " + id + ")}";
    }

    public static final class Builder<T> {
        private final DataSource dataSource;
        private final String table;
        private final RowReader<T> reader;
        private String updatedAt = "updated_at";
        private String id = "id";
        private List<String> columns;
        private String filter;
        private List<Object> filterParams = List.of();
        private int batchSize = 1000;
        private Duration settleDelay = Duration.ofSeconds(30);
        private Instant initialWatermark = Instant.EPOCH;
        private ZoneId zone = Json.SHANGHAI;
        private Dialect dialect;

        private Builder(DataSource dataSource, String table, RowReader<T> reader) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.table = SqlNames.checkTable("JdbcSource.from(table)", table);
            this.reader = Objects.requireNonNull(reader, "reader");
        }

        /** The modification-time column; default {@code updated_at}. */
        public Builder<T> updatedAt(String column) {
            this.updatedAt = SqlNames.checkIdentifier("JdbcSource.Builder.updatedAt", column);
            return this;
        }

        /** The unique id column that breaks ties between equal times; default {@code id}. */
        public Builder<T> id(String column) {
            this.id = SqlNames.checkIdentifier("JdbcSource.Builder.id", column);
            return this;
        }

        /** The columns to read; default all ({@code *}). The keyset columns are added when missing. */
        public Builder<T> columns(String... columns) {
            List<String> list = new ArrayList<>();
            for (String c : columns) {
                list.add(SqlNames.checkIdentifier("JdbcSource.Builder.columns", c));
            }
            this.columns = list;
            return this;
        }

        /**
         * Reads only rows matching a condition, e.g. {@code where("status = ?", "ARCHIVED")}. The condition is SQL
         * written by the developer, never user input: values must go in {@code params}, which are bound.
         */
        public Builder<T> where(String condition, Object... params) {
            Objects.requireNonNull(condition, "condition");
            if (condition.isBlank() || condition.contains(";")) {
                throw new IllegalArgumentException("where condition '" + condition + "' must be one non-empty "
                        + "SQL condition without ';'");
            }
            this.filter = condition;
            this.filterParams = List.of(params);
            return this;
        }

        /** Rows per window (one query each); default 1000. */
        public Builder<T> batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** How far behind "now" reading stops; longer than the slowest writing transaction. Default 30 s. */
        public Builder<T> settleDelay(Duration settleDelay) {
            this.settleDelay = Limits.nonNegative(settleDelay, "settleDelay");
            return this;
        }

        /** Where a job without a checkpoint starts; default the epoch (the whole table). */
        public Builder<T> initialWatermark(Instant watermark) {
            this.initialWatermark = Limits.instant(watermark, "initialWatermark");
            return this;
        }

        /** The zone of the table's local date-times; default Asia/Shanghai. */
        public Builder<T> zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Overrides the dialect detected from the connection. */
        public Builder<T> dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        public JdbcSource<T> build() {
            if (columns != null) {
                if (!columns.contains(updatedAt)) {
                    columns.add(updatedAt);
                }
                if (!columns.contains(id)) {
                    columns.add(id);
                }
            }
            return new JdbcSource<>(this);
        }
    }
}
