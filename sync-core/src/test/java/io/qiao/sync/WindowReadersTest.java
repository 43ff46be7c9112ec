package io.qiao.sync;

import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import static io.qiao.sync.RunParts.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.TransportException;
import io.qiao.sync.RunParts.Item;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WindowReadersTest {
    private final RunTally tally = new RunTally();
    private final RunParts.Heard heard = new RunParts.Heard();

    private WindowReaders<Item, Item> readers(List<Window<Item>> windows, int readers, int batchSize, int fetchAhead,
                                              io.qiao.client.RetryOptions retry) {
        Source<Item> source = new Source<>() {
            @Override
            public Iterator<Window<Item>> windows(Position from, Clock clock) {
                return windows.iterator();
            }

            @Override
            public Position initialPosition(Clock clock) {
                return Position.at(clock.instant().minus(Duration.ofDays(1)));
            }
        };
        return readers(source, readers, batchSize, fetchAhead, retry);
    }

    private WindowReaders<Item, Item> readers(Source<Item> source, int readers, int batchSize, int fetchAhead,
                                              io.qiao.client.RetryOptions retry) {
        JobDefinition<Item, Item> job = SyncJob.builder("parts").source(source).sink(InMemorySink.keyedBy(Item::id))
                .checkpoints(new InMemoryCheckpointStore()).deadLetters(new InMemoryDeadLetterStore())
                .clock(RunParts.CLOCK).readers(readers).batchSize(batchSize).fetchAhead(fetchAhead).retry(retry)
                .listener(heard).build().definition();
        RunEvents events = new RunEvents(job.listeners());
        return new WindowReaders<>(job, new RecordProcessor<>(job), new RunRetry(job.name(), job.retryPolicy(), events),
                tally);
    }

    private static List<Item> items(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new Item(prefix + i, i)).toList();
    }

    /** Everything the writer would take, in order: window descriptions and the records of each chunk. */
    private static List<String> drain(WindowReaders<Item, Item> r) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            Pipe pipe = r.pipes().poll(10, TimeUnit.SECONDS);
            while (true) {
                Pipe.Item item = pipe.items.poll(10, TimeUnit.SECONDS);
                if (item instanceof Pipe.End) {
                    return seen;
                }
                if (item instanceof Pipe.Failure f) {
                    seen.add("failure " + f.window());
                    return seen;
                }
                Chunk<?, ?> c = (Chunk<?, ?>) item;
                seen.add(c.window.describe() + " " + c.records.stream().map(o -> ((Item) o).id()).toList()
                        + (c.last ? " last" : ""));
                if (c.last) {
                    break;
                }
            }
        }
    }

    @Test
    void windowsReachTheWriterInClaimOrder_inBatches_evenWithSeveralReaders() throws Exception {
        WindowReaders<Item, Item> r = readers(List.of(window("w1", 1, items("a", 3)), window("w2", 2, items("b", 1)),
                window("w3", 3, items("c", 2))), 3, 2, 2, RunParts.noWait(1));
        r.start(null);
        try {
            assertThat(drain(r)).containsExactly("w1 [a0, a1]", "w1 [a2] last", "w2 [b0] last", "w3 [c0, c1] last");
        } finally {
            r.stop();
        }
    }

    @Test
    void aFullPipe_blocksItsReader_soReadingStaysAtMostFetchAheadBatchesAhead() throws Exception {
        AtomicInteger pulled = new AtomicInteger();
        Supplier<Iterator<Item>> counting = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pulled.get() < 100;
            }

            @Override
            public Item next() {
                return new Item("a" + pulled.getAndIncrement(), 1);
            }
        };
        WindowReaders<Item, Item> r = readers(List.of(window("w1", 1, counting)), 1, 1, 2, RunParts.noWait(1));
        r.start(null);
        try {
            Thread.sleep(300); // nobody takes the batches
            // two batches of one wait in the pipe; the reader holds the third record, blocked handing it over
            assertThat(pulled.get()).isEqualTo(3);
        } finally {
            r.stop();
        }
    }

    @Test
    void aWindowThatStillFailsAfterItsRetries_endsItsPipeWithAFailureNamingTheWindow_andIsReadAgainFromItsStart()
            throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Supplier<Iterator<Item>> failing = () -> {
            attempts.incrementAndGet();
            Iterator<Item> two = items("a", 2).iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (!two.hasNext()) {
                        throw new TransportException("page 2", "connection reset", true, null);
                    }
                    return true;
                }

                @Override
                public Item next() {
                    return two.next();
                }
            };
        };
        WindowReaders<Item, Item> r = readers(List.of(window("w1", 1, failing), window("w2", 2, items("b", 1))), 1,
                10, 2, RunParts.noWait(3));
        r.start(null);
        try {
            assertThat(drain(r)).containsExactly("failure w1");
        } finally {
            r.stop();
        }
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(heard.events()).containsExactly("retrying read window w1 #2", "retrying read window w1 #3");
    }

    @Test
    void aSourceThatCannotPlanItsNextWindow_endsWithAFailureOwnedByNoWindow() throws Exception {
        Iterator<Window<Item>> planning = new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new IllegalStateException("cannot plan");
            }

            @Override
            public Window<Item> next() {
                throw new AssertionError();
            }
        };
        Source<Item> source = new Source<>() {
            @Override
            public Iterator<Window<Item>> windows(Position from, Clock clock) {
                return planning;
            }

            @Override
            public Position initialPosition(Clock clock) {
                return null;
            }
        };
        WindowReaders<Item, Item> r = readers(source, 2, 10, 2, RunParts.noWait(1));
        r.start(null);
        try {
            assertThat(drain(r)).containsExactly("failure null");
        } finally {
            r.stop();
        }
    }

    @Test
    void stop_endsAReaderWaitingInARetryBackoff_withoutAnotherAttempt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Supplier<Iterator<Item>> failing = () -> {
            attempts.incrementAndGet();
            throw new TransportException("page 1", "connection reset", true, null);
        };
        io.qiao.client.RetryOptions slow = io.qiao.client.RetryOptions.builder().maxAttempts(3)
                .baseDelay(Duration.ofSeconds(30)).maxDelay(Duration.ofSeconds(30)).build();
        WindowReaders<Item, Item> r = readers(List.of(window("w1", 1, failing)), 1, 10, 2, slow);
        r.start(null);
        while (attempts.get() == 0) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        long start = System.nanoTime();

        r.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(attempts.get()).isEqualTo(1);
    }
}
