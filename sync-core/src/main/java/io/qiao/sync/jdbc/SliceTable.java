package io.qiao.sync.jdbc;

import io.qiao.sync.TimeWindow;
import io.qiao.sync.jdbc.JdbcBackfill.Progress;
import io.qiao.sync.jdbc.JdbcBackfill.Slice;
import io.qiao.sync.jdbc.SliceStatements.State;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The slices of {@link JdbcBackfill} in their table ({@code qiao_backfill_slice}): storing planned slices,
 * claiming the next one, renewing and finishing a claim, and counting where a job stands. It does not decide how
 * a range is cut into slices ({@link BackfillSlicing}) nor run the work on one ({@link JdbcBackfill#work}).
 *
 * <p>On MySQL/MariaDB (10.6+) and PostgreSQL a claim is one short transaction around {@code SELECT ... FOR UPDATE
 * SKIP LOCKED}; on H2, whose {@code LIMIT} counts the locked row it skips, a conditional {@code UPDATE}
 * (compare-and-set on the slice's state) on a few candidates instead (see {@link JdbcBackfill}).
 */
final class SliceTable {
    /** The size of the {@code last_error} column. */
    static final int MAX_ERROR = 2000;

    private final DataSource dataSource;
    private final String table;
    private final Dialect dialectOverride;
    private final Clock clock;
    private final String owner;
    private final Duration claimTtl;
    private final int maxAttempts;
    private final Duration retryDelay;
    private volatile SliceStatements sql;

    SliceTable(DataSource dataSource, String table, Dialect dialectOverride, Clock clock, String owner,
            Duration claimTtl, int maxAttempts, Duration retryDelay) {
        this.dataSource = dataSource;
        this.table = table;
        this.dialectOverride = dialectOverride;
        this.clock = clock;
        this.owner = owner;
        this.claimTtl = claimTtl;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
    }

    /** A slice this worker claimed, under a claim id of its own (the owner plus a random part). */
    record Claim(Slice slice, String claimId) {
    }

    /** Creates the table when it does not exist. */
    void createIfMissing() {
        try (Connection c = dataSource.getConnection()) {
            JdbcDdl.createIfMissing(c, sql(c).names, JdbcBackfill.DEFAULT_TABLE, table);
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot create backfill table " + table, e);
        }
    }

    /**
     * Stores the slices the job does not have yet, as PENDING, in one transaction, after checking that the slices
     * it has in the range are the same ones.
     *
     * @return how many were added
     * @throws SQLException a duplicate key ({@link JdbcSupport#isRowError}) when another replica stored some of
     *     the same slices meanwhile: looking again finds them
     * @throws IllegalStateException when the job has a slice in the range that is not one of {@code slices}
     */
    int insertMissing(String job, Instant from, Instant to, List<TimeWindow> slices) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int added = insertMissing(c, job, from, to, slices);
                c.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                JdbcSupport.rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    /** Claims the job's next claimable slice for this worker; empty when none is claimable now. */
    Optional<Claim> claimNext(String job) {
        try (Connection c = dataSource.getConnection()) {
            SliceStatements s = sql(c);
            return s.names.dialect() == Dialect.H2 ? claimByUpdate(c, s, job) : claimSkippingLocked(c, s, job);
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot claim a backfill slice of job '" + job + "' in " + table, e);
        }
    }

    /** Extends the claim by the claim ttl from now; false when the claim is no longer this worker's. */
    boolean renew(Claim claim) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql(c).renew)) {
            Dialect dialect = sql(c).names.dialect();
            JdbcSupport.setUtc(ps, 1, now().plus(claimTtl), dialect);
            ps.setString(2, claim.slice().job());
            JdbcSupport.setUtc(ps, 3, claim.slice().start(), dialect);
            ps.setString(4, claim.claimId());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot renew the claim on backfill slice " + claim.slice().window()
                    + " of job '" + claim.slice().job() + "' in " + table, e);
        }
    }

    /**
     * Records the outcome: DONE when {@code error} is null, else FAILED with the error text (cut to the column).
     *
     * @return false when the claim is no longer this worker's (the outcome is not recorded)
     */
    boolean finish(Claim claim, String error) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql(c).finish)) {
            Dialect dialect = sql(c).names.dialect();
            ps.setString(1, (error == null ? State.DONE : State.FAILED).name());
            ps.setString(2, cut(error));
            JdbcSupport.setUtc(ps, 3, now(), dialect);
            ps.setString(4, claim.slice().job());
            JdbcSupport.setUtc(ps, 5, claim.slice().start(), dialect);
            ps.setString(6, claim.claimId());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot record the outcome of backfill slice " + claim.slice().window()
                    + " of job '" + claim.slice().job() + "' in " + table, e);
        }
    }

    /** How far the job's backfill is, counted from the table now. */
    Progress progress(String job) {
        Instant now = now();
        long pending = 0;
        long claimed = 0;
        long done = 0;
        long failed = 0;
        long abandoned = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql(c).states)) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String state = rs.getString(1);
                    boolean attemptsLeft = rs.getInt(2) < maxAttempts;
                    Instant claimUntil = JdbcSupport.utc(rs.getObject(3, LocalDateTime.class));
                    switch (State.valueOf(state)) {
                        case PENDING -> pending++;
                        case DONE -> done++;
                        case FAILED -> {
                            if (attemptsLeft) {
                                failed++;
                            } else {
                                abandoned++;
                            }
                        }
                        default -> {
                            if (claimUntil != null && claimUntil.isAfter(now)) {
                                claimed++;
                            } else if (attemptsLeft) {
                                pending++;  // its worker died; the slice is claimed again
                            } else {
                                abandoned++;
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot read the backfill of job '" + job + "' from " + table, e);
        }
        return new Progress(job, pending, claimed, done, failed, abandoned);
    }

    private int insertMissing(Connection c, String job, Instant from, Instant to, List<TimeWindow> slices)
            throws SQLException {
        SliceStatements s = sql(c);
        Map<Instant, Instant> existing = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(s.overlapping)) {
            ps.setString(1, job);
            JdbcSupport.setUtc(ps, 2, to, s.names.dialect());
            JdbcSupport.setUtc(ps, 3, from, s.names.dialect());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.put(JdbcSupport.utc(rs.getObject(1, LocalDateTime.class)),
                            JdbcSupport.utc(rs.getObject(2, LocalDateTime.class)));
                }
            }
        }
        Map<Instant, Instant> planned = new HashMap<>();
        slices.forEach(w -> planned.put(w.start(), w.end()));
        existing.forEach((start, end) -> {
            if (!end.equals(planned.get(start))) {
                throw new IllegalStateException("job '" + job + "' already has the backfill slice [" + start + ", "
                        + end + "), which is not one of the slices planned now; plan the same range with the same "
                        + "slice length, or a range that does not overlap it");
            }
        });
        Instant now = now();
        int added = 0;
        try (PreparedStatement ps = c.prepareStatement(s.insert)) {
            for (TimeWindow w : slices) {
                if (existing.containsKey(w.start())) {
                    continue;
                }
                ps.setString(1, job);
                JdbcSupport.setUtc(ps, 2, w.start(), s.names.dialect());
                JdbcSupport.setUtc(ps, 3, w.end(), s.names.dialect());
                JdbcSupport.setUtc(ps, 4, now, s.names.dialect());
                ps.addBatch();
                added++;
            }
            if (added > 0) {
                ps.executeBatch();
            }
        }
        return added;
    }

    /** One short transaction: lock the first claimable slice no other worker has locked, and claim it. */
    private Optional<Claim> claimSkippingLocked(Connection c, SliceStatements s, String job) throws SQLException {
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        // Read committed: a locking read then locks only the row it returns, not the rows it scanned past.
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try {
            Instant now = now();
            Optional<Claim> claim = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement(s.lockNext)) {
                bindClaimable(ps, 1, s, job, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Instant start = JdbcSupport.utc(rs.getObject(1, LocalDateTime.class));
                        Instant end = JdbcSupport.utc(rs.getObject(2, LocalDateTime.class));
                        int attempt = rs.getInt(3) + 1;
                        claim = Optional.of(new Claim(new Slice(job, start, end, attempt), newClaimId()));
                    }
                }
            }
            if (claim.isPresent() && !markClaimed(c, s, claim.get(), now)) {
                throw new IllegalStateException("backfill slice " + claim.get().slice().window() + " of job '" + job
                        + "' was locked by this worker yet could not be claimed");
            }
            c.commit();
            return claim;
        } catch (SQLException | RuntimeException e) {
            JdbcSupport.rollbackQuietly(c, e);
            throw e;
        } finally {
            c.setAutoCommit(true);
            c.setTransactionIsolation(isolation);
        }
    }

    /** Compare-and-set claims on a few candidates, for H2 (see the class comment). */
    private Optional<Claim> claimByUpdate(Connection c, SliceStatements s, String job) throws SQLException {
        c.setAutoCommit(true);
        while (true) {
            Instant now = now();
            List<Slice> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(s.candidates)) {
                bindClaimable(ps, 1, s, job, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(new Slice(job, JdbcSupport.utc(rs.getObject(1, LocalDateTime.class)),
                                JdbcSupport.utc(rs.getObject(2, LocalDateTime.class)), rs.getInt(3) + 1));
                    }
                }
            }
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            for (Slice candidate : candidates) {
                Claim claim = new Claim(candidate, newClaimId());
                if (markClaimed(c, s, claim, now)) {
                    return Optional.of(new Claim(withAttemptFromTable(c, s, candidate), claim.claimId()));
                }
                // another worker claimed it between our look and our update: try the next one
            }
        }
    }

    private Slice withAttemptFromTable(Connection c, SliceStatements s, Slice slice) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(s.attempts)) {
            ps.setString(1, slice.job());
            JdbcSupport.setUtc(ps, 2, slice.start(), s.names.dialect());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Slice(slice.job(), slice.start(), slice.end(), rs.getInt(1)) : slice;
            }
        }
    }

    /** Claims the slice if it is still claimable; its attempts count up by one. */
    private boolean markClaimed(Connection c, SliceStatements s, Claim claim, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(s.claim)) {
            ps.setString(1, claim.claimId());
            JdbcSupport.setUtc(ps, 2, now.plus(claimTtl), s.names.dialect());
            JdbcSupport.setUtc(ps, 3, now, s.names.dialect());
            JdbcSupport.setUtc(ps, 4, claim.slice().start(), s.names.dialect());
            bindClaimable(ps, 5, s, claim.slice().job(), now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Binds {@code job = ? AND <claimable>} from parameter {@code i}; returns the next parameter index. */
    private int bindClaimable(PreparedStatement ps, int i, SliceStatements s, String job, Instant now) throws SQLException {
        ps.setString(i++, job);
        ps.setInt(i++, maxAttempts);
        JdbcSupport.setUtc(ps, i++, now.minus(retryDelay), s.names.dialect());
        JdbcSupport.setUtc(ps, i++, now, s.names.dialect());
        return i;
    }

    private static String cut(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 3) + "...";
    }

    private String newClaimId() {
        return owner + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private SliceStatements sql(Connection c) throws SQLException {
        SliceStatements s = sql;
        if (s == null) {
            s = new SliceStatements(SqlNames.of(c, dialectOverride), table);
            sql = s;
        }
        return s;
    }
}
