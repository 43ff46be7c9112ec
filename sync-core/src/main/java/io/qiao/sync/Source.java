package io.qiao.sync;

import java.time.Clock;
import java.util.Iterator;

/**
 * Where records come from. A source plans the windows to read after a position; the end of data is explicit
 * ({@code hasNext() == false}), never a null record.
 *
 * @param <T> the record type
 */
public interface Source<T> {

    /**
     * The windows to read, in order, starting from {@code from}; lazy: a window's records are fetched only
     * when the engine iterates them.
     *
     * @param from  the committed position, or the source's initial position when the job has none
     * @param clock the job's clock ("now" for window planning and settle delays)
     */
    Iterator<Window<T>> windows(Position from, Clock clock);

    /** Where a job without a checkpoint starts. Time-window sources default to now - 24h, as the old scripts did. */
    Position initialPosition(Clock clock);
}
