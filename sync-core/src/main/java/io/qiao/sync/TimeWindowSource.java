package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.sync.internal.Limits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * An incremental source over a "modified between" query. From the committed watermark it plans windows
 *
 * <pre>[watermark - overlap, min(now - settleDelay, start + maxWindow))</pre>
 *
 * and then consecutive windows of at most {@code maxWindow} up to {@code now - settleDelay}. Each window's
 * end becomes the watermark only once its records are durable, so a failed window is read again next run.
 *
 * <ul>
 *   <li>{@code overlap} re-reads the tail of the last window: records whose modification time was written
 *       late by the vendor are not missed. Re-delivered records are harmless because sinks are idempotent,
 *       and {@link Builder#distinctBy} drops exact repeats within a run.</li>
 *   <li>{@code settleDelay} keeps away from "now", where records may still be committing.</li>
 *   <li>{@code maxWindow} is the vendor's cap on a query's time range (7 days for Jushuitan).</li>
 * </ul>
 *
 * <p>By default a window is the unit of progress: a run that fails or dies in a window reads it again from its
 * start. When the fetcher delivers a window's records sorted by modification time, {@link Builder#orderedBy} says
 * so, and the checkpoint also advances after every batch inside a window.
 *
 * <p>Longer than most classes here (about 390 lines), over half of it javadoc: the window planning, the window
 * that says its position after each batch, the recent-keys de-duplication across overlapping windows and the
 * documented builder are one contract (where a window starts, and what it may deliver again) read best in one place.
 *
 * @param <T> the record type
 */
public final class TimeWindowSource<T> implements Source<T> {
    private final Function<TimeWindow, ? extends Iterable<T>> fetcher;
    private final Duration maxWindow;
    private final Duration overlap;
    private final Duration settleDelay;
    private final Duration initialLookback;
    private final Instant initialWatermark;
    private final Instant until;
    private final Function<? super T, ?> distinctBy;
    private final int distinctCapacity;
    private final Function<? super T, Instant> orderedBy;

    private TimeWindowSource(Builder<T> b) {
        this.orderedBy = b.orderedBy;
        this.fetcher = b.fetcher;
        this.maxWindow = b.maxWindow;
        this.overlap = b.overlap;
        this.settleDelay = b.settleDelay;
        this.initialLookback = b.initialLookback;
        this.initialWatermark = b.initialWatermark;
        this.until = b.until;
        this.distinctBy = b.distinctBy;
        this.distinctCapacity = b.distinctCapacity;
    }

    /**
     * @param fetcher reads one window; a {@link PagedIterable} lets the report count pages
     */
    public static <T> Builder<T> builder(Function<TimeWindow, ? extends Iterable<T>> fetcher) {
        return new Builder<>(fetcher);
    }

    @Override
    public Position initialPosition(Clock clock) {
        if (initialWatermark != null) {
            return Position.at(initialWatermark);
        }
        Instant now = clock.instant();
        if (initialLookback.compareTo(Duration.between(Checkpoint.EARLIEST_WATERMARK, now)) > 0) {
            throw new SyncException("initialLookback " + initialLookback + " reaches before "
                    + Checkpoint.EARLIEST_WATERMARK + ", where checkpoints begin; choose a shorter look-back or an "
                    + "initialWatermark");
        }
        return Position.at(now.minus(initialLookback));
    }

    @Override
    public Iterator<Window<T>> windows(Position from, Clock clock) {
        Instant settled = clock.instant().minus(settleDelay);
        Instant upper = until != null && until.isBefore(settled) ? until : settled;
        // nothing is read before the epoch, where no checkpoint can be (and a huge overlap would overflow)
        Instant first = from.watermark().isAfter(Checkpoint.EARLIEST_WATERMARK)
                && overlap.compareTo(Duration.between(Checkpoint.EARLIEST_WATERMARK, from.watermark())) < 0
                ? from.watermark().minus(overlap) : min(from.watermark(), Checkpoint.EARLIEST_WATERMARK);
        RecentKeys seenPrevious = new RecentKeys(distinctCapacity);
        return new Iterator<>() {
            private Instant start = first;
            private RecentKeys seen = seenPrevious;

            @Override
            public boolean hasNext() {
                return start.isBefore(upper);
            }

            @Override
            public Window<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                // compared as durations: start + a huge maxWindow would overflow
                Instant end = maxWindow.compareTo(Duration.between(start, upper)) < 0 ? start.plus(maxWindow) : upper;
                TimeWindow w = new TimeWindow(start, end);
                start = end;
                RecentKeys previous = seen;
                RecentKeys current = new RecentKeys(distinctCapacity, previous.size());
                seen = current;
                return new TimedWindow(w, previous, current);
            }
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private final class TimedWindow implements Window<T> {
        private final TimeWindow window;
        private final RecentKeys previous;
        private final RecentKeys current;
        private long pages;
        /** Whether the current attempt's records came in modification order so far (see {@link Builder#orderedBy}). */
        private volatile boolean inOrder;

        TimedWindow(TimeWindow window, RecentKeys previous, RecentKeys current) {
            this.window = window;
            this.previous = previous;
            this.current = current;
        }

        @Override
        public String describe() {
            return window.toString();
        }

        @Override
        public Position endPosition() {
            return Position.at(window.end());
        }

        @Override
        public long pagesFetched() {
            return pages;
        }

        @Override
        public Iterator<T> records() {
            current.clear();
            Iterable<T> fetched = fetcher.apply(window);
            Iterator<T> raw = fetched instanceof PagedIterable<T> paged ? counting(paged) : fetched.iterator();
            Iterator<T> records = distinctBy == null ? raw : distinct(raw);
            return orderedBy == null ? records : checkingOrder(records);
        }

        /**
         * With {@link Builder#orderedBy}: everything modified before the record's time was delivered before it (the
         * fetcher's order), so that time is a watermark; records of that very time may follow, and are read again.
         */
        @Override
        public Position positionAfter(T record, long index) {
            if (orderedBy == null || !inOrder) {
                return null;
            }
            Instant modified = orderedBy.apply(record);
            return modified == null ? null : Position.at(modified);
        }

        /** Watches the promised order; once broken (or a time is missing or outside the window), no mid positions. */
        private Iterator<T> checkingOrder(Iterator<T> records) {
            inOrder = true;
            return new Iterator<>() {
                private Instant last = window.start();

                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public T next() {
                    T next = records.next();
                    Instant modified = next == null ? null : orderedBy.apply(next);
                    if (modified == null || modified.isBefore(last) || !modified.isBefore(window.end())) {
                        inOrder = false;
                    } else {
                        last = modified;
                    }
                    return next;
                }
            };
        }

        private Iterator<T> counting(PagedIterable<T> paged) {
            Iterator<Page<T>> pageIt = paged.byPage().iterator();
            return new Iterator<>() {
                private Iterator<T> items = Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!items.hasNext() && pageIt.hasNext()) {
                        items = pageIt.next().items().iterator();
                        pages++;
                    }
                    return items.hasNext();
                }

                @Override
                public T next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return items.next();
                }
            };
        }

        private Iterator<T> distinct(Iterator<T> raw) {
            return new Iterator<>() {
                private T next;

                @Override
                public boolean hasNext() {
                    while (next == null && raw.hasNext()) {
                        T candidate = raw.next();
                        Object key = distinctBy.apply(candidate);
                        if (!previous.contains(key) && current.add(key)) {
                            next = candidate;
                        }
                    }
                    return next != null;
                }

                @Override
                public T next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    T n = next;
                    next = null;
                    return n;
                }
            };
        }
    }

    /**
     * The most recent keys delivered in one window, at most {@code capacity} of them. Synchronized: with several
     * readers, neighbouring windows are read at the same time.
     */
    private static final class RecentKeys {
        private final LinkedHashSet<Object> keys;
        private final int capacity;

        RecentKeys(int capacity) {
            this(capacity, 0);
        }

        /**
         * @param expected how many keys the window is likely to hold (the previous window's count): sized for them
         *                 up front, since growing the set of a large window again in every window cost the reading
         *                 thread a twentieth of its time end to end
         */
        RecentKeys(int capacity, int expected) {
            this.capacity = capacity;
            this.keys = new LinkedHashSet<>((int) (Math.min(expected, capacity) / 0.75f) + 16);
        }

        synchronized int size() {
            return keys.size();
        }

        synchronized boolean contains(Object key) {
            return keys.contains(key);
        }

        synchronized boolean add(Object key) {
            if (!keys.add(key)) {
                return false;
            }
            if (keys.size() > capacity) {
                Iterator<Object> oldest = keys.iterator();
                oldest.next();
                oldest.remove();
            }
            return true;
        }

        synchronized void clear() {
            keys.clear();
        }
    }

    public static final class Builder<T> {
        private final Function<TimeWindow, ? extends Iterable<T>> fetcher;
        private Duration maxWindow = Duration.ofDays(1);
        private Duration overlap = Duration.ofMinutes(1);
        private Duration settleDelay = Duration.ofSeconds(30);
        private Duration initialLookback = Duration.ofHours(24);
        private Instant initialWatermark;
        private Instant until;
        private Function<? super T, ?> distinctBy;
        private int distinctCapacity = 100_000;
        private Function<? super T, Instant> orderedBy;

        private Builder(Function<TimeWindow, ? extends Iterable<T>> fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        }

        /** The longest range one query may cover (the vendor's cap); default 1 day. */
        public Builder<T> maxWindow(Duration maxWindow) {
            this.maxWindow = positive(maxWindow, "maxWindow");
            return this;
        }

        /** How far before the watermark a run starts reading again; default 1 minute. */
        public Builder<T> overlap(Duration overlap) {
            this.overlap = nonNegative(overlap, "overlap");
            return this;
        }

        /** How far behind "now" reading stops; default 30 seconds. */
        public Builder<T> settleDelay(Duration settleDelay) {
            this.settleDelay = nonNegative(settleDelay, "settleDelay");
            return this;
        }

        /** Without a checkpoint, start this long before now; default 24 hours (as the old scripts did). */
        public Builder<T> initialLookback(Duration initialLookback) {
            this.initialLookback = nonNegative(initialLookback, "initialLookback");
            return this;
        }

        /** Without a checkpoint, start here (wins over {@link #initialLookback}). */
        public Builder<T> initialWatermark(Instant initialWatermark) {
            this.initialWatermark = Limits.instant(initialWatermark, "initialWatermark");
            return this;
        }

        /**
         * Reads nothing at or after {@code until}: windows stop there (or at now - settleDelay, if earlier). For a
         * bounded range such as a {@code jdbc.JdbcBackfill} slice; default no bound.
         */
        public Builder<T> until(Instant until) {
            this.until = Limits.instant(until, "until");
            return this;
        }

        /**
         * Drops a record whose key was already delivered in this window or the one before it in the same run
         * (overlaps, pages that shift while records change). Use a key that changes when the record does,
         * e.g. id + modified time, so that a real update is still delivered.
         */
        public Builder<T> distinctBy(Function<? super T, ?> key) {
            this.distinctBy = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * How many of the most recent keys {@link #distinctBy} remembers per window; default 100,000. Memory
         * stays bounded however large a window is; repeats further apart than this are delivered again, which
         * idempotent sinks absorb.
         */
        public Builder<T> distinctCapacity(int keys) {
            if (keys < 1) {
                throw new IllegalArgumentException("distinctCapacity must be at least 1, was " + keys);
            }
            this.distinctCapacity = keys;
            return this;
        }

        /**
         * Declares that the fetcher delivers each window's records in non-decreasing order of {@code modified} (the
         * time the windows filter on), as an {@code ORDER BY} or a vendor's documented sort does. The engine then
         * commits the checkpoint after every batch, at the modification time of the batch's last record, so that a
         * crash in a large window redoes at most one batch instead of the whole window.
         *
         * <p>A promise, not a guess: a record delivered after one modified later than it would be skipped by a run
         * resumed between the two. Where a window's records are seen out of order (or without a time, or outside
         * the window), the window commits only its end from there on. Without this option (the default) every
         * window is committed whole.
         */
        public Builder<T> orderedBy(Function<? super T, Instant> modified) {
            this.orderedBy = Objects.requireNonNull(modified, "modified");
            return this;
        }

        public TimeWindowSource<T> build() {
            return new TimeWindowSource<>(this);
        }

        private static Duration positive(Duration d, String name) {
            return Limits.positive(d, name);
        }

        private static Duration nonNegative(Duration d, String name) {
            return Limits.nonNegative(d, name);
        }
    }
}
