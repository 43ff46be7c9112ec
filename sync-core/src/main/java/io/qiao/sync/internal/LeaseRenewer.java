package io.qiao.sync.internal;

import io.qiao.sync.store.Lease;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a lease alive while its holder works: renews it every third of its ttl on a daemon thread of its own,
 * stops when closed, and reports the loss of the lease once so that the work stops before another owner can take
 * the lease over. Every lease and claim of sync-core is kept by one of these: a job's lease during a
 * {@code SyncJob} run, {@code JdbcCheckpointStore.runLeased}, and each slice claim of {@code JdbcBackfill}.
 *
 * <p>The lease counts as lost when
 * <ul>
 *   <li>a renewal says so (another owner took it over, or it was released), or</li>
 *   <li>renewals keep failing (the database is unreachable) and the lease would run out before the next attempt:
 *       the holder cannot tell whether it still holds it, and by the time it could, another owner may. Reporting
 *       it a third of a ttl early leaves the holder that long to stop.</li>
 * </ul>
 * A single failed renewal is only logged: the lease holds until it runs out, and the next attempt may get
 * through. After a loss it goes on trying until closed (a lost lease refuses them harmlessly; one that only
 * could not be renewed may still be extended and then released by its holder), but reports the loss only once.
 *
 * <p>The holder hears of a loss in one of two ways: a callback (on the renewer thread; the sync run checks a
 * flag after every batch), or, for work the holder cannot ask to stop, an interrupt of the thread that started
 * the renewer ({@link #startInterrupting}), delivered only while the renewer is open and cleared by
 * {@link #close()} on that thread, so that it never leaks into what the thread does next.
 *
 * <p>Expiry is judged by {@link System#nanoTime()} from the renewer's start and each successful renewal, not by a
 * wall clock: start it right after the lease was taken. Internal; not part of the public API.
 */
public final class LeaseRenewer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseRenewer.class);

    /** One renewal of the lease, e.g. an {@code UPDATE ... WHERE owner = ?}. */
    @FunctionalInterface
    public interface Renewal {
        /**
         * Extends the lease by its ttl from now.
         *
         * @return false when the lease is no longer the holder's (another owner took it, or it was released)
         * @throws Exception when it cannot tell (the database is unreachable)
         */
        boolean renew() throws Exception;
    }

    private final String what;
    private final long ttlNanos;
    private final long periodNanos;
    private final Renewal renewal;
    private final Consumer<String> onLost;
    private final Thread interruptee;
    private final LongSupplier nanoTime;
    private ScheduledExecutorService scheduler;
    /** When the lease runs out unless renewed; renewer thread only after construction. */
    private long deadline;
    private boolean closed;          // guarded by this
    private String loss;             // guarded by this
    private boolean interruptedWork; // guarded by this

    LeaseRenewer(String what, Duration ttl, Renewal renewal, Consumer<String> onLost, Thread interruptee,
            LongSupplier nanoTime) {
        this.what = Objects.requireNonNull(what, "what");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
        }
        this.ttlNanos = ttl.toNanos();
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), ttlNanos / 3);
        this.renewal = Objects.requireNonNull(renewal, "renewal");
        this.onLost = onLost;
        this.interruptee = interruptee;
        this.nanoTime = nanoTime;
        this.deadline = nanoTime.getAsLong() + ttlNanos;
    }

    /**
     * Starts renewing; {@code onLost} hears of a loss once, on the renewer thread, with a message that says what
     * was lost and why.
     *
     * @param threadName the renewer thread's name, e.g. {@code qiao-lease-<job>}
     * @param what       the lease in words, for messages: {@code the lease of job 'x' held by 'pod-1'}
     */
    public static LeaseRenewer start(String threadName, String what, Duration ttl, Renewal renewal,
            Consumer<String> onLost) {
        Objects.requireNonNull(onLost, "onLost");
        return new LeaseRenewer(what, ttl, renewal, onLost, null, System::nanoTime).schedule(threadName);
    }

    /** {@link #start} for a {@link Lease}: renews it with {@link Lease#renew()} every third of its ttl. */
    public static LeaseRenewer start(Lease lease, Consumer<String> onLost) {
        return start("qiao-lease-" + lease.job(), describe(lease), lease.ttl(), lease::renew, onLost);
    }

    /**
     * {@link #start}, reporting a loss by interrupting the calling thread (while this renewer is open), for work
     * that cannot be asked to stop otherwise; {@link #loss()} says why afterwards.
     */
    public static LeaseRenewer startInterrupting(String threadName, String what, Duration ttl, Renewal renewal) {
        return new LeaseRenewer(what, ttl, renewal, null, Thread.currentThread(), System::nanoTime)
                .schedule(threadName);
    }

    /** {@link #startInterrupting} for a {@link Lease}. */
    public static LeaseRenewer startInterrupting(Lease lease) {
        return startInterrupting("qiao-lease-" + lease.job(), describe(lease), lease.ttl(), lease::renew);
    }

    /** Why the lease was lost, or empty while it is held. */
    public synchronized Optional<String> loss() {
        return Optional.ofNullable(loss);
    }

    /**
     * Stops renewing and waits for a renewal under way to end, so that nothing renews the lease after this
     * returns (the holder may release it next). Clears an interrupt this renewer delivered when called on the
     * interrupted thread. Idempotent.
     */
    @Override
    public void close() {
        boolean clearInterrupt;
        synchronized (this) {
            closed = true;
            clearInterrupt = interruptedWork && Thread.currentThread() == interruptee;
            interruptedWork = false;
        }
        if (clearInterrupt) {
            Thread.interrupted();
        }
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("renewal of {} did not end within 10 s of close", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LeaseRenewer{" + what + ", every " + Duration.ofNanos(periodNanos) + "}";
    }

    /** One renewal attempt; the scheduler calls it every period (tests call it directly). */
    void renewOnce() {
        if (isClosed()) {
            return;
        }
        long attemptStart = nanoTime.getAsLong();
        try {
            if (renewal.renew()) {
                // Extended by ttl from some moment after attemptStart: counting from attemptStart errs early.
                deadline = attemptStart + ttlNanos;
                return;
            }
            lost(what + " was lost: it ran out and another owner took it over");
        } catch (Exception e) {
            if (isClosed()) {
                return;  // close() interrupted this renewal: nothing to report
            }
            long left = deadline - nanoTime.getAsLong();
            if (left > periodNanos) {
                // Not fatal yet: the lease holds until it runs out, and the next renewal may get through.
                LOG.warn("cannot renew {} (it runs out in {} ms unless renewed): {}", what,
                        TimeUnit.NANOSECONDS.toMillis(left), e.getMessage());
                return;
            }
            lost("cannot renew " + what + " (" + e.getMessage() + ") and it runs out "
                    + (left > 0 ? "in " + TimeUnit.NANOSECONDS.toMillis(left) + " ms" : "now")
                    + ", before the next attempt: stopping, as another owner may take it over then");
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void lost(String message) {
        synchronized (this) {
            if (closed || loss != null) {
                return;
            }
            loss = message;
            if (interruptee != null && !interruptee.isInterrupted()) {
                // Interrupted already (the host stops it): the work stops anyway, and close() must not clear that.
                interruptedWork = true;
                interruptee.interrupt();
            }
        }
        if (onLost != null) {
            onLost.accept(message);
        }
    }

    private LeaseRenewer schedule(String threadName) {
        Objects.requireNonNull(threadName, "threadName");
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            // A daemon thread, so that a host that exits without closing the renewer is not kept alive by it.
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::renewOnce, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return this;
    }

    private static String describe(Lease lease) {
        return "the lease of job '" + lease.job() + "' held by '" + lease.owner() + "'";
    }
}
