package io.qiao.sync.jdbc;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointConflictException;
import io.qiao.sync.store.LeaseHolder;
import io.qiao.sync.store.LeasingCheckpointStore;
import io.qiao.sync.Position;
import io.qiao.sync.SyncException;
import io.qiao.sync.internal.Limits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Checkpoints in a table ({@code qiao_checkpoint}: job, watermark, cursor, version, updated_at, owner,
 * lease_until), advanced by compare-and-set on {@code version}, plus job leases in the same row.
 *
 * <p>Every store instance acts for one owner (a replica of the host application; by default an id made of
 * the host, the process and a random part). The compare-and-set succeeds only when the version matches
 * and no other owner holds a live lease on the job, so a runner whose lease was taken over cannot commit.
 * Without leases (nobody ever acquires one) it is a plain compare-and-set.
 *
 * <p>Times are UTC, updated_at and lease_until to the millisecond ({@code DATETIME(3)}/{@code TIMESTAMP(3)},
 * as the shipped DDL has always created them; a table made by hand with whole-second columns keeps whole
 * seconds, and leases then end up to a second early or late: on MySQL/MariaDB {@code ALTER TABLE
 * qiao_checkpoint MODIFY updated_at DATETIME(3) NOT NULL, MODIFY lease_until DATETIME(3) NULL}, on
 * PostgreSQL {@code ALTER TABLE qiao_checkpoint ALTER updated_at TYPE TIMESTAMP(3), ALTER lease_until TYPE
 * TIMESTAMP(3)}). The watermark is stored as ISO-8601 text ({@code 2024-05-01T00:00:00Z}) so that it comes
 * back exactly as it went in, nanoseconds included, whatever the column types of the database. Lease
 * expiry is judged by this store's clock: replicas' clocks should be NTP-synchronised well within a ttl.
 *
 * <p>{@link io.qiao.sync.SyncJob.Builder#lease(Duration)} makes a job take its lease here by itself; {@link
 * #runLeased} does the same around any work.
 *
 * <p>When a {@link JdbcUpsertSink} writes to the same {@link DataSource}, the engine commits the checkpoint
 * in the sink's transaction (see {@link JdbcUpsertSink#canCommitWith}).
 */
public final class JdbcCheckpointStore implements LeasingCheckpointStore {
    /** The table's name unless {@link Builder#table} says otherwise. */
    public static final String DEFAULT_TABLE = "qiao_checkpoint";
    static final int MAX_CURSOR = 500;

    private final DataSource dataSource;
    private final String table;
    private final Dialect dialectOverride;
    private final Clock clock;
    private final String owner;
    private final JdbcLeases leases;
    private volatile Sql sql;

    private JdbcCheckpointStore(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.dialectOverride = b.dialect;
        this.clock = b.clock;
        this.owner = b.owner != null ? b.owner : StoreKeys.defaultOwner();
        this.leases = new JdbcLeases(dataSource, table, dialectOverride, clock, owner);
    }

    /** A store on {@code qiao_checkpoint} with the system clock and a generated owner id. */
    public static JdbcCheckpointStore of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The owner id this store acts for in leases. */
    public String owner() {
        return owner;
    }

    public String table() {
        return table;
    }

    /** Creates the table when it does not exist, with the DDL of {@link Dialect#ddlResource}. */
    public void createTablesIfMissing() {
        try (Connection c = dataSource.getConnection()) {
            Sql s = sql(c);
            JdbcDdl.createIfMissing(c, s.names, DEFAULT_TABLE, table);
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot create checkpoint table " + table, e);
        }
    }

    @Override
    public Optional<Checkpoint> load(String job) {
        StoreKeys.checkJob(job);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql(c).select)) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();  // no row, or a row that only holds a lease
                }
                Position position = new Position(parseWatermark(job, rs.getString(1)), rs.getString(2));
                return Optional.of(new Checkpoint(job, position, rs.getLong(3),
                        JdbcSupport.utc(rs.getObject(4, LocalDateTime.class))));
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot load checkpoint of job '" + job + "' from " + table, e);
        }
    }

    @Override
    public Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
        StoreKeys.checkJob(job);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Checkpoint result = compareAndSet(c, job, expectedVersion, position);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                JdbcSupport.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot store checkpoint of job '" + job + "' in " + table, e);
        }
    }

    /**
     * The compare-and-set on the caller's connection and transaction: the sink calls it after writing a batch,
     * so that both commit together. Does not commit.
     */
    Checkpoint compareAndSet(Connection c, String job, long expectedVersion, Position position) throws SQLException {
        StoreKeys.checkJob(job);
        Objects.requireNonNull(position, "position");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must not be negative, was " + expectedVersion);
        }
        if (position.cursor() != null && position.cursor().length() > MAX_CURSOR) {
            throw new IllegalArgumentException("position cursor of job '" + job + "' is " + position.cursor().length()
                    + " characters long; the checkpoint table keeps at most " + MAX_CURSOR);
        }
        Sql s = sql(c);
        Instant now = now();
        try (PreparedStatement ps = c.prepareStatement(s.update)) {
            ps.setString(1, position.watermark().toString());
            ps.setString(2, position.cursor());
            s.setTime(ps, 3, now);
            ps.setString(4, job);
            ps.setLong(5, expectedVersion);
            leases.bindFreeOrMine(ps, 6, s.names, now);
            if (ps.executeUpdate() == 1) {
                return new Checkpoint(job, position, expectedVersion + 1, now);
            }
        }
        if (expectedVersion == 0 && insertFirst(c, s, job, position, now)) {
            return new Checkpoint(job, position, 1, now);
        }
        throw leases.conflict(c, job, expectedVersion, now);
    }

    /** The first checkpoint of a job that has no row yet; false when another runner inserted it first. */
    private boolean insertFirst(Connection c, Sql s, String job, Position position, Instant now) throws SQLException {
        // In a transaction a duplicate key aborts the whole transaction on PostgreSQL; a savepoint confines it.
        Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(s.insert)) {
            ps.setString(1, job);
            ps.setString(2, position.watermark().toString());
            ps.setString(3, position.cursor());
            s.setTime(ps, 4, now);
            ps.executeUpdate();
            if (sp != null) {
                c.releaseSavepoint(sp);
            }
            return true;
        } catch (SQLException e) {
            if (!JdbcSupport.isRowError(e)) {
                throw e;
            }
            if (sp != null) {
                c.rollback(sp);
            }
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------- leases
    // Kept in the same row by JdbcLeases; the compare-and-set above asks it for the lease condition.

    /**
     * Takes the job's lease for {@code ttl} unless another owner holds a live one. Taking a lease does not
     * change the checkpoint or its version.
     *
     * @return the lease, or empty when another owner holds it (the caller skips this run)
     */
    @Override
    public Optional<JobLease> tryAcquireLease(String job, Duration ttl) {
        StoreKeys.checkJob(job);
        JobLease.checkTtl(ttl);
        return leases.tryAcquire(job, ttl);
    }

    @Override
    public Optional<LeaseHolder> leaseHolder(String job) {
        StoreKeys.checkJob(job);
        return leases.holder(job);
    }

    /**
     * Waits up to {@code maxWait} for the job's lease, polling; for a replica that should run the job as soon
     * as the current holder finishes, rather than skip it.
     *
     * @param maxWait zero (one try) up to 100 years
     * @return the lease, or empty when it stayed taken for {@code maxWait} (or the thread was interrupted)
     * @throws IllegalArgumentException naming {@code maxWait} when it is negative or longer than 100 years
     */
    public Optional<JobLease> acquireLease(String job, Duration ttl, Duration maxWait) {
        StoreKeys.checkJob(job);
        JobLease.checkTtl(ttl);
        Limits.nonNegative(maxWait, "maxWait"); // 300 years of nanoseconds overflowed in the wait's deadline
        return leases.acquire(job, ttl, maxWait);
    }

    /**
     * Runs {@code work} under the job's lease, renewing it every third of {@code ttl} on a background thread and
     * releasing it afterwards; does nothing when another owner holds the lease. If the lease is lost while the
     * work runs (another owner took it over, or renewals kept failing until it was about to run out), the thread
     * running the work is interrupted, so that the work stops before another replica can take the job over; the
     * interrupt is cleared again before this method returns. A commit the work makes after losing the lease is
     * refused with a {@link CheckpointConflictException} as well.
     *
     * @return the work's result, or empty when the job was skipped
     */
    public <R> Optional<R> runLeased(String job, Duration ttl, Supplier<R> work) {
        StoreKeys.checkJob(job);
        JobLease.checkTtl(ttl);
        Objects.requireNonNull(work, "work");
        return leases.runLeased(job, ttl, work);
    }

    // ---------------------------------------------------------------------------------------------- internals

    private Instant now() {
        // The columns' precision, so that what load() returns equals what compareAndSet() returned.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Sql sql(Connection c) throws SQLException {
        Sql s = sql;
        if (s == null) {
            SqlNames n = SqlNames.of(c, dialectOverride);
            s = new Sql(n, table, leases.freeOrMine(n));
            sql = s;
        }
        return s;
    }

    private static Instant parseWatermark(String job, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new SyncException("checkpoint of job '" + job + "' has watermark '" + text
                    + "', which is not an ISO-8601 instant such as 2024-05-01T00:00:00Z", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcCheckpointStore{table=" + table + ", owner=" + owner + "}";
    }

    /** The statements, built once per store from the database's dialect. */
    private static final class Sql {
        final SqlNames names;
        final String select;
        final String update;
        final String insert;

        Sql(SqlNames n, String table, String freeOrMine) {
            this.names = n;
            String t = n.quote(table);
            String job = n.quote("job");
            String watermark = n.quote("watermark");
            String cursor = n.quote("cursor");
            String version = n.quote("version");
            String updatedAt = n.quote("updated_at");
            select = "SELECT " + watermark + ", " + cursor + ", " + version + ", " + updatedAt + " FROM " + t
                    + " WHERE " + job + " = ?";
            // Refused while another owner holds a live lease on the job: a runner whose lease was lost cannot commit.
            update = "UPDATE " + t + " SET " + watermark + " = ?, " + cursor + " = ?, " + version + " = " + version
                    + " + 1, " + updatedAt + " = ? WHERE " + job + " = ? AND " + version + " = ? AND " + freeOrMine;
            insert = "INSERT INTO " + t + " (" + job + ", " + watermark + ", " + cursor + ", " + version + ", "
                    + updatedAt + ") VALUES (?, ?, ?, 1, ?)";
        }

        void setTime(PreparedStatement ps, int index, Instant time) throws SQLException {
            JdbcSupport.setUtc(ps, index, time, names.dialect());
        }
    }

    public static final class Builder {
        private final DataSource dataSource;
        private String table = DEFAULT_TABLE;
        private Dialect dialect;
        private Clock clock = Clock.systemUTC();
        private String owner;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The table's name (optionally schema.table); default {@value #DEFAULT_TABLE}. */
        public Builder table(String table) {
            this.table = SqlNames.checkTable("JdbcCheckpointStore.Builder.table", table);
            return this;
        }

        /** Overrides the dialect detected from the connection. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** Stamps updated_at and judges lease expiry; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The id this replica uses in leases, e.g. the pod name; default pid@host plus a random part. Two stores
         * with the same owner id share leases, so give each replica its own.
         */
        public Builder owner(String owner) {
            this.owner = StoreKeys.checkOwner(owner);
            return this;
        }

        public JdbcCheckpointStore build() {
            return new JdbcCheckpointStore(this);
        }
    }
}
