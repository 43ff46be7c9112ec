package io.qiao.sync;

import io.qiao.sync.store.Lease;
import io.qiao.sync.store.LeaseHolder;
import io.qiao.sync.store.LeasingCheckpointStore;
import io.qiao.sync.internal.LeaseRenewer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a job's lease for one run: takes it, keeps it with a {@link LeaseRenewer} (which tells the run once it is
 * lost), and releases it when closed. Renewal itself lives in {@link LeaseRenewer}, shared with every other lease
 * and claim of sync-core.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    /** Tries to take a lease that was released between our attempt and our look at its holder. */
    private static final int ATTEMPTS = 3;

    private final Lease lease;
    private final LeaseRenewer renewer;

    private LeaseKeeper(Lease lease, Consumer<String> onLost) {
        this.lease = lease;
        this.renewer = LeaseRenewer.start(lease, onLost);
    }

    /** The outcome of trying to take a job's lease: a keeper, or who holds the lease instead. */
    record Attempt(LeaseKeeper keeper, LeaseHolder holder) {
    }

    /**
     * Takes the lease and starts renewing it; {@code onLost} hears (once, on the renewer thread) that the lease
     * was lost, or that it cannot be renewed and is about to run out.
     */
    static Attempt acquire(LeasingCheckpointStore store, String job, Duration ttl, Consumer<String> onLost) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<? extends Lease> lease = store.tryAcquireLease(job, ttl);
            if (lease.isPresent()) {
                return new Attempt(new LeaseKeeper(lease.get(), onLost), null);
            }
            Optional<LeaseHolder> h = store.leaseHolder(job);
            if (h.isPresent()) {
                return new Attempt(null, h.get());
            }
        }
        return new Attempt(null, null);
    }

    @Override
    public void close() {
        renewer.close();
        try {
            lease.release();
        } catch (RuntimeException e) {
            // Nothing is lost: the lease runs out by itself and another replica takes the job then.
            log.warn("cannot release the lease of job '{}'; it runs out at {}: {}", lease.job(), lease.until(),
                    e.getMessage());
        }
    }
}
