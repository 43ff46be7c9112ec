package io.qiao.sync.jdbc;

import io.qiao.sync.store.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The right of one owner (one replica of the host application) to run one job until {@link #until()}. Held
 * in the job's row of the checkpoint table, so replicas coordinate through the database they already share.
 * While another owner holds a live lease, {@link JdbcCheckpointStore#compareAndSet} of every other owner
 * fails: a runner whose lease was lost cannot commit.
 *
 * <p>Closing the lease releases it. Not thread-safe; one runner uses it.
 */
public final class JobLease implements Lease {
    private final JdbcLeases leases;
    private final String job;
    private final Duration ttl;
    private volatile Instant until;
    private volatile boolean released;

    JobLease(JdbcLeases leases, String job, Duration ttl, Instant until) {
        this.leases = leases;
        this.job = job;
        this.ttl = ttl;
        this.until = until;
    }

    @Override
    public String job() {
        return job;
    }

    @Override
    public String owner() {
        return leases.owner();
    }

    /** When the lease runs out unless renewed. */
    @Override
    public Instant until() {
        return until;
    }

    /** How long each renewal extends the lease. */
    @Override
    public Duration ttl() {
        return ttl;
    }

    /**
     * Extends the lease by {@link #ttl()} from now. Works even after expiry as long as no other owner took the
     * job in the meantime.
     *
     * @return false when the lease was lost (another owner took it, or it was released)
     */
    @Override
    public boolean renew() {
        if (released) {
            return false;
        }
        Instant next = leases.renew(job, ttl);
        if (next == null) {
            return false;
        }
        until = next;
        return true;
    }

    /** Gives the job up so another owner can take it at once instead of waiting for the expiry. Idempotent. */
    @Override
    public void release() {
        if (!released) {
            released = true;
            leases.release(job);
        }
    }

    @Override
    public void close() {
        release();
    }

    @Override
    public String toString() {
        return "JobLease{job=" + job + ", owner=" + owner() + ", until=" + until + (released ? ", released" : "") + "}";
    }

    static Duration checkTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
        }
        return ttl;
    }
}
