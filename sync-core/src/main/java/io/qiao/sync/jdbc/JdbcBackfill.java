package io.qiao.sync.jdbc;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.qiao.sync.TimeWindow;
import io.qiao.sync.internal.LeaseRenewer;
import io.qiao.sync.internal.Limits;
import io.qiao.sync.jdbc.SliceTable.Claim;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * runs (a claim lost meanwhile interrupts the work, see {@link #work}); a worker that dies leaves its slice to be claimed again once the claim runs out, so work must be
 * idempotent (a SyncJob with an idempotent sink is). Expiry is judged by each worker's clock: keep replicas'
 * clocks NTP-synchronised well within a claim ttl.
 *
 * <p>Cutting the range into slices is {@code BackfillSlicing}'s part, the table {@code SliceTable}'s, keeping a
 * claim alive {@code LeaseRenewer}'s; this class plans, and runs the work on each claimed slice.
 *
 * <p>Immutable and thread-safe.
 */
public final class JdbcBackfill {
    /** The table's name unless {@link Builder#table} says otherwise. */
    public static final String DEFAULT_TABLE = "qiao_backfill_slice";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBackfill.class);
    /**
     * Planning races other replicas planning the same range: a duplicate key means one stored some of these
     * slices meanwhile, and looking again finds them. Three looks in all, at once: a race is over by then.
     */
    private static final RetryPolicy<Integer> PLAN_RACE = RetryPolicy.<Integer>builder()
            .handleIf(e -> e instanceof SQLException sql && JdbcSupport.isRowError(sql))
            .withMaxAttempts(3)
            .build();

    private final String table;
    private final String owner;
    private final Duration claimTtl;
    private final int maxAttempts;
    private final SliceTable slices;

    private JdbcBackfill(Builder b) {
        this.table = b.table;
        this.owner = b.owner != null ? b.owner : StoreKeys.defaultOwner();
        this.claimTtl = b.claimTtl;
        this.maxAttempts = b.maxAttempts;
        this.slices = new SliceTable(b.dataSource, table, b.dialect, b.clock, owner, claimTtl, maxAttempts,
                b.retryDelay);
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
        slices.createIfMissing();
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
        StoreKeys.checkJob(job);
        List<TimeWindow> planned = BackfillSlicing.slices(from, to, sliceLength);
        try {
            return Failsafe.with(PLAN_RACE).get(() -> slices.insertMissing(job, from, to, planned));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw JdbcSupport.failure("cannot plan the backfill of job '" + job + "' in " + table, sql);
            }
            throw e;
        }
    }

    /**
     * Works on the job's slices until none is left to claim now: claims one, runs {@code work} on it while
     * renewing the claim, marks it DONE (work returned) or FAILED with the error text (work threw; it is
     * claimed again after {@code retryDelay} while it has attempts left), and claims the next. Run it on as
     * many threads and replicas as the source allows.
     *
     * <p>When the claim is lost while the work runs (another worker took the slice over after the claim ran out,
     * or renewals kept failing until it was about to run out), the thread running the work is interrupted so
     * that the work stops before another worker can start on the slice; the interrupt is cleared afterwards and
     * this worker goes on with the next slice.
     *
     * @return the progress when this worker found nothing more to claim (slices other workers hold, or failed
     *     ones waiting for their retry delay, may still be open: call again later, or check
     *     {@link Progress#complete()})
     */
    public Progress work(String job, SliceWork work) {
        StoreKeys.checkJob(job);
        Objects.requireNonNull(work, "work");
        while (!Thread.currentThread().isInterrupted()) {
            Optional<Claim> claim = slices.claimNext(job);
            if (claim.isEmpty()) {
                break;
            }
            runClaimed(claim.get(), work);
        }
        return progress(job);
    }

    /** How far the job's backfill is, counted from the table now. */
    public Progress progress(String job) {
        StoreKeys.checkJob(job);
        return slices.progress(job);
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

    private void runClaimed(Claim claim, SliceWork work) {
        Slice slice = claim.slice();
        String what = "the claim of '" + claim.claimId() + "' on backfill slice " + slice.window() + " of job '"
                + slice.job() + "'";
        String error = null;
        Optional<String> loss;
        try (LeaseRenewer renewer = LeaseRenewer.startInterrupting("qiao-backfill-" + slice.job(), what, claimTtl,
                () -> slices.renew(claim))) {
            try {
                work.run(slice);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();  // the host (or a lost claim) stops this worker; retried later
                error = describe(e);
            } catch (Exception e) {
                error = describe(e);
            }
            loss = renewer.loss();  // read before close(), which clears the interrupt a loss delivered
        }
        if (loss.isPresent()) {
            error = loss.get();
        }
        if (!slices.finish(claim, error)) {
            LOG.warn("the claim on backfill slice {} of job '{}' ran out and another worker took the slice over; "
                    + "this worker's outcome ({}) is not recorded", slice.window(), slice.job(),
                    error == null ? "done" : "failed");
        }
    }

    /**
     * The error and its causes in one line, for the table's {@code last_error} (which cuts it to its size), with the
     * passwords of JDBC URLs masked as in status files and logs: whoever may read the table sees the text.
     */
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
        return JdbcUrls.redactIn(s.toString());
    }

    @Override
    public String toString() {
        return "JdbcBackfill{table=" + table + ", owner=" + owner + ", claimTtl=" + claimTtl + ", maxAttempts="
                + maxAttempts + "}";
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
            this.owner = StoreKeys.checkOwner(owner);
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
