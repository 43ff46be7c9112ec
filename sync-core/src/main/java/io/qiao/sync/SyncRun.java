package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.LeasingCheckpointStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of a {@link SyncJob}: takes the job's lease if it has one, loads the checkpoint, starts the
 * {@link WindowReaders}, and writes on the calling thread: it takes the windows' pipes in window order and hands
 * each chunk to the {@link ChunkWriter}, until the windows run out, a window fails, a stop is requested or the
 * lease is lost. The run never throws for a failure of the data flow: its {@link SyncReport} says FAILED.
 *
 * <p>The parts, each readable alone: {@link WindowReaders} (reader threads, window claiming, backpressure),
 * {@link ChunkWriter} (plain and transactional writes, checkpoint commits), {@link DeadLetterRecorder}
 * (de-duplication and resolving), {@link RunRetry} (retries and their count), {@link RunTally} (counters and
 * the report), {@link RunEvents} (listeners).
 *
 * <p>The pipes decouple page size from batch size and let reading run ahead of writing. Records keep their order
 * within a window, and checkpoints advance window by window in order whatever order readers finish in.
 */
final class SyncRun<I, O> {
    private final JobDefinition<I, O> job;
    private final RecordProcessor<I, O> processor;
    private final RunEvents events;
    private final RunRetry retry;
    private final RunTally tally = new RunTally();
    private volatile boolean stopRequested;
    private volatile SyncException lostLease;

    // how the run ends: writer thread only
    private Throwable error;
    private String failedWindow;
    private boolean stopped;

    SyncRun(JobDefinition<I, O> job) {
        this.job = job;
        this.processor = new RecordProcessor<>(job);
        this.events = new RunEvents(job.listeners());
        this.retry = new RunRetry(job.name(), job.retryPolicy(), events);
    }

    void requestStop() {
        stopRequested = true;
    }

    SyncReport execute() {
        Instant startedAt = job.clock().instant();
        if (job.leaseTtl() == null) {
            return finish(run(startedAt));
        }
        LeaseKeeper.Attempt attempt;
        try {
            attempt = retry.get(RunStep.TAKE_LEASE, a -> LeaseKeeper.acquire(
                    (LeasingCheckpointStore) job.checkpoints(), job.name(), job.leaseTtl(), this::leaseLost));
        } catch (Throwable e) {
            fail(e, null);
            return finish(report(startedAt, null, null));
        }
        if (attempt.keeper() == null) {
            return finish(SyncReport.leaseHeld(job.name(), startedAt, attempt.holder()));
        }
        SyncReport report;
        try (LeaseKeeper held = attempt.keeper()) {
            report = run(startedAt);
        }
        return finish(report); // after the release, so that another replica may already take the job
    }

    private SyncReport finish(SyncReport report) {
        events.emit(l -> l.runFinished(report));
        return report;
    }

    /** Called by the lease renewer: the run stops after the batch it is writing and ends FAILED. */
    private void leaseLost(String message) {
        lostLease = new SyncException(message);
    }

    private SyncReport run(Instant startedAt) {
        Position before = null;
        ChunkWriter<I, O> writer = null;
        WindowReaders<I, O> readers = new WindowReaders<>(job, processor, retry, tally);
        try {
            Optional<Checkpoint> loaded = retry.get(RunStep.LOAD_CHECKPOINT, a -> job.checkpoints().load(job.name()));
            before = loaded.map(Checkpoint::position).orElse(null);
            Position from = before != null ? before : job.source().initialPosition(job.clock());
            checkStart(before, from);
            boolean transactional = job.sink() instanceof TransactionalSink<?> ts && ts.canCommitWith(job.checkpoints());
            DeadLetterRecorder<I, O> deadLetters = new DeadLetterRecorder<>(job, processor, retry, tally, events);
            writer = new ChunkWriter<>(job, retry, deadLetters, tally, events, loaded, transactional);
            deadLetters.loadOpen();
            events.emit(l -> l.runStarted(job.name(), from));
            readers.start(from);
            write(readers.pipes(), writer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the host is stopping this thread: keep the flag for it
            fail(e, null);
        } catch (Throwable e) {
            fail(e, null);
        } finally {
            readers.stop();
        }
        return report(startedAt, before, writer == null ? before : writer.committed());
    }

    /**
     * A run never starts from a watermark outside the sane range: it could only commit checkpoints there, which
     * every later run would fail on (a vendor cannot be asked for the year -273788674).
     */
    private void checkStart(Position stored, Position from) {
        Instant now = job.clock().instant();
        if (Checkpoint.isSane(from, now)) {
            return;
        }
        if (stored != null) {
            throw new SyncException("the checkpoint of job '" + job.name() + "' has watermark " + from.watermark()
                    + ", outside " + Checkpoint.saneRange(now) + ", so no run can start from it; reset it to a time "
                    + "in that range with SyncJob.admin().resetCheckpoint (in the qiao CLI: qiao reset " + job.name()
                    + " --since T)");
        }
        throw new SyncException("job '" + job.name() + "' has no checkpoint and its source would start at "
                + from.watermark() + " (its initial watermark or look-back), outside " + Checkpoint.saneRange(now)
                + "; give the source a start in that range");
    }

    /** The writer's loop: window after window in order, chunk after chunk, until something ends the run. */
    private void write(BlockingQueue<Pipe> pipes, ChunkWriter<I, O> writer) throws InterruptedException {
        while (true) {
            Pipe pipe = nextOrStop(pipes);
            if (pipe == null) {
                return;
            }
            writer.startWindow();
            boolean started = false;
            while (true) {
                Pipe.Item item = nextOrStop(pipe.items);
                if (item == null || item instanceof Pipe.End) {
                    return;
                }
                if (item instanceof Pipe.Failure f) {
                    fail(f.error(), f.window());
                    return;
                }
                Chunk<I, O> chunk = cast(item);
                if (!started) {
                    started = true;
                    events.emit(l -> l.windowStarted(job.name(), chunk.window.describe()));
                }
                try {
                    writer.write(chunk);
                } catch (Throwable e) {
                    fail(e, chunk.window.describe());
                    return;
                }
                if (lostLease != null) {
                    fail(lostLease, null);
                    return;
                }
                if (stopRequested) {
                    stopped = true;
                    return;
                }
                if (chunk.last) {
                    break;
                }
            }
        }
    }

    /** The next element, or null when a stop was requested while waiting (a stop need not wait for a slow source). */
    private <T> T nextOrStop(BlockingQueue<T> queue) throws InterruptedException {
        while (true) {
            T next = queue.poll(50, TimeUnit.MILLISECONDS);
            if (next != null) {
                return next;
            }
            if (lostLease != null) {
                fail(lostLease, null);
                return null;
            }
            if (stopRequested) {
                stopped = true;
                return null;
            }
        }
    }

    private void fail(Throwable e, String window) {
        if (error == null) {
            error = e;
            failedWindow = window;
            if (window != null) {
                events.emit(l -> l.windowFailed(job.name(), window, e));
            }
        }
    }

    private SyncReport report(Instant startedAt, Position before, Position committed) {
        return tally.report(job.name(), startedAt, job.clock().instant(), retry.retried(),
                new RunTally.Outcome(error, failedWindow, stopped, before, committed));
    }

    @SuppressWarnings("unchecked")
    private Chunk<I, O> cast(Pipe.Item item) {
        return (Chunk<I, O>) item;
    }
}
