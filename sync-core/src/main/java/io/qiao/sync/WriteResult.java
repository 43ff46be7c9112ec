package io.qiao.sync;

import io.qiao.sync.record.Rejection;
import java.util.List;

/**
 * What a sink did with a batch: how many records it durably wrote, and those it refused one by one (a
 * constraint violation, a lookup miss, a vendor validation error). Refused records become dead letters.
 *
 * <p>An idempotent sink also says what each written record did to the target, so that a re-run after a crash
 * reports "0 created, 433 already present" rather than "433 written":
 * <ul>
 *   <li>{@code created}: the record was not in the target and is now;</li>
 *   <li>{@code updated}: it was there and this write changed it;</li>
 *   <li>{@code alreadyPresent}: it was there and this write changed nothing (found by a lookup, an unchanged
 *       row, a repeat of another record of the same batch).</li>
 * </ul>
 * A sink that cannot tell (or cannot tell exactly) leaves records out of these three; {@link #unclassified()}
 * counts them, so the three never claim more than the sink knows.
 *
 * @param written        records durably written, every kind
 * @param rejected       records refused one by one
 * @param created        written records that the target did not have before
 * @param updated        written records that changed a record the target had
 * @param alreadyPresent written records the target already had as written
 */
public record WriteResult<T>(int written, List<Rejection<T>> rejected, int created, int updated,
                             int alreadyPresent) {
    public WriteResult {
        rejected = List.copyOf(rejected);
        if (written < 0) {
            throw new IllegalArgumentException("written must not be negative, was " + written);
        }
        if (created < 0 || updated < 0 || alreadyPresent < 0) {
            throw new IllegalArgumentException("created, updated and alreadyPresent must not be negative, were "
                    + created + ", " + updated + ", " + alreadyPresent);
        }
        if ((long) created + updated + alreadyPresent > written) {
            throw new IllegalArgumentException("created " + created + " + updated " + updated + " + alreadyPresent "
                    + alreadyPresent + " must not exceed written " + written);
        }
    }

    /** A result that does not say what the records did to the target: all of them {@link #unclassified()}. */
    public WriteResult(int written, List<Rejection<T>> rejected) {
        this(written, rejected, 0, 0, 0);
    }

    /** Every record written, none classified. */
    public static <T> WriteResult<T> allWritten(int written) {
        return new WriteResult<>(written, List.of());
    }

    /** The result of a sink that knows what each written record did: written is the sum of the three. */
    public static <T> WriteResult<T> of(int created, int updated, int alreadyPresent, List<Rejection<T>> rejected) {
        return new WriteResult<>(created + updated + alreadyPresent, rejected, created, updated, alreadyPresent);
    }

    /** Written records the sink did not classify as created, updated or already present. */
    public int unclassified() {
        return written - created - updated - alreadyPresent;
    }
}
