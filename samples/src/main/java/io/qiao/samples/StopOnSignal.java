package io.qiao.samples;

import io.qiao.sync.SyncJob;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code qiao sync} does on SIGTERM or Ctrl-C, with {@code --once} as with {@code --every}: the JVM runs this
 * shutdown hook, which asks the job to stop after the batch it is writing and then holds the exit until the command
 * has finished on its own (report printed, status written, API-call log flushed, lock released: {@link #close()}),
 * or a minute has passed. The JVM then exits 143 (128 + SIGTERM), as it does for any signal it stops on.
 */
final class StopOnSignal implements AutoCloseable {
    /** How long the hook holds the exit for the batch in progress. */
    static final long GRACE_SECONDS = 60;

    private final CountDownLatch signalled = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "qiao-shutdown");
    private volatile SyncJob<?, ?> job;

    private StopOnSignal() {
    }

    /** Installs the hook; close it when the command is done (try-with-resources around everything it does). */
    static StopOnSignal install() {
        StopOnSignal s = new StopOnSignal();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** The job a signal stops; a signal that came before it existed stops it at once. */
    void stops(SyncJob<?, ?> job) {
        this.job = job;
        if (signalled()) {
            job.requestStop();
        }
    }

    boolean signalled() {
        return signalled.getCount() == 0;
    }

    /** Waits up to {@code millis} for a signal (the pause of {@code --every}); true when one came. */
    boolean awaitSignal(long millis) throws InterruptedException {
        return signalled.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The hook: runs on its own thread once the JVM starts shutting down. */
    void onSignal() {
        signalled.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        try {
            // asked again until the command finishes: a run that starts just after the first request (whose
            // requestStop found no current run) is stopped too
            do {
                SyncJob<?, ?> j = job;
                if (j != null) {
                    j.requestStop();
                }
            } while (!finished.await(50, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command is done: lets a waiting hook (and so the JVM) go on, or removes the hook when none came. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that finished is counted down
        }
    }
}
