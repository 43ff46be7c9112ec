package io.qiao.sync.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a job's lease, and until when (unless renewed).
 *
 * @param job   the job
 * @param owner the holder's owner id (e.g. a pod name)
 * @param until when the lease runs out unless its holder renews it
 */
public record LeaseHolder(String job, String owner, Instant until) {

    public LeaseHolder {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(until, "until");
    }

    @Override
    public String toString() {
        return "'" + owner + "' until " + until;
    }
}
