package io.qiao.sync.jdbc;

import io.qiao.sync.store.CheckpointConflictException;
import io.qiao.sync.store.LeaseHolder;
import io.qiao.sync.internal.LeaseRenewer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job leases, kept in the {@code owner} and {@code lease_until} columns of the job's checkpoint row, so that
 * replicas coordinate through the database they already share. {@link JdbcCheckpointStore} hands its lease calls
 * here and asks {@link #freeOrMine} for the condition its compare-and-set adds, so that a runner whose lease was
 * taken over cannot commit. Taking, renewing or releasing a lease never changes the checkpoint or its version.
 */
final class JdbcLeases {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLeases.class);

    private final DataSource dataSource;
    private final String table;
    private final Dialect dialectOverride;
    private final Clock clock;
    private final String owner;
    private volatile Sql sql;

    JdbcLeases(DataSource dataSource, String table, Dialect dialectOverride, Clock clock, String owner) {
        this.dataSource = dataSource;
        this.table = table;
        this.dialectOverride = dialectOverride;
        this.clock = clock;
        this.owner = owner;
    }

    String owner() {
        return owner;
    }

    /** Takes the job's lease for {@code ttl} unless another owner holds a live one; empty when one does. */
    Optional<JobLease> tryAcquire(String job, Duration ttl) {
        Instant now = now();
        Instant until = now.plus(ttl).truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            Sql s = sql(c);
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(s.take)) {
                ps.setString(1, owner);
                s.setTime(ps, 2, until);
                ps.setString(3, job);
                bindFreeOrMine(ps, 4, s.names, now);
                if (ps.executeUpdate() == 1) {
                    return Optional.of(new JobLease(this, job, ttl, until));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(s.insert)) {
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

    /** Polls {@link #tryAcquire} until it succeeds or {@code maxWait} is over (or the thread is interrupted). */
    Optional<JobLease> acquire(String job, Duration ttl, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pollMillis = Math.max(10, Math.min(1000, ttl.toMillis() / 4));
        while (true) {
            Optional<JobLease> lease = tryAcquire(job, ttl);
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
     * Runs {@code work} under the job's lease, kept by a {@link LeaseRenewer} that interrupts the work when the
     * lease is lost, and released afterwards; empty when another owner holds the lease.
     */
    <R> Optional<R> runLeased(String job, Duration ttl, Supplier<R> work) {
        Optional<JobLease> acquired = tryAcquire(job, ttl);
        if (acquired.isEmpty()) {
            return Optional.empty();
        }
        try (JobLease lease = acquired.get(); LeaseRenewer renewer = LeaseRenewer.startInterrupting(lease)) {
            R result = work.get();
            renewer.loss().ifPresent(why -> LOG.warn("{}; the work was interrupted", why));
            return Optional.ofNullable(result);
        }
    }

    /** Who holds the job's live lease now, or empty when nobody does. */
    Optional<LeaseHolder> holder(String job) {
        Instant now = now();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql(c).select)) {
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

    /** The new expiry, or null when the lease is no longer this owner's. */
    Instant renew(String job, Duration ttl) {
        Instant until = now().plus(ttl).truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            Sql s = sql(c);
            try (PreparedStatement ps = c.prepareStatement(s.renew)) {
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
             PreparedStatement ps = c.prepareStatement(sql(c).release)) {
            ps.setString(1, job);
            ps.setString(2, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot release the lease of job '" + job + "' in " + table, e);
        }
    }

    // ------------------------------------------------------------------------ what the compare-and-set asks

    /**
     * The condition under which this owner may change the job's row: nobody holds a lease, this owner does, or
     * the holder's lease ran out. Two parameters, bound by {@link #bindFreeOrMine}.
     */
    String freeOrMine(SqlNames n) {
        String holder = n.quote("owner");
        return "(" + holder + " IS NULL OR " + holder + " = ? OR " + n.quote("lease_until") + " <= ?)";
    }

    /** Binds the parameters of {@link #freeOrMine} from index {@code i}. */
    void bindFreeOrMine(PreparedStatement ps, int i, SqlNames n, Instant now) throws SQLException {
        ps.setString(i, owner);
        JdbcSupport.setUtc(ps, i + 1, now, n.dialect());
    }

    /**
     * Why a compare-and-set on the caller's connection changed no row: another owner's live lease (a
     * {@link LeaseLostException}) or a version that moved on.
     */
    CheckpointConflictException conflict(Connection c, String job, long expected, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql(c).select)) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new CheckpointConflictException(job, expected, 0);
                }
                long actual = rs.getLong(1);
                String holder = rs.getString(2);
                Instant until = JdbcSupport.utc(rs.getObject(3, LocalDateTime.class));
                if (actual == expected && holder != null && !holder.equals(owner) && until != null
                        && until.isAfter(now)) {
                    return new LeaseLostException(job, expected, owner, holder, until);
                }
                return new CheckpointConflictException(job, expected, actual);
            }
        }
    }

    private Instant now() {
        // The columns' precision, so that what holder() returns equals what tryAcquire() returned.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Sql sql(Connection c) throws SQLException {
        Sql s = sql;
        if (s == null) {
            SqlNames n = SqlNames.of(c, dialectOverride);
            s = new Sql(n, table, freeOrMine(n));
            sql = s;
        }
        return s;
    }

    /** The statements, built once per store from the database's dialect. */
    private static final class Sql {
        final SqlNames names;
        final String select;
        final String take;
        final String insert;
        final String renew;
        final String release;

        Sql(SqlNames n, String table, String freeOrMine) {
            this.names = n;
            String t = n.quote(table);
            String job = n.quote("job");
            String owner = n.quote("owner");
            String leaseUntil = n.quote("lease_until");
            select = "SELECT " + n.quote("version") + ", " + owner + ", " + leaseUntil + " FROM " + t + " WHERE " + job
                    + " = ?";
            take = "UPDATE " + t + " SET " + owner + " = ?, " + leaseUntil + " = ? WHERE " + job + " = ? AND "
                    + freeOrMine;
            insert = "INSERT INTO " + t + " (" + job + ", " + n.quote("version") + ", " + n.quote("updated_at") + ", "
                    + owner + ", " + leaseUntil + ") VALUES (?, 0, ?, ?, ?)";
            renew = "UPDATE " + t + " SET " + leaseUntil + " = ? WHERE " + job + " = ? AND " + owner + " = ?";
            release = "UPDATE " + t + " SET " + owner + " = NULL, " + leaseUntil + " = NULL WHERE " + job + " = ? AND "
                    + owner + " = ?";
        }

        void setTime(PreparedStatement ps, int index, Instant time) throws SQLException {
            JdbcSupport.setUtc(ps, index, time, names.dialect());
        }
    }
}
