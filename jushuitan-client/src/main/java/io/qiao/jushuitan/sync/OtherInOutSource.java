package io.qiao.jushuitan.sync;

import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.sync.Position;
import io.qiao.sync.Source;
import io.qiao.sync.TimeWindow;
import io.qiao.sync.TimeWindowSource;
import io.qiao.sync.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Other in/out documents by {@code modified}, incrementally: windows planned by {@link TimeWindowSource}
 * (at most seven days each, the vendor's cap), read again from {@code overlap} before the watermark so that
 * a document whose {@code modified} was written late is not missed, and de-duplicated by
 * {@code io_id + modified}: within a run across window edges, and across runs through the checkpoint
 * cursor ({@link OverlapCursor}). A document edited since it was delivered has a new {@code modified} and
 * is delivered again, as it should be.
 *
 * <p>Build with {@link JushuitanSources#otherInOut(JushuitanClient, OtherInOutFilter)} or
 * {@link JushuitanSources#otherInOutBuilder(JushuitanClient)}.
 */
public final class OtherInOutSource implements Source<OtherInOut> {
    private final TimeWindowSource<OtherInOut> planner;
    private final Duration overlap;

    OtherInOutSource(JushuitanClient client, OtherInOutFilter filter, Duration maxWindow, Duration overlap,
                     Duration settleDelay, Duration initialLookback, Instant initialWatermark) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(filter, "filter");
        this.overlap = overlap;
        TimeWindowSource.Builder<OtherInOut> b = TimeWindowSource.<OtherInOut>builder(window -> exactly(window,
                        client.otherInOuts().list(filter.applyTo(OtherInOutQuery.builder()
                                .modifiedBetween(window.start(), window.end())).build())))
                .maxWindow(maxWindow).overlap(overlap).settleDelay(settleDelay).initialLookback(initialLookback)
                .distinctBy(OtherInOutSource::key);
        if (initialWatermark != null) {
            b.initialWatermark(initialWatermark);
        }
        this.planner = b.build();
    }

    /**
     * The vendor works in whole seconds, so the query covers the window rounded outwards; keeping only what
     * lies exactly in {@code [start, end)} makes consecutive windows (whose edges fall mid-second) disjoint.
     */
    private static PagedIterable<OtherInOut> exactly(TimeWindow window, PagedIterable<OtherInOut> rounded) {
        // mapPages, not a new PagedIterable over rounded.byPage(token): the client's paging guard must see every
        // page of the window in one walk to notice a vendor that repeats a page for ever.
        return rounded.mapPages(page -> new Page<>(page.items().stream().filter(d -> {
            Instant m = d.modifiedInstant();
            return m == null || (!m.isBefore(window.start()) && m.isBefore(window.end()));
        }).toList(), page.nextToken()));
    }

    static String key(OtherInOut doc) {
        Instant m = doc.modifiedInstant();
        return OverlapCursor.key(doc.ioId(), m == null ? Long.MIN_VALUE : m.getEpochSecond());
    }

    @Override
    public Position initialPosition(Clock clock) {
        return planner.initialPosition(clock);
    }

    @Override
    public Iterator<Window<OtherInOut>> windows(Position from, Clock clock) {
        Set<String> deliveredBefore = OverlapCursor.decode(from.cursor(), from.watermark());
        // io_id -> modified (epoch second) of what this run delivered near the latest window end; shared by
        // the reading thread and the committing thread.
        ConcurrentMap<Long, Long> recent = new ConcurrentHashMap<>();
        Iterator<Window<OtherInOut>> planned = planner.windows(from, clock);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return planned.hasNext();
            }

            @Override
            public Window<OtherInOut> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return new OverlapWindow(planned.next(), deliveredBefore, recent);
            }
        };
    }

    private final class OverlapWindow implements Window<OtherInOut> {
        private final Window<OtherInOut> inner;
        private final Set<String> deliveredBefore;
        private final ConcurrentMap<Long, Long> recent;

        OverlapWindow(Window<OtherInOut> inner, Set<String> deliveredBefore, ConcurrentMap<Long, Long> recent) {
            this.inner = inner;
            this.deliveredBefore = deliveredBefore;
            this.recent = recent;
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public long pagesFetched() {
            return inner.pagesFetched();
        }

        @Override
        public Position endPosition() {
            Instant end = inner.endPosition().watermark();
            Instant from = end.minus(overlap);
            // Windows commit in order, so what lies before this band matters to no later one either: dropping it
            // keeps a long backfill's memory flat.
            recent.values().removeIf(modified -> Instant.ofEpochSecond(modified).isBefore(from));
            Map<Long, Long> band = new TreeMap<>();
            recent.forEach((id, modified) -> {
                if (inBand(modified, from, end)) {
                    band.put(id, modified);
                }
            });
            // The band's earlier part may lie in earlier windows: keep what they delivered that still counts.
            for (String k : deliveredBefore) {
                int at = k.indexOf('@');
                long id = Long.parseLong(k.substring(0, at));
                long modified = Long.parseLong(k.substring(at + 1));
                if (inBand(modified, from, end)) {
                    band.putIfAbsent(id, modified);
                }
            }
            return new Position(end, OverlapCursor.encode(band, end));
        }

        private static boolean inBand(long epochSecond, Instant from, Instant end) {
            Instant t = Instant.ofEpochSecond(epochSecond);
            return !t.isBefore(from) && t.isBefore(end);
        }

        @Override
        public Iterator<OtherInOut> records() {
            Iterator<OtherInOut> raw = inner.records();
            return new Iterator<>() {
                private OtherInOut next;

                @Override
                public boolean hasNext() {
                    while (next == null && raw.hasNext()) {
                        OtherInOut candidate = raw.next();
                        if (!deliveredBefore.contains(key(candidate))) {
                            next = candidate;
                            Instant m = candidate.modifiedInstant();
                            if (m != null) {
                                recent.merge(candidate.ioId(), m.getEpochSecond(), Math::max);
                            }
                        }
                    }
                    return next != null;
                }

                @Override
                public OtherInOut next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    OtherInOut n = next;
                    next = null;
                    return n;
                }
            };
        }
    }
}
