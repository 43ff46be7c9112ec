package io.qiao.sync;

import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a {@link SyncJob}. Readers (background threads started here, one by default) claim the source's
 * windows in order, read each window page by page, validate and map its records, and hand batches to that
 * window's bounded queue (its "pipe"); the calling thread is the writer, which takes the pipes in window order,
 * stores dead letters, writes batches and commits each window's checkpoint once the window is complete, and after
 * each batch inside a window that can say its position there ({@link Window#positionAfter}).
 *
 * <p>The pipes decouple page size from batch size and let reading run ahead of writing; a full pipe blocks its
 * reader, and at most {@code readers} windows are claimed beyond the one being written, so memory stays flat
 * (at most {@code (readers + 1) * fetchAhead} batches wait). Records keep their order within a window, and
 * checkpoints advance window by window in order whatever order readers finish in.
 */
final class SyncRun<I, O> {
    private static final Logger log = LoggerFactory.getLogger(SyncRun.class);

    private final SyncJob<I, O> job;
    private final RecordProcessor<I, O> processor;
    private final FailsafeExecutor<Object> failsafe;
    private final BlockingQueue<Pipe> pipes;
    private final Object claimLock = new Object();
    private Iterator<Window<I>> plannedWindows; // guarded by claimLock
    private long nextSeq;                       // guarded by claimLock
    private boolean planningDone;               // guarded by claimLock
    private volatile boolean cancelled;
    private volatile boolean stopRequested;
    private volatile SyncException lostLease;

    // Counters: the writer owns most. Retries are also counted by readers, and pages and records read only by
    // them: what the source delivered, whether or not it reached the writer (a failed attempt's partial batch,
    // a failed window, windows read ahead of a failure or a stop), so that a failed run's report says what it
    // fetched.
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private long windows;
    private long written;
    private long created;
    private long updated;
    private long alreadyPresent;
    private long deadLettered;
    private long skipped;

    /** Open dead letters of this job by key, resolved when their record is written successfully. */
    private static final int OPEN_DEAD_LETTERS_TRACKED = 10_000;
    private final java.util.Map<String, String> openDeadLetters = new java.util.HashMap<>();
    private boolean transactional;
    private long version;
    private Position committed;
    /** How many records of the window being written the committed position covers (mid-window commits). */
    private long committedInWindow;
    private Throwable error;
    private String failedWindow;
    private boolean stopped;

    SyncRun(SyncJob<I, O> job) {
        this.job = job;
        this.processor = new RecordProcessor<>(job);
        this.failsafe = Failsafe.with(job.retryPolicy);
        this.pipes = new ArrayBlockingQueue<>(job.readers);
    }

    void requestStop() {
        stopRequested = true;
    }

    SyncReport execute() {
        Instant startedAt = job.clock.instant();
        if (job.leaseTtl == null) {
            return finish(run(startedAt));
        }
        LeaseKeeper.Attempt attempt;
        try {
            attempt = retrying("take lease", ctx -> LeaseKeeper.acquire((LeasingCheckpointStore) job.checkpoints,
                    job.name, job.leaseTtl, this::leaseLost));
        } catch (Throwable e) {
            fail(e, null);
            return finish(report(startedAt, null));
        }
        if (attempt.keeper() == null) {
            return finish(SyncReport.leaseHeld(job.name, startedAt, attempt.holder()));
        }
        SyncReport report;
        try (LeaseKeeper held = attempt.keeper()) {
            report = run(startedAt);
        }
        return finish(report); // after the release, so that another replica may already take the job
    }

    private SyncReport finish(SyncReport report) {
        emit(l -> l.runFinished(report));
        return report;
    }

    /** Called by the lease renewer: the run stops after the batch it is writing and ends FAILED. */
    private void leaseLost(String message) {
        lostLease = new SyncException(message);
    }

    private SyncReport run(Instant startedAt) {
        Position before = null;
        List<Thread> readers = new ArrayList<>();
        try {
            Optional<Checkpoint> loaded = retrying("load checkpoint", ctx -> job.checkpoints.load(job.name));
            version = loaded.map(Checkpoint::version).orElse(0L);
            before = loaded.map(Checkpoint::position).orElse(null);
            committed = before;
            Position from = before != null ? before : job.source.initialPosition(job.clock);
            checkStart(before, from);
            transactional = job.sink instanceof TransactionalSink<?> ts && ts.canCommitWith(job.checkpoints);
            if (job.keyOf != null) {
                List<DeadLetter> open = retrying("list open dead letters",
                        ctx -> job.deadLetters.list(job.name, false, OPEN_DEAD_LETTERS_TRACKED));
                open.forEach(d -> {
                    if (d.key() != null) {
                        openDeadLetters.put(d.key(), d.id());
                    }
                });
            }
            emit(l -> l.runStarted(job.name, from));
            for (int i = 1; i <= job.readers; i++) {
                Thread reader = new Thread(() -> read(from), "qiao-sync-" + job.name + "-reader-" + i);
                reader.setDaemon(true);
                readers.add(reader);
                reader.start();
            }
            write();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the host is stopping this thread: keep the flag for it
            fail(e, null);
        } catch (Throwable e) {
            fail(e, null);
        } finally {
            cancelled = true;
            // wakes readers blocked in a retry backoff or a fetch; whatever they were doing is abandoned
            readers.forEach(Thread::interrupt);
            readers.forEach(SyncRun::joinQuietly);
        }
        return report(startedAt, before);
    }

    /**
     * A run never starts from a watermark outside the sane range: it could only commit checkpoints there, which
     * every later run would fail on (a vendor cannot be asked for the year -273788674).
     */
    private void checkStart(Position stored, Position from) {
        Instant now = job.clock.instant();
        if (Checkpoint.isSane(from, now)) {
            return;
        }
        if (stored != null) {
            throw new SyncException("the checkpoint of job '" + job.name + "' has watermark " + from.watermark()
                    + ", outside " + Checkpoint.saneRange(now) + ", so no run can start from it; reset it to a time "
                    + "in that range with SyncJob.resetCheckpoint (in the qiao CLI: qiao reset " + job.name
                    + " --since T)");
        }
        throw new SyncException("job '" + job.name + "' has no checkpoint and its source would start at "
                + from.watermark() + " (its initial watermark or look-back), outside " + Checkpoint.saneRange(now)
                + "; give the source a start in that range");
    }

    /** The engine never commits a checkpoint outside the sane range; the run fails before it would. */
    private void checkCommit(Position end) {
        Instant now = job.clock.instant();
        if (!Checkpoint.isSane(end, now)) {
            throw new SyncException("job '" + job.name + "' would commit watermark " + end.watermark() + ", outside "
                    + Checkpoint.saneRange(now) + "; the checkpoint stays at "
                    + (committed == null ? "none" : committed.watermark()) + " (is the source's clock or data wrong?)");
        }
    }

    // ---------------------------------------------------------------- writer (calling thread)

    private void write() throws InterruptedException {
        Set<String> deadLetterKeys = new HashSet<>();
        while (true) {
            Pipe pipe = nextOrStop(pipes);
            if (pipe == null) {
                return;
            }
            deadLetterKeys.clear();
            committedInWindow = 0;
            boolean started = false;
            while (true) {
                Item item = nextOrStop(pipe.items);
                if (item == null) {
                    return;
                }
                if (item instanceof End) {
                    return;
                }
                if (item instanceof Failure f) {
                    fail(f.error(), f.window());
                    return;
                }
                Chunk<I, O> chunk = cast(item);
                if (!started) {
                    started = true;
                    emit(l -> l.windowStarted(job.name, chunk.window.describe));
                }
                try {
                    writeChunk(chunk, deadLetterKeys);
                } catch (Throwable e) {
                    fail(e, chunk.window.describe);
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

    /**
     * Writes one batch and commits what it completes: the window's end after its last batch; after any other
     * batch, the window's position after the batch's last record when the window can say it (so a crash redoes
     * at most one batch of a large window, not the whole window). With a transactional sink the checkpoint commits
     * in the batch's transaction, else right after the batch and its dead letters are durable.
     */
    private void writeChunk(Chunk<I, O> chunk, Set<String> deadLetterKeys) {
        String window = chunk.window.describe;
        skipped += chunk.skipped;
        for (RecordProcessor.Rejected<I> r : chunk.rejected) {
            deadLetter(r.record(), r.stage(), r.reasons(), window, deadLetterKeys);
        }
        Position commit = chunk.last ? chunk.window.window.endPosition() : midWindowPosition(chunk);
        if (transactional && commit != null && !chunk.records.isEmpty()) {
            writeAndCommit(chunk, deadLetterKeys, commit);
            return;
        }
        if (!chunk.records.isEmpty()) {
            WriteResult<?> result = retrying("write batch", ctx -> writeBatch(chunk.records));
            recordWrite(chunk, result, deadLetterKeys);
        }
        if (commit != null) {
            retrying("flush dead letters", ctx -> {
                job.deadLetters.flush();
                return null;
            });
            checkCommit(commit);
            Checkpoint cp = retrying("commit checkpoint", ctx -> compareAndSet(ctx, commit));
            committed(chunk, cp);
        }
    }

    /**
     * The position inside the window after {@code chunk}, if committing it moves the checkpoint forward: null when
     * the window has none, and for the batches a retried read of the window delivers again up to where the
     * checkpoint already is (their positions lie behind it).
     */
    private Position midWindowPosition(Chunk<I, O> chunk) {
        Position p = chunk.position;
        if (p == null || chunk.endIndex <= committedInWindow) {
            return null;
        }
        if (committed != null && (p.watermark().isBefore(committed.watermark()) || p.equals(committed))) {
            return null; // e.g. records of the overlap before the committed watermark
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private WriteResult<?> writeBatch(List<O> records) {
        WriteResult<?> result = ((Sink<O>) job.sink).write(records);
        if (result == null) {
            throw new SyncException("the sink returned no WriteResult for a batch of " + records.size());
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private void writeAndCommit(Chunk<I, O> chunk, Set<String> deadLetterKeys, Position end) {
        TransactionalSink<O> sink = (TransactionalSink<O>) job.sink;
        checkCommit(end);
        long expected = version;
        List<Rejection<O>> storedBeforeCommit = new ArrayList<>();
        retrying("flush dead letters", ctx -> {
            job.deadLetters.flush();
            return null;
        });
        TransactionalSink.Committed<O> c = retrying("write batch and commit checkpoint", ctx -> {
            try {
                return sink.writeAndCommit(chunk.records, job.name, expected, end, rejected -> {
                    // inside the sink's transaction: the refused records become durable dead letters first
                    for (Rejection<O> r : rejected) {
                        deadLetterFromSink(chunk, r, deadLetterKeys);
                        storedBeforeCommit.add(r);
                    }
                    job.deadLetters.flush();
                });
            } catch (CheckpointConflictException e) {
                Optional<Checkpoint> ours = committedByEarlierAttempt(ctx, expected, end);
                if (ours.isEmpty()) {
                    throw e;
                }
                // An earlier attempt committed but its answer was lost; writing again (idempotent) recovers
                // the sink's per-record rejections. Not its classification: this write finds the records
                // the lost attempt created "already present", which is not what this run did to the target.
                WriteResult<O> again = sink.write(chunk.records);
                return new TransactionalSink.Committed<>(new WriteResult<>(again.written(), again.rejected()),
                        ours.get());
            }
        });
        count(c.result());
        for (Rejection<O> r : c.result().rejected()) {
            if (!containsIdentity(storedBeforeCommit, r)) {
                deadLetterFromSink(chunk, r, deadLetterKeys); // a sink that reported it only after committing
            }
        }
        job.deadLetters.flush();
        int rejected = c.result().rejected().size();
        emit(l -> l.batchWritten(job.name, chunk.window.describe, c.result().written(), rejected));
        resolveDelivered(chunk, c.result());
        committed(chunk, c.checkpoint());
    }

    private static boolean containsIdentity(List<?> list, Object o) {
        for (Object x : list) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }

    private Checkpoint compareAndSet(ExecutionContext<Object> ctx, Position end) {
        long expected = version;
        try {
            return job.checkpoints.compareAndSet(job.name, expected, end);
        } catch (CheckpointConflictException e) {
            return committedByEarlierAttempt(ctx, expected, end).orElseThrow(() -> e);
        }
    }

    /** After a retry, a conflict may be our own earlier attempt whose answer was lost. */
    private Optional<Checkpoint> committedByEarlierAttempt(ExecutionContext<Object> ctx, long expected, Position end) {
        if (ctx.getAttemptCount() == 0) {
            return Optional.empty();
        }
        return job.checkpoints.load(job.name).filter(c -> c.version() == expected + 1 && c.position().equals(end));
    }

    private void committed(Chunk<I, O> chunk, Checkpoint cp) {
        version = cp.version();
        committed = cp.position();
        if (!chunk.last) {
            committedInWindow = chunk.endIndex; // listeners hear of windows done, not of each batch
            return;
        }
        windows++;
        emit(l -> l.checkpointCommitted(job.name, chunk.window.describe, cp));
    }

    private void count(WriteResult<?> result) {
        written += result.written();
        created += result.created();
        updated += result.updated();
        alreadyPresent += result.alreadyPresent();
    }

    private void recordWrite(Chunk<I, O> chunk, WriteResult<?> result, Set<String> deadLetterKeys) {
        count(result);
        for (Rejection<?> r : result.rejected()) {
            deadLetterFromSink(chunk, r, deadLetterKeys);
        }
        int rejected = result.rejected().size();
        emit(l -> l.batchWritten(job.name, chunk.window.describe, result.written(), rejected));
        resolveDelivered(chunk, result);
    }

    /**
     * A record that once became a dead letter and has now been written (fixed at the source, or the reference
     * data caught up) resolves its entry, so that open dead letters are the ones still needing attention.
     */
    private void resolveDelivered(Chunk<I, O> chunk, WriteResult<?> result) {
        if (openDeadLetters.isEmpty()) {
            return;
        }
        Set<Object> refused = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        result.rejected().forEach(r -> refused.add(r.record()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < chunk.records.size(); i++) {
            if (refused.contains(chunk.records.get(i))) {
                continue;
            }
            String key = processor.keyOf(chunk.sources.get(i));
            String id = key == null ? null : openDeadLetters.remove(key);
            if (id != null) {
                ids.add(id);
            }
        }
        if (!ids.isEmpty()) {
            retrying("resolve delivered dead letters", ctx -> {
                job.deadLetters.resolve(job.name, ids, job.clock.instant());
                return null;
            });
        }
    }

    private void deadLetterFromSink(Chunk<I, O> chunk, Rejection<?> r, Set<String> deadLetterKeys) {
        I source = sourceOf(chunk, r.record());
        String payload = source != null ? processor.payloadOf(source) : RecordCodec.writeOnly().toJson(r.record());
        String key = source != null ? processor.keyOf(source) : null;
        addDeadLetter(key, payload, r.stage(), r.reasons(), chunk.window.describe, deadLetterKeys);
    }

    private I sourceOf(Chunk<I, O> chunk, Object sinkRecord) {
        for (int i = 0; i < chunk.records.size(); i++) {
            if (chunk.records.get(i) == sinkRecord) {
                return chunk.sources.get(i);
            }
        }
        for (int i = 0; i < chunk.records.size(); i++) {
            if (chunk.records.get(i).equals(sinkRecord)) {
                return chunk.sources.get(i);
            }
        }
        return null;
    }

    private void deadLetter(I record, Rejection.Stage stage, List<String> reasons, String window,
                            Set<String> deadLetterKeys) {
        addDeadLetter(processor.keyOf(record), processor.payloadOf(record), stage, reasons, window, deadLetterKeys);
    }

    private void addDeadLetter(String key, String payload, Rejection.Stage stage, List<String> reasons, String window,
                               Set<String> deadLetterKeys) {
        if (key != null && !deadLetterKeys.add(stage + "\u0000" + key)) {
            return; // the same record of this window, re-read after a retry: already stored in this run
        }
        DeadLetter d = retrying("store dead letter", ctx ->
                job.deadLetters.add(job.name, key, payload, stage, reasons, window, job.clock.instant()));
        deadLettered++;
        emit(l -> l.deadLettered(job.name, d));
    }

    private void fail(Throwable e, String window) {
        if (error == null) {
            error = e;
            failedWindow = window;
            if (window != null) {
                emit(l -> l.windowFailed(job.name, window, e));
            }
        }
    }

    // ---------------------------------------------------------------- reader (background thread)

    /** A reader's loop: claim the next window, read it into its pipe, repeat until the windows run out. */
    private void read(Position from) {
        try {
            while (!cancelled) {
                WindowRef<I> ref;
                Pipe pipe = new Pipe(job.fetchAhead);
                synchronized (claimLock) {
                    if (planningDone) {
                        return;
                    }
                    try {
                        if (plannedWindows == null) {
                            plannedWindows = job.source.windows(from, job.clock);
                        }
                        if (!plannedWindows.hasNext()) {
                            planningDone = true;
                            put(pipes, Pipe.ending(End.INSTANCE, job.fetchAhead));
                            return;
                        }
                        Window<I> w = plannedWindows.next();
                        ref = new WindowRef<>(nextSeq++, w, w.describe());
                    } catch (Cancelled c) {
                        throw c;
                    } catch (Throwable e) {
                        planningDone = true; // a source that cannot plan its next window: no window owns the error
                        put(pipes, Pipe.ending(new Failure(e, null), job.fetchAhead));
                        return;
                    }
                    put(pipes, pipe); // in claim order, so the writer takes windows in order
                }
                try {
                    retrying("read window " + ref.describe, ctx -> {
                        readWindow(ref, pipe);
                        return null;
                    });
                } catch (Cancelled c) {
                    return;
                } catch (Throwable e) {
                    put(pipe.items, new Failure(e, ref.describe));
                    return; // the writer stops at this window; later windows are not needed
                } finally {
                    // once per window, after all its attempts: a window counts its own pages cumulatively
                    pages.addAndGet(ref.window.pagesFetched());
                }
            }
        } catch (Cancelled c) {
            // the writer ended the run; nothing more to hand over
        }
    }

    private void readWindow(WindowRef<I> ref, Pipe pipe) {
        Iterator<I> records = ref.window.records();
        if (records == null) {
            throw new SyncException("window " + ref.describe + " returned no record iterator");
        }
        Chunk<I, O> chunk = new Chunk<>(ref, job.batchSize);
        long delivered = 0;
        try {
            while (records.hasNext()) {
                I record = records.next();
                if (record == null) {
                    throw new SyncException("window " + ref.describe + " delivered a null record; sources must "
                            + "end with hasNext() == false, never with null");
                }
                delivered++;
                processor.process(record, chunk);
                if (chunk.size() >= job.batchSize) {
                    boolean last = !records.hasNext();
                    if (last) {
                        break;
                    }
                    chunk.endIndex = delivered;
                    chunk.position = ref.window.positionAfter(record, delivered - 1);
                    put(pipe.items, chunk);
                    chunk = new Chunk<>(ref, job.batchSize);
                }
            }
        } finally {
            read.addAndGet(delivered); // also when the attempt fails: those records were fetched all the same
        }
        chunk.last = true;
        put(pipe.items, chunk);
    }

    /** Blocks while {@code queue} is full (backpressure), unless the run ends meanwhile. */
    private <T> void put(BlockingQueue<T> queue, T element) {
        try {
            while (!queue.offer(element, 50, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    throw new Cancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
        if (cancelled) {
            throw new Cancelled();
        }
    }

    // ---------------------------------------------------------------- shared

    interface Action<T> {
        T run(ExecutionContext<Object> ctx) throws Exception;
    }

    /** Runs {@code action} under the job's retry policy, counting and announcing each retry. */
    @SuppressWarnings("unchecked")
    private <T> T retrying(String operation, Action<T> action) {
        try {
            return (T) failsafe.get(ctx -> {
                if (ctx.getAttemptCount() > 0) {
                    retried.incrementAndGet();
                    Throwable last = ctx.getLastException();
                    int next = ctx.getAttemptCount() + 1;
                    emit(l -> l.retrying(job.name, operation, next, last));
                }
                if (cancelled && operation.startsWith("read window")) {
                    throw new Cancelled();
                }
                return action.run(ctx);
            });
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SyncException(operation + " failed: " + RecordProcessor.describe(cause), cause);
        }
    }

    private void emit(java.util.function.Consumer<SyncListener> event) {
        for (SyncListener l : job.listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("sync listener {} failed; ignoring it: {}", l.getClass().getName(), e.toString());
            }
        }
    }

    private SyncReport report(Instant startedAt, Position before) {
        SyncReport.Status status = error != null ? SyncReport.Status.FAILED : stopped ? SyncReport.Status.STOPPED
                : deadLettered > 0 ? SyncReport.Status.PARTIAL : SyncReport.Status.SUCCEEDED;
        Duration duration = Duration.between(startedAt, job.clock.instant());
        if (duration.isNegative()) {
            duration = Duration.ZERO;
        }
        return new SyncReport(job.name, status, startedAt, duration, windows, pages.get(), read.get(), written,
                deadLettered, skipped, retried.get(), before, committed, failedWindow, error, stopped, null, created,
                updated, alreadyPresent);
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private Chunk<I, O> cast(Item item) {
        return (Chunk<I, O>) item;
    }

    // ---------------------------------------------------------------- queue items

    private sealed interface Item permits Chunk, Failure, End {
    }

    private record WindowRef<I>(long seq, Window<I> window, String describe) {
    }

    /** One window's batches, in order; bounded, so a reader that runs ahead waits for the writer. */
    private static final class Pipe {
        final BlockingQueue<Item> items;

        Pipe(int capacity) {
            this.items = new ArrayBlockingQueue<>(capacity);
        }

        /** The pipe after the last window: only the end of data, or why planning failed. */
        static Pipe ending(Item item, int capacity) {
            Pipe p = new Pipe(capacity);
            p.items.add(item);
            return p;
        }
    }

    /** Up to a batch of one window's records, with the rejections and skips met while making it. */
    private static final class Chunk<I, O> implements Item, RecordProcessor.Output<I, O> {
        final WindowRef<I> window;
        final List<O> records;
        final List<I> sources;
        final List<RecordProcessor.Rejected<I>> rejected = new ArrayList<>(0);
        int skipped;
        boolean last;
        /** Records of the window delivered up to and including this chunk's, in this attempt. */
        long endIndex;
        /** The window's position after this chunk's last record, or null (see {@link Window#positionAfter}). */
        Position position;

        Chunk(WindowRef<I> window, int capacity) {
            this.window = window;
            this.records = new ArrayList<>(capacity);
            this.sources = new ArrayList<>(capacity);
        }

        int size() {
            return records.size() + rejected.size() + skipped;
        }

        @Override
        public void value(I source, O mapped) {
            records.add(mapped);
            sources.add(source);
        }

        @Override
        public void rejected(RecordProcessor.Rejected<I> r) {
            rejected.add(r);
        }

        @Override
        public void skipped(I source) {
            skipped++;
        }
    }

    private record Failure(Throwable error, String window) implements Item {
    }

    private enum End implements Item {
        INSTANCE
    }

    /** The writer ended the run; the reader unwinds. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
