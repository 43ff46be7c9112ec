package io.qiao.spring.boot;

import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.LeasingCheckpointStore;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Starts {@link SyncJob} builders pre-wired with the application's checkpoint and dead-letter stores, a lease
 * (when the checkpoint store grants them, so that of several replicas one runs each job at a time) and every
 * {@link SyncListener} bean (the Micrometer listener, the webhook alerters, the job status the health contributor
 * and the {@code qiao} endpoint read). A job then needs only its source, validation, mapping and sink:
 *
 * <pre>{@code
 * @Bean
 * SyncJob<Warehouse, Warehouse> warehouses(SyncJobs jobs, JackyunClient jackyun, DataSource db) {
 *     return jobs.builder("jackyun-warehouses")
 *         .source(JackyunSources.warehouses(jackyun))
 *         .sink(sink)
 *         .build();
 * }
 * }</pre>
 *
 * Anything set on the returned builder replaces the pre-wired value (e.g. {@code .lease(Duration.ofMinutes(10))});
 * listeners added there come in addition to the pre-wired ones.
 */
public final class SyncJobs {
    /** The lease each job takes before a run: well above a renewal's worst delay, short enough to fail over. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    private final CheckpointStore checkpoints;
    private final DeadLetterStore deadLetters;
    private final List<SyncListener> listeners;

    SyncJobs(CheckpointStore checkpoints, DeadLetterStore deadLetters, List<SyncListener> listeners) {
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.listeners = List.copyOf(listeners);
    }

    /** A builder for the job {@code name} (which {@code qiao.jobs.<name>.*} refers to), stores and listeners set. */
    public SyncJob.Builder<Object, Object> builder(String name) {
        SyncJob.Builder<Object, Object> b = SyncJob.builder(name).checkpoints(checkpoints).deadLetters(deadLetters);
        if (checkpoints instanceof LeasingCheckpointStore) {
            b.lease(DEFAULT_LEASE);
        }
        listeners.forEach(b::listener);
        return b;
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    @Override
    public String toString() {
        return "SyncJobs{checkpoints=" + checkpoints + ", deadLetters=" + deadLetters + ", listeners=" + listeners.size()
                + "}";
    }
}
