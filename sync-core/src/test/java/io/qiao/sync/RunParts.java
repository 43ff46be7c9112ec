package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.observe.SyncListener;
import io.qiao.client.RetryOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/** Helpers for the unit tests of a run's parts: a job definition, windows and chunks made by hand. */
final class RunParts {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC);

    record Item(String id, int qty) {
    }

    private RunParts() {
    }

    /** Retries of a run without waiting between attempts. */
    static RetryOptions noWait(int attempts) {
        return RetryOptions.builder().maxAttempts(attempts).baseDelay(Duration.ZERO).maxDelay(Duration.ZERO)
                .jitter(0).throttleDelay(Duration.ZERO).build();
    }

    static SyncJob.Builder<Item, Item> job(Sink<Item> sink, CheckpointStore checkpoints, DeadLetterStore deadLetters) {
        return SyncJob.builder("parts").source(ListSource.<Item>of(List.of())).sink(sink).checkpoints(checkpoints)
                .deadLetters(deadLetters).clock(CLOCK).retry(noWait(3)).keyOf(Item::id).recordType(Item.class);
    }

    /** A window ending at {@code end} (hour {@code end} of the clock's day), with {@code records}. */
    static Window<Item> window(String describe, int endHour, Supplier<Iterator<Item>> records) {
        Position end = Position.at(CLOCK.instant().minus(Duration.ofDays(1)).plus(Duration.ofHours(endHour)));
        return new Window<>() {
            @Override
            public String describe() {
                return describe;
            }

            @Override
            public Position endPosition() {
                return end;
            }

            @Override
            public Iterator<Item> records() {
                return records.get();
            }
        };
    }

    static Window<Item> window(String describe, int endHour, List<Item> records) {
        return window(describe, endHour, records::iterator);
    }

    /** A chunk of {@code window} holding {@code items} as mapped (mapping is the identity here). */
    static Chunk<Item, Item> chunk(Window<Item> window, boolean last, Item... items) {
        Chunk<Item, Item> c = new Chunk<>(new Chunk.WindowRef<>(0, window, window.describe()), items.length);
        for (Item i : items) {
            c.value(i, i);
        }
        c.last = last;
        c.endIndex = items.length;
        return c;
    }

    /** Everything listeners heard, one line per event. */
    static final class Heard implements SyncListener {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void retrying(String job, String operation, int nextAttempt, Throwable failure) {
            events.add("retrying " + operation + " #" + nextAttempt);
        }

        @Override
        public synchronized void deadLettered(String job, DeadLetter deadLetter) {
            events.add("deadLettered " + deadLetter.key() + " " + deadLetter.stage());
        }

        @Override
        public synchronized void batchWritten(String job, String window, int written, int rejected) {
            events.add("batchWritten " + window + " " + written + "/" + rejected);
        }

        @Override
        public synchronized void checkpointCommitted(String job, String window, Checkpoint checkpoint) {
            events.add("committed " + window + " v" + checkpoint.version());
        }

        synchronized List<String> events() {
            return List.copyOf(events);
        }
    }
}
