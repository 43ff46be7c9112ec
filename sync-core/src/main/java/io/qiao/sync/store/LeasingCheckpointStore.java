package io.qiao.sync.store;

import io.qiao.sync.SyncJob;
import java.time.Duration;
import java.util.Optional;

/**
 * A checkpoint store that also grants job leases, so that replicas of the host application sharing the store
 * run each job one at a time ({@link SyncJob.Builder#lease(Duration)}).
 *
 * <p>Every store instance acts for one owner. The store enforces leases where it matters, at commit: while
 * one owner holds a live lease on a job, every other owner's {@link #compareAndSet} for that job fails with a
 * {@link CheckpointConflictException}, so a runner whose lease ran out and was taken over cannot commit.
 *
 * <p>Implemented by {@code jdbc.JdbcCheckpointStore}, where the lease lives in the job's checkpoint row. The
 * in-memory and file stores do not lease: within one process a {@link SyncJob} already never runs twice at
 * once, and a file on a shared disk is no sound place to coordinate machines.
 */
public interface LeasingCheckpointStore extends CheckpointStore {

    /**
     * Takes the job's lease for {@code ttl} unless another owner holds a live one; extends it when this owner
     * already holds it. Taking a lease does not change the checkpoint or its version.
     *
     * @return the lease, or empty when another owner holds it
     */
    Optional<? extends Lease> tryAcquireLease(String job, Duration ttl);

    /** Who holds the job's live lease now (this owner included), or empty when nobody does. */
    Optional<LeaseHolder> leaseHolder(String job);
}
