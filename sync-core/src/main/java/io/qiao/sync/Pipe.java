package io.qiao.sync;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One window's batches on their way from its reader to the writer, in order. Bounded, so a reader that runs
 * ahead of the writer waits (backpressure) and memory stays flat.
 */
final class Pipe {
    /** What travels through a pipe: a batch, why the window failed, or (after the last window) the end of data. */
    sealed interface Item permits Chunk, Failure, End {
    }

    /** The window failed after its retries, or the source could not plan its next window ({@code window} null). */
    record Failure(Throwable error, String window) implements Item {
    }

    /** No more windows. */
    enum End implements Item {
        INSTANCE
    }

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
