package io.qiao.sync.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Json;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.internal.DeadLetterEntries;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.DeadLetterSummary;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.SyncException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Dead letters in a table ({@code qiao_dead_letter}), for jobs whose replicas share a database. Every
 * {@link #add} commits before it returns. Ids are the table's generated numbers, in insertion order.
 *
 * <p>Times are stored as UTC with millisecond precision; instants passed in are truncated to milliseconds
 * so that what {@link #list} returns equals what {@link #add} returned.
 *
 * <p>Longer than most classes here (about 370 lines) because it is one table's statements for six short
 * operations (add with de-duplication by key, list, get, resolve, purge, summarise); split, one table's SQL would
 * be scattered over several files.
 */
public final class JdbcDeadLetterStore implements DeadLetterStore {
    /** The table's name unless {@link Builder#table} says otherwise. */
    public static final String DEFAULT_TABLE = "qiao_dead_letter";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    /**
     * The largest {@link java.sql.Statement#setMaxRows} MySQL Connector/J accepts (it refuses more, "out of
     * range", where the other drivers take any int): callers pass {@code Integer.MAX_VALUE} for "all".
     */
    static final int MAX_ROWS_EVERY_DRIVER_TAKES = 50_000_000;
    private static final String COLUMNS = "id, job, record_key, payload, stage, reasons, window_name, first_seen, "
            + "last_seen, attempts, resolved";

    private final DataSource dataSource;
    private final String table;
    private final Dialect dialectOverride;
    private final ObjectMapper mapper = Json.newMapper();
    private volatile SqlNames names;

    private JdbcDeadLetterStore(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.dialectOverride = b.dialect;
    }

    public static JdbcDeadLetterStore of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    public String table() {
        return table;
    }

    /** Creates the table and its indexes when they do not exist, with the DDL of {@link Dialect#ddlResource}. */
    public void createTablesIfMissing() {
        try (Connection c = dataSource.getConnection()) {
            JdbcDdl.createIfMissing(c, names(c), DEFAULT_TABLE, table);
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot create dead-letter table " + table, e);
        }
    }

    @Override
    public DeadLetter add(String job, String key, String payload, Rejection.Stage stage, List<String> reasons,
                          String window, Instant now) {
        DeadLetterEntries.checkAdd(job, payload, stage, reasons, now);
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                DeadLetter result = key == null ? null : seenAgain(c, job, key, payload, stage, reasons, window, at);
                if (result == null) {
                    result = insert(c, job, key, payload, stage, reasons, window, at);
                }
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                JdbcSupport.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot store dead letter of job '" + job + "' in " + table, e);
        }
    }

    /** Updates the unresolved entry of the same job and key, if there is one. */
    private DeadLetter seenAgain(Connection c, String job, String key, String payload, Rejection.Stage stage,
                                 List<String> reasons, String window, Instant now) throws SQLException {
        SqlNames n = names(c);
        String t = n.quote(table);
        DeadLetter existing;
        // FOR UPDATE: two replicas re-rejecting the same record count two attempts, not one.
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + t
                + " WHERE job = ? AND resolved = ? AND record_key = ? ORDER BY id FOR UPDATE")) {
            ps.setString(1, job);
            ps.setBoolean(2, false);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                existing = read(rs);
            }
        }
        DeadLetter updated = DeadLetterEntries.seenAgain(existing, payload, stage, reasons, window, now);
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t + " SET payload = ?, stage = ?, reasons = ?, "
                + "window_name = ?, last_seen = ?, attempts = ? WHERE id = ?")) {
            ps.setString(1, payload);
            ps.setString(2, stage.name());
            ps.setString(3, json(reasons));
            ps.setString(4, window);
            JdbcSupport.setUtc(ps, 5, now, n.dialect());
            ps.setInt(6, updated.attempts());
            ps.setLong(7, Long.parseLong(existing.id()));
            ps.executeUpdate();
        }
        return updated;
    }

    private DeadLetter insert(Connection c, String job, String key, String payload, Rejection.Stage stage,
                              List<String> reasons, String window, Instant now) throws SQLException {
        SqlNames n = names(c);
        String sql = "INSERT INTO " + n.quote(table) + " (job, record_key, payload, stage, reasons, "
                + "window_name, first_seen, last_seen, attempts, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {generatedIdColumn(c)})) {
            ps.setString(1, job);
            ps.setString(2, key);
            ps.setString(3, payload);
            ps.setString(4, stage.name());
            ps.setString(5, json(reasons));
            ps.setString(6, window);
            JdbcSupport.setUtc(ps, 7, now, n.dialect());
            JdbcSupport.setUtc(ps, 8, now, n.dialect());
            ps.setBoolean(9, false);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SyncException("the database returned no generated id for the dead letter in " + table);
                }
                String id = Long.toString(keys.getLong(1));
                return new DeadLetter(id, job, key, payload, stage, reasons, window, now, now, 1, false);
            }
        }
    }

    @Override
    public List<DeadLetter> list(String job, boolean includeResolved, int limit) {
        Objects.requireNonNull(job, "job");
        DeadLetterEntries.checkLimit(limit);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + names(c).quote(table)
                     + " WHERE job = ?" + (includeResolved ? "" : " AND resolved = ?") + " ORDER BY first_seen, id")) {
            ps.setString(1, job);
            if (!includeResolved) {
                ps.setBoolean(2, false);
            }
            if (limit <= MAX_ROWS_EVERY_DRIVER_TAKES) {
                ps.setMaxRows(limit);  // above it the loop below stops at the limit alone
            }
            List<DeadLetter> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && result.size() < limit) {
                    result.add(read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot list dead letters of job '" + job + "' in " + table, e);
        }
    }

    @Override
    public Optional<DeadLetter> find(String job, String id) {
        Objects.requireNonNull(job, "job");
        Long numeric = parseId(id);
        if (numeric == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + names(c).quote(table)
                     + " WHERE job = ? AND id = ?")) {
            ps.setString(1, job);
            ps.setLong(2, numeric);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot read dead letter " + id + " of job '" + job + "' in " + table, e);
        }
    }

    @Override
    public void resolve(String job, List<String> ids, Instant now) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(now, "now");
        List<Long> numeric = new ArrayList<>(ids.size());
        for (String id : ids) {
            Long n = parseId(id);
            if (n != null) {
                numeric.add(n);  // an id that is not a number names no entry of this store: nothing to resolve
            }
        }
        if (numeric.isEmpty()) {
            return;
        }
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            SqlNames n = names(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + n.quote(table)
                    + " SET resolved = ?, resolved_at = ? WHERE job = ? AND id = ?")) {
                for (Long id : numeric) {
                    ps.setBoolean(1, true);
                    JdbcSupport.setUtc(ps, 2, at, n.dialect());
                    ps.setString(3, job);
                    ps.setLong(4, id);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                JdbcSupport.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot resolve dead letters of job '" + job + "' in " + table, e);
        }
    }

    @Override
    public int purge(String job, boolean resolvedOnly) {
        Objects.requireNonNull(job, "job");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + names(c).quote(table) + " WHERE job = ?"
                     + (resolvedOnly ? " AND resolved = ?" : ""))) {
            ps.setString(1, job);
            if (resolvedOnly) {
                ps.setBoolean(2, true);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot purge dead letters of job '" + job + "' in " + table, e);
        }
    }

    @Override
    public Map<String, Long> summary(String job, Instant from, Instant to) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            return Collections.emptyMap();
        }
        // Normalising happens in Java (the same rules as every other store), so only the reasons are read.
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT reasons FROM " + names(c).quote(table)
                     + " WHERE job = ? AND resolved = ? AND last_seen >= ? AND last_seen < ?")) {
            ps.setString(1, job);
            ps.setBoolean(2, false);
            JdbcSupport.setUtc(ps, 3, from, names(c).dialect());
            JdbcSupport.setUtc(ps, 4, to, names(c).dialect());
            List<List<String>> reasons = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reasons.add(parseReasons(rs.getString(1)));
                }
            }
            return DeadLetterSummary.of(reasons);
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot summarise dead letters of job '" + job + "' in " + table, e);
        }
    }

    private DeadLetter read(ResultSet rs) throws SQLException {
        return new DeadLetter(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                Rejection.Stage.valueOf(rs.getString(5)), parseReasons(rs.getString(6)), rs.getString(7),
                JdbcSupport.utc(rs.getObject(8, LocalDateTime.class)), JdbcSupport.utc(rs.getObject(9, LocalDateTime.class)),
                rs.getInt(10), rs.getBoolean(11));
    }

    private String json(List<String> reasons) {
        try {
            return mapper.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new SyncException("cannot encode dead-letter reasons as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private List<String> parseReasons(String text) {
        try {
            return mapper.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            // A DBA may have edited the row by hand; keep the text rather than lose the entry.
            return List.of(text);
        }
    }

    /** The numeric id, or null for a string that cannot be an id of this store. */
    private static Long parseId(String id) {
        Objects.requireNonNull(id, "id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String generatedIdColumn(Connection c) throws SQLException {
        // PostgreSQL and H2 return the named column; the name must be in the case the database stores it.
        return switch (names(c).dialect()) {
            case H2 -> "ID";
            case POSTGRESQL, MYSQL -> "id";
        };
    }

    private SqlNames names(Connection c) throws SQLException {
        SqlNames n = names;
        if (n == null) {
            n = SqlNames.of(c, dialectOverride);
            names = n;
        }
        return n;
    }

    @Override
    public String toString() {
        return "JdbcDeadLetterStore{table=" + table + "}";
    }

    public static final class Builder {
        private final DataSource dataSource;
        private String table = DEFAULT_TABLE;
        private Dialect dialect;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The table's name (optionally schema.table); default {@value #DEFAULT_TABLE}. */
        public Builder table(String table) {
            this.table = SqlNames.checkTable("JdbcDeadLetterStore.Builder.table", table);
            return this;
        }

        /** Overrides the dialect detected from the connection. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        public JdbcDeadLetterStore build() {
            return new JdbcDeadLetterStore(this);
        }
    }
}
