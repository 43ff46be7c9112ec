package io.qiao.sync.jdbc;

import io.qiao.sync.Checkpoint;
import io.qiao.sync.CheckpointConflictException;
import io.qiao.sync.LeaseHolder;
import io.qiao.sync.LeasingCheckpointStore;
import io.qiao.sync.Position;
import io.qiao.sync.SyncException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    static final int MAX_JOB = 200;
    static final int MAX_CURSOR = 500;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCheckpointStore.class);

    private final DataSource dataSource;
    private final String table;
    private final Dialect dialectOverride;
    private final Clock clock;
    private final String owner;
    private volatile Sql sql;

    private JdbcCheckpointStore(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.dialectOverride = b.dialect;
        this.clock = b.clock;
        this.owner = b.owner != null ? b.owner : defaultOwner();
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
            runDdl(c, s.names, DEFAULT_TABLE, table);
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot create checkpoint table " + table, e);
        }
    }

    @Override
    public Optional<Checkpoint> load(String job) {
        checkJob(job);
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
        checkJob(job);
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
        checkJob(job);
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
            ps.setString(6, owner);
            s.setTime(ps, 7, now);
            if (ps.executeUpdate() == 1) {
                return new Checkpoint(job, position, expectedVersion + 1, now);
            }
        }
        if (expectedVersion == 0 && insertFirst(c, s, job, position, now)) {
            return new Checkpoint(job, position, 1, now);
        }
        throw conflict(c, s, job, expectedVersion, now);
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

    private CheckpointConflictException conflict(Connection c, Sql s, String job, long expected, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(s.selectLease)) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new CheckpointConflictException(job, expected, 0);
                }
                long actual = rs.getLong(1);
                String holder = rs.getString(2);
                Instant until = JdbcSupport.utc(rs.getObject(3, LocalDateTime.class));
                if (actual == expected && holder != null && !holder.equals(owner) && until != null && until.isAfter(now)) {
                    return new LeaseLostException(job, expected, owner, holder, until);
                }
                return new CheckpointConflictException(job, expected, actual);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- leases

    /**
     * Takes the job's lease for {@code ttl} unless another owner holds a live one. Taking a lease does not
     * change the checkpoint or its version.
     *
     * @return the lease, or empty when another owner holds it (the caller skips this run)
     */
    @Override
    public Optional<JobLease> tryAcquireLease(String job, Duration ttl) {
        checkJob(job);
        JobLease.checkTtl(ttl);
        Instant now = now();
        Instant until = now.plus(ttl).truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            Sql s = sql(c);
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(s.takeLease)) {
                ps.setString(1, owner);
                s.setTime(ps, 2, until);
                ps.setString(3, job);
                ps.setString(4, owner);
                s.setTime(ps, 5, now);
                if (ps.executeUpdate() == 1) {
                    return Optional.of(new JobLease(this, job, ttl, until));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(s.insertLease)) {
                ps.setString(1, job);
                s.setTime(ps, 2, now);
                ps.setString(3, owner);
                s.setTime(ps, 4, until);
                ps.executeUpdate();
                return Optional.of(new JobLease(this, job, ttl, until));
            } catch (SQLException e) {
                if (JdbcSupport.isRowError(e)) {
                    return Optional.empty();  // the row exists and its lease is someone else's
                }
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot take the lease of job '" + job + "' in " + table, e);
        }
    }

    @Override
    public Optional<LeaseHolder> leaseHolder(String job) {
        checkJob(job);
        Instant now = now();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql(c).selectLease)) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String holder = rs.getString(2);
                Instant until = JdbcSupport.utc(rs.getObject(3, LocalDateTime.class));
                return holder == null || until == null || !until.isAfter(now)
                        ? Optional.empty() : Optional.of(new LeaseHolder(job, holder, until));
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot read the lease of job '" + job + "' in " + table, e);
        }
    }

    /**
     * Waits up to {@code maxWait} for the job's lease, polling; for a replica that should run the job as soon
     * as the current holder finishes, rather than skip it.
     *
     * @return the lease, or empty when it stayed taken for {@code maxWait} (or the thread was interrupted)
     */
    public Optional<JobLease> acquireLease(String job, Duration ttl, Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pollMillis = Math.max(10, Math.min(1000, ttl.toMillis() / 4));
        while (true) {
            Optional<JobLease> lease = tryAcquireLease(job, ttl);
            long left = deadline - System.nanoTime();
            if (lease.isPresent() || left <= 0) {
                return lease;
            }
            try {
                Thread.sleep(Math.min(pollMillis, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * Runs {@code work} under the job's lease, renewing it every third of {@code ttl} on a background thread and
     * releasing it afterwards; does nothing when another owner holds the lease. If a renewal finds the lease
     * lost, the run's next checkpoint commit fails with a {@link CheckpointConflictException}.
     *
     * @return the work's result, or empty when the job was skipped
     */
    public <R> Optional<R> runLeased(String job, Duration ttl, Supplier<R> work) {
        Objects.requireNonNull(work, "work");
        Optional<JobLease> acquired = tryAcquireLease(job, ttl);
        if (acquired.isEmpty()) {
            return Optional.empty();
        }
        ScheduledExecutorService renewer = JdbcSupport.renewer("qiao-lease-" + job);
        try (JobLease lease = acquired.get()) {
            long period = Math.max(1, ttl.toMillis() / 3);
            renewer.scheduleAtFixedRate(() -> renewInBackground(lease), period, period, TimeUnit.MILLISECONDS);
            return Optional.ofNullable(work.get());
        } finally {
            renewer.shutdownNow();
        }
    }

    private static void renewInBackground(JobLease lease) {
        try {
            if (!lease.renew()) {
                LOG.warn("lease of job '{}' held by '{}' was lost; this run's commits will be refused",
                        lease.job(), lease.owner());
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot renew lease of job '{}': {}", lease.job(), e.getMessage());
        }
    }

    /** The new expiry, or null when the lease is no longer this owner's. */
    Instant renew(String job, Duration ttl) {
        Instant until = now().plus(ttl).truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            Sql s = sql(c);
            try (PreparedStatement ps = c.prepareStatement(s.renewLease)) {
                s.setTime(ps, 1, until);
                ps.setString(2, job);
                ps.setString(3, owner);
                return ps.executeUpdate() == 1 ? until : null;
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot renew the lease of job '" + job + "' in " + table, e);
        }
    }

    void release(String job) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql(c).releaseLease)) {
            ps.setString(1, job);
            ps.setString(2, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot release the lease of job '" + job + "' in " + table, e);
        }
    }

    // ---------------------------------------------------------------------------------------------- internals

    private Instant now() {
        // The columns' precision, so that what load() and leaseHolder() return equals what was returned here.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    SqlNames names(Connection c) throws SQLException {
        return sql(c).names;
    }

    private Sql sql(Connection c) throws SQLException {
        Sql s = sql;
        if (s == null) {
            s = new Sql(SqlNames.of(c, dialectOverride), table);
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

    private static void checkJob(String job) {
        Objects.requireNonNull(job, "job");
        if (job.isBlank() || job.length() > MAX_JOB) {
            throw new IllegalArgumentException("job '" + job + "' must be 1-" + MAX_JOB + " characters, not blank");
        }
    }

    /** @throws IllegalArgumentException unless {@code owner} is a usable replica id (it names leases and claims) */
    static String checkOwner(String owner) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank() || owner.length() > 200) {
            throw new IllegalArgumentException("owner '" + owner + "' must be 1-200 characters, not blank");
        }
        return owner;
    }

    static String defaultOwner() {
        // "pid@host" on HotSpot; the random suffix keeps two stores in one process distinct.
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        return runtime + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Runs the shipped DDL of {@code defaultTable} in the dialect of {@code names}, renamed to {@code table}.
     * Statements are separated by ';' at the end of a line; {@code --} comment lines are skipped.
     */
    static void runDdl(Connection c, SqlNames names, String defaultTable, String table) throws SQLException {
        String resource = names.dialect().ddlResource(defaultTable);
        String ddl;
        try (InputStream in = JdbcCheckpointStore.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new SyncException("DDL resource " + resource + " is missing from the classpath");
            }
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SyncException("cannot read DDL resource " + resource, e);
        }
        // The table keeps its (possibly schema-qualified) name; index names, which share the table's prefix,
        // follow it, so that two renamed tables in one PostgreSQL schema do not collide on index names. Both are
        // quoted as every other statement quotes them, so a table named like a reserved word works here too.
        String renamed = Pattern.compile("\\b" + defaultTable + "(_\\w+)?\\b").matcher(ddl)
                .replaceAll(m -> Matcher.quoteReplacement(names.quote(m.group(1) == null
                        ? table : SqlNames.derived(table, m.group(1)))));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            for (String statement : statements(renamed)) {
                st.execute(statement);
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static List<String> statements(String ddl) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : ddl.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String st = current.toString().strip();
                result.add(st.substring(0, st.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().strip());
        }
        return result;
    }

    @Override
    public String toString() {
        return "JdbcCheckpointStore{table=" + table + ", owner=" + owner + "}";
    }

    /** The statements, built once per store from the database's dialect. */
    private static final class Sql {
        final SqlNames names;
        final String select;
        final String selectLease;
        final String update;
        final String insert;
        final String takeLease;
        final String insertLease;
        final String renewLease;
        final String releaseLease;

        Sql(SqlNames n, String table) {
            this.names = n;
            String t = n.quote(table);
            String job = n.quote("job");
            String watermark = n.quote("watermark");
            String cursor = n.quote("cursor");
            String version = n.quote("version");
            String updatedAt = n.quote("updated_at");
            String owner = n.quote("owner");
            String leaseUntil = n.quote("lease_until");
            String notLeasedByOthers = "(" + owner + " IS NULL OR " + owner + " = ? OR " + leaseUntil + " <= ?)";
            select = "SELECT " + watermark + ", " + cursor + ", " + version + ", " + updatedAt + " FROM " + t
                    + " WHERE " + job + " = ?";
            selectLease = "SELECT " + version + ", " + owner + ", " + leaseUntil + " FROM " + t + " WHERE " + job + " = ?";
            update = "UPDATE " + t + " SET " + watermark + " = ?, " + cursor + " = ?, " + version + " = " + version
                    + " + 1, " + updatedAt + " = ? WHERE " + job + " = ? AND " + version + " = ? AND " + notLeasedByOthers;
            insert = "INSERT INTO " + t + " (" + job + ", " + watermark + ", " + cursor + ", " + version + ", "
                    + updatedAt + ") VALUES (?, ?, ?, 1, ?)";
            takeLease = "UPDATE " + t + " SET " + owner + " = ?, " + leaseUntil + " = ? WHERE " + job + " = ? AND "
                    + notLeasedByOthers;
            insertLease = "INSERT INTO " + t + " (" + job + ", " + version + ", " + updatedAt + ", " + owner + ", "
                    + leaseUntil + ") VALUES (?, 0, ?, ?, ?)";
            renewLease = "UPDATE " + t + " SET " + leaseUntil + " = ? WHERE " + job + " = ? AND " + owner + " = ?";
            releaseLease = "UPDATE " + t + " SET " + owner + " = NULL, " + leaseUntil + " = NULL WHERE " + job
                    + " = ? AND " + owner + " = ?";
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
            this.owner = checkOwner(owner);
            return this;
        }

        public JdbcCheckpointStore build() {
            return new JdbcCheckpointStore(this);
        }
    }
}
