package io.qiao.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * The persisted position of one job. {@code version} increases by one with every successful
 * compare-and-set, so two runners can never both advance the same job.
 */
public record Checkpoint(String job, Position position, long version, Instant updatedAt) {
    public Checkpoint {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
