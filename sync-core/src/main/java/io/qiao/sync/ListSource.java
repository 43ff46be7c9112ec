package io.qiao.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A source over a list, in windows of a fixed number of records; the position's cursor is the offset of the
 * next record, also inside a window (the engine commits after each batch). For tests, samples and one-off loads of data already in memory.
 *
 * @param <T> the record type
 */
public final class ListSource<T> implements Source<T> {
    private final List<T> records;
    private final int windowSize;

    private ListSource(List<T> records, int windowSize) {
        this.records = List.copyOf(records);
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be at least 1, was " + windowSize);
        }
        this.windowSize = windowSize;
    }

    public static <T> ListSource<T> of(List<T> records, int windowSize) {
        return new ListSource<>(Objects.requireNonNull(records, "records"), windowSize);
    }

    /** All records in one window. */
    public static <T> ListSource<T> of(List<T> records) {
        return of(records, Math.max(1, records.size()));
    }

    /** The position after the first {@code offset} records. */
    public static Position positionAt(long offset) {
        return new Position(Instant.EPOCH, Long.toString(offset));
    }

    @Override
    public Position initialPosition(Clock clock) {
        return positionAt(0);
    }

    @Override
    public Iterator<Window<T>> windows(Position from, Clock clock) {
        int start = offsetOf(from);
        return new Iterator<>() {
            private int next = start;

            @Override
            public boolean hasNext() {
                return next < records.size();
            }

            @Override
            public Window<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next;
                int to = Math.min(records.size(), from + windowSize);
                next = to;
                return new Slice(from, to);
            }
        };
    }

    private int offsetOf(Position p) {
        if (p.cursor() == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(p.cursor());
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a ListSource position's cursor is a record offset, was '"
                    + p.cursor() + "'");
        }
    }

    private final class Slice implements Window<T> {
        private final int from;
        private final int to;
        private long pages;

        Slice(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public String describe() {
            return "records [" + from + ", " + to + ")";
        }

        @Override
        public Position endPosition() {
            return positionAt(to);
        }

        @Override
        public Iterator<T> records() {
            pages++;
            return records.subList(from, to).iterator();
        }

        @Override
        public long pagesFetched() {
            return pages;
        }

        /** The offset after the record: the list's order is fixed, and the cursor resumes exactly there. */
        @Override
        public Position positionAfter(T record, long index) {
            return positionAt(from + index + 1);
        }
    }
}
