package io.qiao.sync;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the steps of one run under the job's retry policy, counting every retry and announcing it to the
 * listeners. Used by the writer and by the reader threads alike, so the count is atomic.
 */
final class RunRetry {
    /** One attempt of a step that yields a value. */
    interface Action<T> {
        /** @param attempt 1 for the first attempt, 2 for the first retry, ... */
        T run(int attempt) throws Exception;
    }

    /** One attempt of a step that yields nothing. */
    interface Task {
        void run() throws Exception;
    }

    private final String job;
    private final FailsafeExecutor<Object> failsafe;
    private final RunEvents events;
    private final AtomicLong retried = new AtomicLong();

    RunRetry(String job, RetryPolicy<Object> policy, RunEvents events) {
        this.job = job;
        this.failsafe = Failsafe.with(policy);
        this.events = events;
    }

    /** {@link #get(RunStep, String, Action)} without a subject. */
    <T> T get(RunStep step, Action<T> action) {
        return get(step, null, action);
    }

    /** {@link #get(RunStep, String, Action)} for a step that yields nothing. */
    void run(RunStep step, Task task) {
        get(step, null, attempt -> {
            task.run();
            return null;
        });
    }

    /**
     * Runs {@code action} until it succeeds, fails with a failure the policy does not retry, or runs out of
     * attempts. A checked exception that ends it comes back as a {@link SyncException} naming the step; an
     * unchecked one as it was thrown.
     */
    @SuppressWarnings("unchecked")
    <T> T get(RunStep step, String subject, Action<T> action) {
        String operation = step.describe(subject);
        try {
            return (T) failsafe.get(ctx -> {
                int attempt = ctx.getAttemptCount() + 1;
                if (attempt > 1) {
                    retried.incrementAndGet();
                    Throwable last = ctx.getLastException();
                    events.emit(l -> l.retrying(job, operation, attempt, last));
                }
                return action.run(attempt);
            });
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SyncException(operation + " failed: " + RecordProcessor.describe(cause), cause);
        }
    }

    /** Retries so far, over all steps and threads. */
    long retried() {
        return retried.get();
    }
}
