package io.qiao.sync;

import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads everything, every run: for small master data (warehouses, units, item lists) whose vendor API has no
 * "modified since" filter, or where a full comparison is cheap. One window per run; its end position is the
 * run's start time, which records when the data was last fully read. Sinks are idempotent, so unchanged
 * records are simply written again.
 *
 * @param <T> the record type
 */
public final class FullRefreshSource<T> implements Source<T> {
    private final Supplier<? extends Iterable<T>> reader;

    private FullRefreshSource(Supplier<? extends Iterable<T>> reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** @param reader opens the full listing; a {@link PagedIterable} lets the report count pages */
    public static <T> FullRefreshSource<T> of(Supplier<? extends Iterable<T>> reader) {
        return new FullRefreshSource<>(reader);
    }

    @Override
    public Position initialPosition(Clock clock) {
        return Position.at(Instant.EPOCH);
    }

    @Override
    public Iterator<Window<T>> windows(Position from, Clock clock) {
        Instant now = clock.instant();
        return List.<Window<T>>of(new Everything(now)).iterator();
    }

    private final class Everything implements Window<T> {
        private final Instant readAt;
        private long pages;

        Everything(Instant readAt) {
            this.readAt = readAt;
        }

        @Override
        public String describe() {
            return "full refresh at " + readAt;
        }

        @Override
        public Position endPosition() {
            return Position.at(readAt);
        }

        @Override
        public long pagesFetched() {
            return pages;
        }

        @Override
        public Iterator<T> records() {
            Iterable<T> all = reader.get();
            if (all == null) {
                throw new SyncException("the full-refresh reader returned null instead of a listing");
            }
            if (!(all instanceof PagedIterable<T> paged)) {
                pages++;
                return all.iterator();
            }
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
    }
}
