package io.qiao.sync;

import io.qiao.sync.internal.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs every N (plus a random jitter, so that many jobs and many replicas do not hit a vendor at the same
 * second). The next run of a job is planned only when its current run has ended, so one job never runs twice
 * at once; a job that is still running when its time comes (run by hand, say) is skipped that time, and so is
 * a {@link SyncJob.Builder#lease leased} job whose lease another replica holds (an ordinary turn, not an error).
 * {@link #shutdown(Duration)} stops planning, asks running jobs to stop after their current batch (which is
 * finished and, if it completes a window, committed), and waits for them.
 *
 * <pre>{@code
 * SyncScheduler scheduler = SyncScheduler.create(2);
 * scheduler.schedule(job, Duration.ofMinutes(5), Duration.ofSeconds(30));
 * ...
 * scheduler.shutdown(Duration.ofMinutes(1));   // e.g. from the host's shutdown hook
 * }</pre>
 */
public final class SyncScheduler {
    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

    private final ScheduledThreadPoolExecutor executor;
    private final Random random;
    private final Map<String, Entry> jobs = new ConcurrentHashMap<>();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    private SyncScheduler(int threads, Random random) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "qiao-sync-scheduler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ScheduledThreadPoolExecutor(threads, factory);
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor.setRemoveOnCancelPolicy(true);
        this.random = random;
    }

    /** @param threads how many jobs may run at the same time */
    public static SyncScheduler create(int threads) {
        return create(threads, new Random());
    }

    /** With the jitter drawn from {@code random} (seeded in tests). */
    public static SyncScheduler create(int threads, Random random) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        return new SyncScheduler(threads, Objects.requireNonNull(random, "random"));
    }

    /**
     * Runs {@code job} now (after a jitter) and then every {@code every} after each run ends, plus a random
     * jitter in {@code [0, jitter]}.
     *
     * @throws IllegalArgumentException when a job of that name is already scheduled
     * @throws IllegalStateException    after {@link #shutdown}
     */
    public void schedule(SyncJob<?, ?> job, Duration every, Duration jitter) {
        Objects.requireNonNull(job, "job");
        Limits.positive(every, "every");
        Limits.nonNegative(jitter, "jitter");
        if (shuttingDown.get()) {
            throw new IllegalStateException("the scheduler is shut down");
        }
        Entry entry = new Entry(job, every, jitter);
        if (jobs.putIfAbsent(job.name(), entry) != null) {
            throw new IllegalArgumentException("job '" + job.name() + "' is already scheduled");
        }
        plan(entry, Duration.ZERO);
    }

    /** Runs a scheduled job as soon as a thread is free (skipped if it is running). */
    public void runNow(String jobName) {
        Entry e = jobs.get(jobName);
        if (e == null) {
            throw new IllegalArgumentException("no job '" + jobName + "' is scheduled");
        }
        if (!shuttingDown.get()) {
            executor.execute(() -> runOnce(e, false));
        }
    }

    /** Names of the scheduled jobs. */
    public List<String> jobNames() {
        return new ArrayList<>(jobs.keySet());
    }

    /**
     * Stops planning runs, asks running jobs to stop after their current batch, and waits at most
     * {@code timeout} for them. Returns whether every run ended in time. Threads are never interrupted: a
     * batch is never cut in half.
     */
    public boolean shutdown(Duration timeout) {
        shuttingDown.set(true);
        executor.shutdown();
        jobs.values().forEach(e -> e.job.requestStop());
        try {
            return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isShutdown() {
        return shuttingDown.get();
    }

    private void plan(Entry e, Duration base) {
        if (shuttingDown.get()) {
            return;
        }
        long jitterMillis = e.jitter.isZero() ? 0 : (long) (random.nextDouble() * (e.jitter.toMillis() + 1));
        long delay = base.toMillis() + jitterMillis;
        try {
            executor.schedule(() -> runOnce(e, true), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ex) {
            // shut down meanwhile
        }
    }

    private void runOnce(Entry e, boolean replan) {
        try {
            if (shuttingDown.get() || !e.running.compareAndSet(false, true)) {
                return;
            }
            try {
                SyncReport report = e.job.runOnce();
                if (report.status() == SyncReport.Status.SKIPPED_LEASE_HELD) {
                    log.debug("{}: another replica runs it (lease held by {}); skipping this turn", e.job.name(),
                            report.leaseHeldBy());
                }
            } catch (IllegalStateException busy) {
                log.debug("{}: still running from elsewhere; skipping this turn", e.job.name());
            } catch (RuntimeException | Error ex) {
                log.error("{}: the run threw instead of reporting; the schedule goes on", e.job.name(), ex);
            } finally {
                e.running.set(false);
            }
        } finally {
            if (replan) {
                plan(e, e.every);
            }
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    private static final class Entry {
        final SyncJob<?, ?> job;
        final Duration every;
        final Duration jitter;
        final AtomicBoolean running = new AtomicBoolean();

        Entry(SyncJob<?, ?> job, Duration every, Duration jitter) {
            this.job = job;
            this.every = every;
            this.jitter = jitter;
        }
    }
}
