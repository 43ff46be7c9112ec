package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.record.Rejection;
import static io.qiao.sync.RunParts.chunk;
import static io.qiao.sync.RunParts.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.TransportException;
import io.qiao.sync.RunParts.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChunkWriterTest {
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore(RunParts.CLOCK);
    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
    private final RunTally tally = new RunTally();
    private final RunParts.Heard heard = new RunParts.Heard();

    private ChunkWriter<Item, Item> writer(Sink<Item> sink, boolean transactional) {
        JobDefinition<Item, Item> job = RunParts.job(sink, checkpoints, deadLetters).listener(heard).build().definition();
        RunEvents events = new RunEvents(job.listeners());
        RunRetry retry = new RunRetry(job.name(), job.retryPolicy(), events);
        RecordProcessor<Item, Item> processor = new RecordProcessor<>(job);
        DeadLetterRecorder<Item, Item> recorder = new DeadLetterRecorder<>(job, processor, retry, tally, events);
        return new ChunkWriter<>(job, retry, recorder, tally, events, checkpoints.load(job.name()), transactional);
    }

    @Test
    void plainPath_writesTheBatch_thenCommitsTheWindowsEnd() {
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);
        ChunkWriter<Item, Item> w = writer(sink, false);
        Window<Item> window = window("w1", 1, List.of());
        w.startWindow();

        w.write(chunk(window, true, new Item("a", 1), new Item("b", 2)));

        assertThat(sink.size()).isEqualTo(2);
        assertThat(checkpoints.load("parts")).get().satisfies(c -> {
            assertThat(c.position()).isEqualTo(window.endPosition());
            assertThat(c.version()).isEqualTo(1);
        });
        assertThat(w.committed()).isEqualTo(window.endPosition());
        assertThat(heard.events()).containsExactly("batchWritten w1 2/0", "committed w1 v1");
    }

    @Test
    void aChunkInsideAWindow_commitsItsPosition_butAChunkDeliveredAgainUpToThereCommitsNothing() {
        ChunkWriter<Item, Item> w = writer(InMemorySink.keyedBy(Item::id), false);
        Window<Item> window = window("w1", 5, List.of());
        Position afterTwo = Position.at(RunParts.CLOCK.instant().minusSeconds(86_000));
        w.startWindow();
        Chunk<Item, Item> first = chunk(window, false, new Item("a", 1), new Item("b", 2));
        first.position = afterTwo;
        w.write(first);
        Chunk<Item, Item> again = chunk(window, false, new Item("a", 1), new Item("b", 2)); // a retried read
        again.position = afterTwo;
        w.write(again);

        assertThat(checkpoints.load("parts")).get().satisfies(c -> {
            assertThat(c.position()).isEqualTo(afterTwo);
            assertThat(c.version()).isEqualTo(1);
        });
        assertThat(heard.events()).containsExactly("batchWritten w1 2/0", "batchWritten w1 2/0"); // no window done
    }

    @Test
    void aCommitOutsideTheSaneRange_isRefused_andTheCheckpointStays() {
        ChunkWriter<Item, Item> w = writer(InMemorySink.keyedBy(Item::id), false);
        Window<Item> farFuture = new Window<>() {
            @Override
            public String describe() {
                return "w9";
            }

            @Override
            public Position endPosition() {
                return Position.at(Instant.parse("9999-01-01T00:00:00Z"));
            }

            @Override
            public java.util.Iterator<Item> records() {
                return java.util.Collections.emptyIterator();
            }
        };
        w.startWindow();

        assertThatThrownBy(() -> w.write(chunk(farFuture, true, new Item("a", 1))))
                .isInstanceOf(SyncException.class).hasMessageContaining("would commit watermark 9999-01-01T00:00:00Z")
                .hasMessageContaining("the checkpoint stays at none");
        assertThat(checkpoints.load("parts")).isEmpty();
    }

    @Test
    void transactionalPath_storesTheRefusedRecordsDeadLettersInsideTheTransaction_beforeItCommits() {
        List<String> order = new ArrayList<>();
        Item a = new Item("a", 1);
        Item bad = new Item("bad", -1);
        FakeTransactionalSink sink = new FakeTransactionalSink(order) {
            @Override
            public WriteResult<Item> write(List<Item> batch) {
                order.add("write " + batch.size());
                return new WriteResult<>(batch.size() - 1, List.of(Rejection.of(bad, Rejection.Stage.WRITE, "no")));
            }
        };
        ChunkWriter<Item, Item> w = writer(sink, true);
        Window<Item> window = window("w1", 1, List.of());
        w.startWindow();

        w.write(chunk(window, true, a, bad));

        assertThat(order).containsExactly("write 2", "dead letters: 1", "commit v0 -> v1");
        assertThat(deadLetters.list("parts", false, 10)).extracting(DeadLetter::key).containsExactly("bad");
        assertThat(w.committed()).isEqualTo(window.endPosition());
    }

    @Test
    void transactionalPath_aConflictAfterALostAnswer_isRecognisedAsTheRunsOwnCommit() {
        List<String> order = new ArrayList<>();
        FakeTransactionalSink sink = new FakeTransactionalSink(order) {
            int attempts;

            @Override
            public Committed<Item> writeAndCommit(List<Item> batch, String job, long expectedVersion, Position position) {
                Committed<Item> c = super.writeAndCommit(batch, job, expectedVersion, position);
                if (++attempts == 1) {
                    throw new TransportException("commit", "connection reset", true, null); // committed, answer lost
                }
                return c;
            }
        };
        ChunkWriter<Item, Item> w = writer(sink, true);
        Window<Item> window = window("w1", 1, List.of());
        w.startWindow();

        w.write(chunk(window, true, new Item("a", 1)));

        assertThat(checkpoints.load("parts")).get().satisfies(c -> assertThat(c.version()).isEqualTo(1));
        assertThat(w.committed()).isEqualTo(window.endPosition());
        assertThat(heard.events()).contains("retrying write batch and commit checkpoint #2", "committed w1 v1");
    }

    /** Writes nothing anywhere; commits in the test's checkpoint store, which it says it can commit with. */
    private class FakeTransactionalSink implements TransactionalSink<Item> {
        final List<String> order;

        FakeTransactionalSink(List<String> order) {
            this.order = order;
        }

        @Override
        public WriteResult<Item> write(List<Item> batch) {
            order.add("write " + batch.size());
            return WriteResult.allWritten(batch.size());
        }

        @Override
        public boolean canCommitWith(CheckpointStore store) {
            return store == checkpoints;
        }

        @Override
        public Committed<Item> writeAndCommit(List<Item> batch, String job, long expectedVersion, Position position) {
            Optional<DeadLetter> any = deadLetters.list(job, false, 10).stream().findAny();
            if (any.isPresent()) {
                order.add("dead letters: " + deadLetters.list(job, false, 10).size());
            }
            Checkpoint cp = checkpoints.compareAndSet(job, expectedVersion, position);
            order.add("commit v" + expectedVersion + " -> v" + cp.version());
            return new Committed<>(WriteResult.allWritten(batch.size()), cp);
        }
    }
}
