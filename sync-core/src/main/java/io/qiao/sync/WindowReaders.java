package io.qiao.sync;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The reading side of a run. Reader threads (one by default) claim the source's windows in order, read each
 * window page by page (a failed attempt is retried from the window's first record), validate and map its
 * records, and hand batches of {@code batchSize} to the window's {@link Pipe}.
 *
 * <p>Pipes reach the writer through {@link #pipes()} in claim order, whatever order readers finish in. That
 * queue holds {@code readers} pipes, so at most that many windows are claimed beyond the one being written, and
 * a full pipe blocks its reader: at most {@code (readers + 1) * fetchAhead} batches wait. After the last window
 * comes a pipe holding only {@link Pipe.End}; if the source cannot plan its next window, one holding the
 * {@link Pipe.Failure}.
 */
final class WindowReaders<I, O> {
    private final JobDefinition<I, O> job;
    private final RecordProcessor<I, O> processor;
    private final RunRetry retry;
    private final RunTally tally;
    private final BlockingQueue<Pipe> pipes;
    private final List<Thread> threads = new ArrayList<>();

    private final Object claimLock = new Object();
    private Iterator<Window<I>> plannedWindows; // guarded by claimLock
    private long nextSeq;                       // guarded by claimLock
    private boolean planningDone;               // guarded by claimLock
    private volatile boolean cancelled;

    WindowReaders(JobDefinition<I, O> job, RecordProcessor<I, O> processor, RunRetry retry, RunTally tally) {
        this.job = job;
        this.processor = processor;
        this.retry = retry;
        this.tally = tally;
        this.pipes = new ArrayBlockingQueue<>(job.readers());
    }

    /** The windows' pipes, in window order, for the writer. */
    BlockingQueue<Pipe> pipes() {
        return pipes;
    }

    /** Starts the reader threads, planning windows from {@code from}. */
    void start(Position from) {
        for (int i = 1; i <= job.readers(); i++) {
            Thread reader = new Thread(() -> read(from), "qiao-sync-" + job.name() + "-reader-" + i);
            reader.setDaemon(true);
            threads.add(reader);
            reader.start();
        }
    }

    /**
     * Abandons reading and waits for the readers to end: wakes those blocked in a retry backoff, a fetch or a
     * full pipe. Whatever they were doing is dropped; the writer no longer wants it.
     */
    void stop() {
        cancelled = true;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A reader's loop: claim the next window, read it into its pipe, repeat until the windows run out. */
    private void read(Position from) {
        try {
            while (!cancelled) {
                Pipe pipe = new Pipe(job.fetchAhead());
                Chunk.WindowRef<I> ref = claim(from, pipe);
                if (ref == null) {
                    return;
                }
                try {
                    retry.get(RunStep.READ_WINDOW, ref.describe(), attempt -> {
                        if (cancelled) {
                            throw new Cancelled(); // the run ended during the backoff: no further attempt
                        }
                        readWindow(ref, pipe);
                        return null;
                    });
                } catch (Cancelled c) {
                    return;
                } catch (Throwable e) {
                    put(pipe.items, new Pipe.Failure(e, ref.describe()));
                    return; // the writer stops at this window; later windows are not needed
                } finally {
                    tally.pagesFetched(ref.window().pagesFetched());
                }
            }
        } catch (Cancelled c) {
            // the writer ended the run; nothing more to hand over
        }
    }

    /**
     * Claims the next window and queues its pipe for the writer, in claim order; null when there is none left
     * (the ending pipe is then queued, by whichever reader found out first).
     */
    private Chunk.WindowRef<I> claim(Position from, Pipe pipe) {
        synchronized (claimLock) {
            if (planningDone) {
                return null;
            }
            Chunk.WindowRef<I> ref;
            try {
                if (plannedWindows == null) {
                    plannedWindows = job.source().windows(from, job.clock());
                }
                if (!plannedWindows.hasNext()) {
                    planningDone = true;
                    put(pipes, Pipe.ending(Pipe.End.INSTANCE, job.fetchAhead()));
                    return null;
                }
                Window<I> w = plannedWindows.next();
                ref = new Chunk.WindowRef<>(nextSeq++, w, w.describe());
            } catch (Cancelled c) {
                throw c;
            } catch (Throwable e) {
                planningDone = true; // a source that cannot plan its next window: no window owns the error
                put(pipes, Pipe.ending(new Pipe.Failure(e, null), job.fetchAhead()));
                return null;
            }
            put(pipes, pipe);
            return ref;
        }
    }

    /**
     * One attempt at a window: its records in batches into {@code pipe}. A batch that fills up is handed over with
     * the window's position after its last record; the window's last batch (possibly empty) is marked last.
     */
    private void readWindow(Chunk.WindowRef<I> ref, Pipe pipe) {
        Iterator<I> records = ref.window().records();
        if (records == null) {
            throw new SyncException("window " + ref.describe() + " returned no record iterator");
        }
        int batchSize = job.batchSize();
        Chunk<I, O> chunk = new Chunk<>(ref, batchSize);
        long delivered = 0;
        try {
            while (records.hasNext()) {
                I record = records.next();
                if (record == null) {
                    throw new SyncException("window " + ref.describe() + " delivered a null record; sources must "
                            + "end with hasNext() == false, never with null");
                }
                delivered++;
                processor.process(record, chunk);
                if (chunk.size() >= batchSize) {
                    if (!records.hasNext()) {
                        break; // the full batch is also the last: hand it over marked last, below
                    }
                    chunk.endIndex = delivered;
                    chunk.position = ref.window().positionAfter(record, delivered - 1);
                    put(pipe.items, chunk);
                    chunk = new Chunk<>(ref, batchSize);
                }
            }
        } finally {
            tally.recordsRead(delivered); // also when the attempt fails: those records were fetched all the same
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

    /** The writer ended the run; the reader unwinds. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
