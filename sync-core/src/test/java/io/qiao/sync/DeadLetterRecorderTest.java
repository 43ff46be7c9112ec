package io.qiao.sync;

import io.qiao.sync.record.Rejection;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import static io.qiao.sync.RunParts.chunk;
import static io.qiao.sync.RunParts.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.RunParts.Item;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterRecorderTest {
    private final InMemoryDeadLetterStore store = new InMemoryDeadLetterStore();
    private final RunTally tally = new RunTally();
    private final RunParts.Heard heard = new RunParts.Heard();

    private DeadLetterRecorder<Item, Item> recorder() {
        JobDefinition<Item, Item> job = RunParts.job(InMemorySink.keyedBy(Item::id), new InMemoryCheckpointStore(),
                store).listener(heard).build().definition();
        RunEvents events = new RunEvents(job.listeners());
        return new DeadLetterRecorder<>(job, new RecordProcessor<>(job),
                new RunRetry(job.name(), job.retryPolicy(), events), tally, events);
    }

    private static Chunk<Item, Item> rejecting(Window<Item> w, Item... items) {
        Chunk<Item, Item> c = chunk(w, false);
        for (Item i : items) {
            c.rejected(new RecordProcessor.Rejected<>(i, Rejection.Stage.VALIDATE, List.of("qty must be > 0")));
        }
        return c;
    }

    @Test
    void theSameRecordRejectedAgainInTheSameWindow_isStoredOnce() {
        DeadLetterRecorder<Item, Item> r = recorder();
        Window<Item> w = window("w1", 1, List.of());
        r.startWindow();

        r.rejected(rejecting(w, new Item("a", 0)));
        r.rejected(rejecting(w, new Item("a", 0))); // a retried read of the window delivers it again

        assertThat(store.list("parts", false, 10)).hasSize(1);
        assertThat(tally.deadLetteredCount()).isEqualTo(1);
        assertThat(heard.events()).containsExactly("deadLettered a VALIDATE");
    }

    @Test
    void theSameKeyInTheNextWindow_isStoredAgain_soTheEntryCountsItsAttempts() {
        DeadLetterRecorder<Item, Item> r = recorder();
        r.startWindow();
        r.rejected(rejecting(window("w1", 1, List.of()), new Item("a", 0)));
        r.startWindow();
        r.rejected(rejecting(window("w2", 2, List.of()), new Item("a", 0)));

        assertThat(tally.deadLetteredCount()).isEqualTo(2);
        assertThat(store.list("parts", false, 10)).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
    }

    @Test
    void anOpenDeadLetter_isResolvedWhenItsRecordIsWritten_butNotWhenTheSinkRefusedIt() {
        store.add("parts", "a", "{}", Rejection.Stage.LOOKUP, List.of("no sku"), "old", Instant.EPOCH);
        store.add("parts", "b", "{}", Rejection.Stage.LOOKUP, List.of("no sku"), "old", Instant.EPOCH);
        DeadLetterRecorder<Item, Item> r = recorder();
        r.loadOpen();
        Item a = new Item("a", 1);
        Item b = new Item("b", 1);
        Chunk<Item, Item> c = chunk(window("w1", 1, List.of()), true, a, b);

        r.resolveDelivered(c, new WriteResult<>(1, List.of(Rejection.of(b, Rejection.Stage.WRITE, "refused"))));

        assertThat(store.list("parts", false, 10)).extracting(DeadLetter::key).containsExactly("b");
    }

    @Test
    void aSinkRefusal_isStoredWithTheSourceRecordsKeyAndPayload() {
        DeadLetterRecorder<Item, Item> r = recorder();
        Item a = new Item("a", 1);
        Chunk<Item, Item> c = chunk(window("w1", 1, List.of()), true, a);

        r.refusedBySink(c, Rejection.of(new Item("a", 1), Rejection.Stage.WRITE, "duplicate")); // an equal copy

        assertThat(store.list("parts", false, 10)).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("a");
            assertThat(d.payload()).contains("\"id\":\"a\"");
            assertThat(d.window()).isEqualTo("w1");
        });
    }
}
