package io.qiao.sync;

import java.util.List;

/**
 * Where records go. {@link #write} must be idempotent: writing the same record twice has the effect of
 * writing it once (upsert by key, or look up before create), because the engine re-delivers records at
 * window overlaps and after a crash.
 *
 * <p>A record the sink refuses on its own merits is returned in {@link WriteResult#rejected()} (it becomes
 * a dead letter); an exception means the batch as a whole may not have been written, and the engine
 * retries it or fails the window without moving the checkpoint.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface Sink<T> {
    WriteResult<T> write(List<T> batch);
}
