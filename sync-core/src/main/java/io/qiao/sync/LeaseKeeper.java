package io.qiao.sync;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a job's lease for one run: renews it every third of its ttl on a daemon thread, tells the run once
 * it is lost, and releases it when closed.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    /** Tries to take a lease that was released between our attempt and our look at its holder. */
    private static final int ATTEMPTS = 3;

    private final Lease lease;
    private final ScheduledExecutorService renewer;
    private boolean lost; // renewer thread only

    private LeaseKeeper(Lease lease, Consumer<String> onLost) {
        this.lease = lease;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qiao-lease-" + lease.job());
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, lease.ttl().toMillis() / 3);
        renewer.scheduleAtFixedRate(() -> renew(onLost), period, period, TimeUnit.MILLISECONDS);
    }

    /** The outcome of trying to take a job's lease: a keeper, or who holds the lease instead. */
    record Attempt(LeaseKeeper keeper, LeaseHolder holder) {
    }

    /**
     * Takes the lease and starts renewing it; {@code onLost} hears (once, on the renewer thread) that another
     * owner took it over.
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

    private void renew(Consumer<String> onLost) {
        try {
            // After a loss it keeps trying (harmlessly refused) until the run ends, but tells the run once.
            if (!lease.renew() && !lost) {
                lost = true;
                onLost.accept("the lease of job '" + lease.job() + "' held by '" + lease.owner()
                        + "' was lost: it ran out and another owner took the job over");
            }
        } catch (RuntimeException e) {
            // Not fatal yet: the lease holds until it runs out, and the next renewal may get through.
            log.warn("cannot renew the lease of job '{}' (valid until {}): {}", lease.job(), lease.until(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            lease.release();
        } catch (RuntimeException e) {
            // Nothing is lost: the lease runs out by itself and another replica takes the job then.
            log.warn("cannot release the lease of job '{}'; it runs out at {}: {}", lease.job(), lease.until(),
                    e.getMessage());
        }
    }
}
