package io.qiao.sync.jdbc;

import io.qiao.sync.TimeWindow;
import io.qiao.sync.internal.Limits;
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
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A large backfill split into time slices that many workers (threads, replicas) share through a table
 * ({@code qiao_backfill_slice}). {@link #plan} splits {@code [from, to)} into slices; {@link #work} claims the
 * next slice that is pending (or whose claim ran out, or that failed and may be retried), runs the caller's work
 * on it, marks it DONE or FAILED with the error, and repeats until nothing is left to claim.
 *
 * <pre>{@code
 * JdbcBackfill backfill = JdbcBackfill.builder(dataSource).owner(podName).build();
 * backfill.createTablesIfMissing();
 * backfill.plan("jst-other-inout", from, to, Duration.ofDays(1));      // idempotent: every replica may call it
 * JdbcBackfill.Progress p = backfill.work("jst-other-inout", slice -> {  // on as many threads/replicas as wanted
 *     SyncReport r = SyncJob.builder(slice.checkpointName())        // "jst-other-inout#2024-01-01T00:00:00Z"
 *         .source(TimeWindowSource.builder(fetch).initialWatermark(slice.start()).until(slice.end())
 *                 .overlap(Duration.ZERO).build())
 *         ...
 *         .build().runOnce();
 *     if (r.failed()) {
 *         throw new SyncException(r.errorSummary());                // the slice is retried later
 *     }
 * });
 * }</pre>
 *
 * <p>On MySQL/MariaDB (10.6+) and PostgreSQL a claim is one short transaction around
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, so workers never queue behind each other's claims. H2 accepts
 * that syntax, but its {@code LIMIT} counts the locked row it skips, so a worker would see nothing left while
 * slices are; on H2 a claim is a conditional {@code UPDATE} instead (compare-and-set on the slice's state),
 * which is just as exclusive. A claim lasts {@code claimTtl} and is renewed every third of it while the work
 * runs; a worker that dies leaves its slice to be claimed again once the claim runs out, so work must be
 * idempotent (a SyncJob with an idempotent sink is). Expiry is judged by each worker's clock: keep replicas'
 * clocks NTP-synchronised well within a claim ttl.
 *
 * <p>Immutable and thread-safe.
 */
public final class JdbcBackfill {
    /** The table's name unless {@link Builder#table} says otherwise. */
    public static final String DEFAULT_TABLE = "qiao_backfill_slice";
    static final int MAX_ERROR = 2000;
    /** More slices than this in one plan is a mistake (a slice length in milliseconds instead of hours). */
    static final int MAX_SLICES = 100_000;
    private static final int CANDIDATES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBackfill.class);

    private final DataSource dataSource;
    private final String table;
    private final Dialect dialectOverride;
    private final Clock clock;
    private final String owner;
    private final Duration claimTtl;
    private final int maxAttempts;
    private final Duration retryDelay;
    private volatile Sql sql;

    private JdbcBackfill(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.dialectOverride = b.dialect;
        this.clock = b.clock;
        this.owner = b.owner != null ? b.owner : JdbcCheckpointStore.defaultOwner();
        this.claimTtl = b.claimTtl;
        this.maxAttempts = b.maxAttempts;
        this.retryDelay = b.retryDelay;
    }

    public static JdbcBackfill of(DataSource dataSource) {
        return builder(dataSource).build();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    public String table() {
        return table;
    }

    /** The owner id this worker claims slices for. */
    public String owner() {
        return owner;
    }

    /** Creates the table when it does not exist, with the DDL of {@link Dialect#ddlResource}. */
    public void createTablesIfMissing() {
        try (Connection c = dataSource.getConnection()) {
            JdbcCheckpointStore.runDdl(c, sql(c).names, DEFAULT_TABLE, table);
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot create backfill table " + table, e);
        }
    }

    /**
     * Splits {@code [from, to)} into slices of {@code sliceLength} (the last one shorter when the range does not
     * divide) and stores the ones the job does not have yet, as PENDING. Planning the same range again, from
     * any replica and at the same time, adds nothing; a range that overlaps slices of another length is refused.
     *
     * @return how many slices were added
     * @throws IllegalStateException when the job already has a slice in the range that is not one of these
     */
    public int plan(String job, Instant from, Instant to, Duration sliceLength) {
        checkJob(job);
        List<TimeWindow> slices = slices(from, to, sliceLength);
        for (int attempt = 1; ; attempt++) {
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
            } catch (SQLException e) {
                if (JdbcSupport.isRowError(e) && attempt < 3) {
                    continue; // another replica planned the same slices meanwhile: look again
                }
                throw JdbcSupport.failure("cannot plan the backfill of job '" + job + "' in " + table, e);
            }
        }
    }

    /**
     * Works on the job's slices until none is left to claim now: claims one, runs {@code work} on it while
     * renewing the claim, marks it DONE (work returned) or FAILED with the error text (work threw; it is
     * claimed again after {@code retryDelay} while it has attempts left), and claims the next. Run it on as
     * many threads and replicas as the source allows.
     *
     * @return the progress when this worker found nothing more to claim (slices other workers hold, or failed
     *     ones waiting for their retry delay, may still be open: call again later, or check
     *     {@link Progress#complete()})
     */
    public Progress work(String job, SliceWork work) {
        checkJob(job);
        Objects.requireNonNull(work, "work");
        ScheduledExecutorService renewer = JdbcSupport.renewer("qiao-backfill-" + job);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Optional<Claim> claim = claimNext(job);
                if (claim.isEmpty()) {
                    break;
                }
                runClaimed(claim.get(), work, renewer);
            }
        } finally {
            renewer.shutdownNow();
        }
        return progress(job);
    }

    /** How far the job's backfill is, counted from the table now. */
    public Progress progress(String job) {
        checkJob(job);
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
                    switch (state) {
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

    // ---------------------------------------------------------------------------------------------- public types

    /** The caller's work on one slice; returning marks the slice DONE, throwing marks it FAILED. */
    @FunctionalInterface
    public interface SliceWork {
        void run(Slice slice) throws Exception;
    }

    /**
     * One slice being worked on.
     *
     * @param job     the backfill's job
     * @param start   the slice's first instant
     * @param end     the instant after the slice
     * @param attempt 1 for the first claim of the slice, 2 for the first retry, ...
     */
    public record Slice(String job, Instant start, Instant end, int attempt) {

        /** The slice as a half-open time window. */
        public TimeWindow window() {
            return new TimeWindow(start, end);
        }

        /** A checkpoint name of its own for a SyncJob over this slice: {@code job#start}. */
        public String checkpointName() {
            return job + "#" + start;
        }
    }

    /**
     * Where a job's backfill stands.
     *
     * @param pending   slices waiting for a worker (never claimed, or their worker died)
     * @param claimed   slices a live worker holds
     * @param done      slices finished
     * @param failed    slices whose last attempt failed and that will be retried
     * @param abandoned slices that used up their attempts; the table's {@code last_error} says why (set such a
     *                  row's state back to PENDING and attempts to 0 to have it worked on again)
     */
    public record Progress(String job, long pending, long claimed, long done, long failed, long abandoned) {

        public long total() {
            return pending + claimed + done + failed + abandoned;
        }

        /** Every slice is done. */
        public boolean complete() {
            return done == total();
        }
    }

    // ---------------------------------------------------------------------------------------------- internals

    private static final String PENDING = "PENDING";
    private static final String CLAIMED = "CLAIMED";
    private static final String DONE = "DONE";
    private static final String FAILED = "FAILED";

    private record Claim(Slice slice, String claimId) {
    }

    private int insertMissing(Connection c, String job, Instant from, Instant to, List<TimeWindow> slices)
            throws SQLException {
        Sql s = sql(c);
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

    private Optional<Claim> claimNext(String job) {
        try (Connection c = dataSource.getConnection()) {
            Sql s = sql(c);
            return s.names.dialect() == Dialect.H2 ? claimByUpdate(c, s, job) : claimSkippingLocked(c, s, job);
        } catch (SQLException e) {
            throw JdbcSupport.failure("cannot claim a backfill slice of job '" + job + "' in " + table, e);
        }
    }

    /** One short transaction: lock the first claimable slice no other worker has locked, and claim it. */
    private Optional<Claim> claimSkippingLocked(Connection c, Sql s, String job) throws SQLException {
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
    private Optional<Claim> claimByUpdate(Connection c, Sql s, String job) throws SQLException {
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

    private Slice withAttemptFromTable(Connection c, Sql s, Slice slice) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(s.attempts)) {
            ps.setString(1, slice.job());
            JdbcSupport.setUtc(ps, 2, slice.start(), s.names.dialect());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Slice(slice.job(), slice.start(), slice.end(), rs.getInt(1)) : slice;
            }
        }
    }

    /** Claims the slice if it is still claimable; its attempts count up by one. */
    private boolean markClaimed(Connection c, Sql s, Claim claim, Instant now) throws SQLException {
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
    private int bindClaimable(PreparedStatement ps, int i, Sql s, String job, Instant now) throws SQLException {
        ps.setString(i++, job);
        ps.setInt(i++, maxAttempts);
        JdbcSupport.setUtc(ps, i++, now.minus(retryDelay), s.names.dialect());
        JdbcSupport.setUtc(ps, i++, now, s.names.dialect());
        return i;
    }

    private void runClaimed(Claim claim, SliceWork work, ScheduledExecutorService renewer) {
        long period = Math.max(1, claimTtl.toMillis() / 3);
        ScheduledFuture<?> renewing = renewer.scheduleAtFixedRate(() -> renew(claim), period, period,
                TimeUnit.MILLISECONDS);
        String error = null;
        try {
            work.run(claim.slice());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();  // the host stops this worker; the slice is retried
            error = describe(e);
        } catch (Exception e) {
            error = describe(e);
        } finally {
            renewing.cancel(false);
        }
        if (!finish(claim, error)) {
            LOG.warn("the claim on backfill slice {} of job '{}' ran out and another worker took the slice over; "
                    + "this worker's outcome ({}) is not recorded", claim.slice().window(), claim.slice().job(),
                    error == null ? "done" : "failed");
        }
    }

    private void renew(Claim claim) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql(c).renew)) {
            Dialect dialect = sql(c).names.dialect();
            JdbcSupport.setUtc(ps, 1, now().plus(claimTtl), dialect);
            ps.setString(2, claim.slice().job());
            JdbcSupport.setUtc(ps, 3, claim.slice().start(), dialect);
            ps.setString(4, claim.claimId());
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            // Not fatal yet: the claim holds until it runs out, and the next renewal may get through.
            LOG.warn("cannot renew the claim on backfill slice {} of job '{}': {}", claim.slice().window(),
                    claim.slice().job(), e.getMessage());
        }
    }

    /** Records the outcome; false when the claim is no longer this worker's. */
    private boolean finish(Claim claim, String error) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql(c).finish)) {
            Dialect dialect = sql(c).names.dialect();
            ps.setString(1, error == null ? DONE : FAILED);
            ps.setString(2, error);
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

    /** The error and its causes in one line, cut to the column's size. */
    static String describe(Throwable error) {
        StringBuilder s = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (depth > 0) {
                s.append("; caused by: ");
            }
            s.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                s.append(": ").append(t.getMessage());
            }
        }
        return s.length() <= MAX_ERROR ? s.toString() : s.substring(0, MAX_ERROR - 3) + "...";
    }

    private String newClaimId() {
        return owner + "#" + UUID.randomUUID().toString().substring(0, 8);
    }

    static List<TimeWindow> slices(Instant from, Instant to, Duration sliceLength) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(sliceLength, "sliceLength");
        wholeMillis("from", from);
        wholeMillis("to", to);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("backfill range must not be empty: from " + from + " is not before to "
                    + to);
        }
        if (sliceLength.isNegative() || sliceLength.isZero() || sliceLength.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("sliceLength must be a positive whole number of milliseconds, was "
                    + sliceLength);
        }
        long count = (Duration.between(from, to).toMillis() + sliceLength.toMillis() - 1) / sliceLength.toMillis();
        if (count > MAX_SLICES) {
            throw new IllegalArgumentException("backfill [" + from + ", " + to + ") in slices of " + sliceLength
                    + " makes " + count + " slices; at most " + MAX_SLICES + " are allowed, choose longer slices");
        }
        List<TimeWindow> slices = new ArrayList<>((int) count);
        for (Instant start = from; start.isBefore(to); ) {
            Instant end = start.plus(sliceLength).isBefore(to) ? start.plus(sliceLength) : to;
            slices.add(new TimeWindow(start, end));
            start = end;
        }
        return slices;
    }

    private static void wholeMillis(String what, Instant instant) {
        if (instant.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(what + " must be a whole millisecond (the table keeps milliseconds), was "
                    + instant);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void checkJob(String job) {
        Objects.requireNonNull(job, "job");
        if (job.isBlank() || job.length() > JdbcCheckpointStore.MAX_JOB) {
            throw new IllegalArgumentException("job '" + job + "' must be 1-" + JdbcCheckpointStore.MAX_JOB
                    + " characters, not blank");
        }
    }

    private Sql sql(Connection c) throws SQLException {
        Sql s = sql;
        if (s == null) {
            s = new Sql(SqlNames.of(c, dialectOverride), table);
            sql = s;
        }
        return s;
    }

    @Override
    public String toString() {
        return "JdbcBackfill{table=" + table + ", owner=" + owner + ", claimTtl=" + claimTtl + ", maxAttempts="
                + maxAttempts + "}";
    }

    /** The statements, built once per instance from the database's dialect. */
    private static final class Sql {
        final SqlNames names;
        final String overlapping;
        final String insert;
        final String lockNext;
        final String candidates;
        final String claim;
        final String attempts;
        final String renew;
        final String finish;
        final String states;

        Sql(SqlNames n, String table) {
            this.names = n;
            String t = n.quote(table);
            String job = n.quote("job");
            String start = n.quote("slice_start");
            String end = n.quote("slice_end");
            String state = n.quote("state");
            String attemptsCol = n.quote("attempts");
            String owner = n.quote("owner");
            String claimUntil = n.quote("claim_until");
            String lastError = n.quote("last_error");
            String updatedAt = n.quote("updated_at");
            // parameters: job, maxAttempts, failed before (now - retryDelay), now
            String claimable = job + " = ? AND (" + state + " = '" + PENDING + "' OR (" + attemptsCol + " < ? AND (("
                    + state + " = '" + FAILED + "' AND " + updatedAt + " <= ?) OR (" + state + " = '" + CLAIMED
                    + "' AND " + claimUntil + " <= ?))))";
            String pick = "SELECT " + start + ", " + end + ", " + attemptsCol + " FROM " + t + " WHERE " + claimable
                    + " ORDER BY " + start;
            overlapping = "SELECT " + start + ", " + end + " FROM " + t + " WHERE " + job + " = ? AND " + start
                    + " < ? AND " + end + " > ?";
            insert = "INSERT INTO " + t + " (" + job + ", " + start + ", " + end + ", " + state + ", " + attemptsCol
                    + ", " + updatedAt + ") VALUES (?, ?, ?, '" + PENDING + "', 0, ?)";
            lockNext = pick + " LIMIT 1 FOR UPDATE SKIP LOCKED";
            candidates = pick + " LIMIT " + CANDIDATES;
            claim = "UPDATE " + t + " SET " + state + " = '" + CLAIMED + "', " + owner + " = ?, " + claimUntil
                    + " = ?, " + attemptsCol + " = " + attemptsCol + " + 1, " + updatedAt + " = ? WHERE " + start
                    + " = ? AND " + claimable;
            attempts = "SELECT " + attemptsCol + " FROM " + t + " WHERE " + job + " = ? AND " + start + " = ?";
            String ours = " WHERE " + job + " = ? AND " + start + " = ? AND " + owner + " = ? AND " + state + " = '"
                    + CLAIMED + "'";
            renew = "UPDATE " + t + " SET " + claimUntil + " = ?" + ours;
            finish = "UPDATE " + t + " SET " + state + " = ?, " + lastError + " = ?, " + updatedAt + " = ?, " + owner
                    + " = NULL, " + claimUntil + " = NULL" + ours;
            states = "SELECT " + state + ", " + attemptsCol + ", " + claimUntil + " FROM " + t + " WHERE " + job
                    + " = ?";
        }
    }

    public static final class Builder {
        private final DataSource dataSource;
        private String table = DEFAULT_TABLE;
        private Dialect dialect;
        private Clock clock = Clock.systemUTC();
        private String owner;
        private Duration claimTtl = Duration.ofMinutes(5);
        private int maxAttempts = 3;
        private Duration retryDelay = Duration.ofMinutes(1);

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The table's name (optionally schema.table); default {@value #DEFAULT_TABLE}. */
        public Builder table(String table) {
            this.table = SqlNames.checkTable("JdbcBackfill.Builder.table", table);
            return this;
        }

        /** Overrides the dialect detected from the connection. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** Judges claim expiry and retry delays; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The id this replica claims slices as, e.g. the pod name; default pid@host plus a random part. */
        public Builder owner(String owner) {
            this.owner = JdbcCheckpointStore.checkOwner(owner);
            return this;
        }

        /**
         * How long a claim lasts without renewal, i.e. how soon a dead worker's slice is claimed again; renewed
         * every third of it while the work runs; default 5 minutes.
         */
        public Builder claimTtl(Duration claimTtl) {
            Limits.positive(claimTtl, "claimTtl");
            if (claimTtl.toMillis() < 3) {
                throw new IllegalArgumentException("claimTtl must be at least 3 ms, was " + claimTtl);
            }
            this.claimTtl = claimTtl;
            return this;
        }

        /** Claims per slice, the first included, before a failing slice is abandoned; default 3. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** How long a failed slice waits before it may be claimed again; default 1 minute. */
        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = Limits.nonNegative(retryDelay, "retryDelay");
            return this;
        }

        public JdbcBackfill build() {
            return new JdbcBackfill(this);
        }
    }
}
