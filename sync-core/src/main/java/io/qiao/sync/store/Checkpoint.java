package io.qiao.sync.store;

import io.qiao.sync.Position;
import io.qiao.sync.SyncJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The persisted position of one job. {@code version} increases by one with every successful
 * compare-and-set, so two runners can never both advance the same job.
 *
 * <p>The engine only writes checkpoints whose watermark lies in the <em>sane range</em>
 * {@code [}{@link #EARLIEST_WATERMARK}{@code , now + }{@link #LATEST_AHEAD_OF_NOW}{@code ]} by the job's clock: a
 * watermark outside it (a start of "99999999999 days ago", a clock gone wrong) is a mistake that would make every
 * later run fail, so a run that would commit one fails instead and {@link SyncJob#resetCheckpoint} refuses one.
 */
public record Checkpoint(String job, Position position, long version, Instant updatedAt) {
    /** The earliest watermark a checkpoint may have: the epoch, where sources with no lower bound start. */
    public static final Instant EARLIEST_WATERMARK = Instant.EPOCH;
    /** How far past "now" a watermark may be: clocks of hosts and databases differ a little, never by a day. */
    public static final Duration LATEST_AHEAD_OF_NOW = Duration.ofDays(1);

    public Checkpoint {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Whether {@code position}'s watermark lies in the sane range at {@code now}. */
    public static boolean isSane(Position position, Instant now) {
        Instant w = position.watermark();
        return !w.isBefore(EARLIEST_WATERMARK) && !w.isAfter(latest(now));
    }

    /** The sane range at {@code now}, for messages: "[1970-01-01T00:00:00Z, 2024-05-02T00:00:00Z]". */
    public static String saneRange(Instant now) {
        return "[" + EARLIEST_WATERMARK + ", " + latest(now) + "] (the epoch to now + 1 day)";
    }

    private static Instant latest(Instant now) {
        // a clock near Instant.MAX cannot go a day further; the range then simply ends at MAX
        return now.isAfter(Instant.MAX.minus(LATEST_AHEAD_OF_NOW)) ? Instant.MAX : now.plus(LATEST_AHEAD_OF_NOW);
    }
}
