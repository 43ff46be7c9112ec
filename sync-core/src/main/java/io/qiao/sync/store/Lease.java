package io.qiao.sync.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The right of one owner (one replica of the host application) to run one job until {@link #until()}, granted
 * by a {@link LeasingCheckpointStore}. Closing the lease releases it.
 */
public interface Lease extends AutoCloseable {

    String job();

    /** The owner id the lease was granted to. */
    String owner();

    /** When the lease runs out unless renewed. */
    Instant until();

    /** How long each renewal extends the lease. */
    Duration ttl();

    /**
     * Extends the lease by {@link #ttl()} from now; works even after expiry as long as no other owner took the
     * job in the meantime.
     *
     * @return false when the lease was lost (another owner took it, or it was released)
     */
    boolean renew();

    /** Gives the job up so another owner can take it at once instead of waiting for the expiry. Idempotent. */
    void release();

    @Override
    default void close() {
        release();
    }
}
