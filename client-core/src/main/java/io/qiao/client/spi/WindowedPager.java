package io.qiao.client.spi;

import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.client.PagingGuard;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one windowed pager of the vendor modules: a listing's time range planned into windows under the vendor's cap
 * ({@link WallClockWindow#plan}), each window paged lazily, the whole one {@link PagedIterable} guarded by the
 * client's {@link PagingGuard} window by window (a repeated page or a runaway window ends the walk with a
 * {@link io.qiao.client.PagingException}).
 *
 * <p>The vendor's part is one {@link Fetch}: send the request for a window and page (or cursor), read the records
 * and say whether the vendor signals more ({@link Batch}). The pager does the rest:
 * <ul>
 *   <li>nothing is requested before iteration starts;</li>
 *   <li>pages are numbered from {@link Builder#firstPage(int)} in each window (聚水潭 1, 吉客云 0), or chained by the
 *       cursor a batch returns;</li>
 *   <li>a page that brings no records ends its window even when the vendor claims more: asking again would ask the
 *       same question, and the repeated-page check cannot see an empty repetition;</li>
 *   <li>with {@link Builder#recordTime}, a record whose time lies outside its window is dropped, so that a record
 *       on a boundary second comes once, whether the vendor's end parameter is inclusive or not;</li>
 *   <li>the continuation token {@code window:page[:cursor]} resumes a walk with {@link PagedIterable#byPage(String)}
 *       for the same query (the windows are derived from it).</li>
 * </ul>
 *
 * @param <T> the record type
 */
public final class WindowedPager<T> {

    /** Fetches one page of one window. */
    @FunctionalInterface
    public interface Fetch<T> {
        /**
         * @param window the window to send, or null for a listing without a time range
         * @param page   the page number (from the first page), unchanged while a cursor chains the pages
         * @param cursor the cursor returned by the previous page of this window, or null
         */
        Batch<T> fetch(WallClockWindow window, int page, String cursor);
    }

    /**
     * One page as the vendor answered it.
     *
     * @param items  the records, in the vendor's order
     * @param more   whether the vendor signals more pages in this window ({@code has_next}, a full page, pages
     *               left before {@code TotalPages})
     * @param cursor the value to send for the next page of a cursor-paged API, or null to number pages instead
     */
    public record Batch<T>(List<T> items, boolean more, String cursor) {
        public Batch {
            items = List.copyOf(Objects.requireNonNull(items, "items"));
            cursor = cursor == null || cursor.isEmpty() ? null : cursor;
        }

        /** A page of a page-numbered API. */
        public static <T> Batch<T> of(List<T> items, boolean more) {
            return new Batch<>(items, more, null);
        }

        /** A page of a cursor-paged API: more only when the vendor also returned a next cursor. */
        public static <T> Batch<T> chained(List<T> items, boolean more, String nextCursor) {
            boolean hasCursor = nextCursor != null && !nextCursor.isEmpty();
            return new Batch<>(items, more && hasCursor, hasCursor ? nextCursor : null);
        }
    }

    private final String operation;
    private final Fetch<T> fetch;
    private final PagingGuard guard;
    private final List<WallClockWindow> windows;
    private final int firstPage;
    private final String moreSignal;
    private final Function<? super T, LocalDateTime> recordTime;

    private WindowedPager(Builder<T> b) {
        this.operation = b.operation;
        this.fetch = b.fetch;
        this.guard = b.guard;
        this.windows = b.windows;
        this.firstPage = b.firstPage;
        this.moreSignal = b.moreSignal;
        this.recordTime = b.recordTime;
    }

    /**
     * A pager for {@code operation} (the name in messages and metrics) that fetches with {@code fetch}; by default
     * without a time range, pages numbered from 1, unguarded by a vendor name.
     */
    public static <T> Builder<T> builder(String operation, Fetch<T> fetch) {
        return new Builder<>(operation, fetch);
    }

    /** A record and whether it lies in its window; compared whole, so a repeated page stays recognisable. */
    private record Kept<T>(T item, boolean keep) {
    }

    private PagedIterable<T> pages() {
        if (windows != null && windows.isEmpty()) {
            return PagedIterable.ofList(operation, List.of()); // an empty range: nothing to ask
        }
        return PagedIterable.<Kept<T>>of(operation, this::fetch)
                .guardedBy(guard)
                .windowedBy(token -> token == null ? 0 : windowOf(token))
                .withMoreSignal(moreSignal)
                // The guard compares the pages as fetched; records outside their window are dropped after it.
                .mapPages(p -> new Page<>(p.items().stream().filter(Kept::keep).map(Kept::item).toList(),
                        p.nextToken()));
    }

    private Page<Kept<T>> fetch(String token) {
        Position at = Position.parse(operation, token, firstPage);
        int count = windows == null ? 1 : windows.size();
        if (at.window >= count) {
            throw new IllegalArgumentException("continuation token '" + token + "' of " + operation
                    + " points past the last of " + count + " windows of this query");
        }
        WallClockWindow window = windows == null ? null : windows.get(at.window);
        Batch<T> batch = fetch.fetch(window, at.page, at.cursor);
        if (batch == null) {
            throw new IllegalStateException(operation + ": the fetch returned no batch");
        }
        List<Kept<T>> items = new ArrayList<>(batch.items().size());
        for (T item : batch.items()) {
            LocalDateTime t = window == null || recordTime == null ? null : recordTime.apply(item);
            items.add(new Kept<>(item, t == null || window.contains(t)));
        }
        String next;
        if (batch.more() && !batch.items().isEmpty()) {
            next = batch.cursor() != null ? new Position(at.window, at.page, batch.cursor()).token()
                    : new Position(at.window, at.page + 1, null).token();
        } else if (at.window + 1 < count) {
            next = new Position(at.window + 1, firstPage, null).token();
        } else {
            next = null;
        }
        return new Page<>(items, next);
    }

    private int windowOf(String token) {
        try {
            return Position.parse(operation, token, firstPage).window;
        } catch (IllegalArgumentException e) {
            return 0; // the fetch refuses the token with a clear message
        }
    }

    /** Where a walk stands: {@code window:page[:cursor]}, the cursor last since it may hold anything. */
    private record Position(int window, int page, String cursor) {
        static Position parse(String operation, String token, int firstPage) {
            if (token == null) {
                return new Position(0, firstPage, null);
            }
            String[] parts = token.split(":", 3);
            try {
                Position p = new Position(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        parts.length == 3 ? parts[2] : null);
                if (p.window < 0 || p.page < firstPage) {
                    throw new IllegalArgumentException("negative");
                }
                return p;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a continuation token of " + operation + ": '" + token + "'",
                        e);
            }
        }

        String token() {
            return window + ":" + page + (cursor == null ? "" : ":" + cursor);
        }
    }

    /** The settings of one listing; {@link #build()} returns its lazy {@link PagedIterable}. */
    public static final class Builder<T> {
        private final String operation;
        private final Fetch<T> fetch;
        private PagingGuard guard = PagingGuard.unnamed();
        private List<WallClockWindow> windows;
        private int firstPage = 1;
        private String moreSignal = "that more pages follow";
        private Function<? super T, LocalDateTime> recordTime;

        private Builder(String operation, Fetch<T> fetch) {
            this.operation = Objects.requireNonNull(operation, "operation");
            this.fetch = Objects.requireNonNull(fetch, "fetch");
        }

        /** The client's guard: its vendor name, {@link io.qiao.client.PagingLimits} and clock. */
        public Builder<T> guard(PagingGuard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /**
         * The windows to walk, in order, usually from {@link WallClockWindow#plan}; an empty list lists nothing
         * and sends nothing. Without this call the listing has no time range: one pass with a null window.
         */
        public Builder<T> windows(List<WallClockWindow> windows) {
            this.windows = List.copyOf(Objects.requireNonNull(windows, "windows"));
            return this;
        }

        /** The number of each window's first page: 1 (聚水潭, KIS, the archive system) unless set, 0 for 吉客云. */
        public Builder<T> firstPage(int firstPage) {
            if (firstPage < 0) {
                throw new IllegalArgumentException("firstPage must not be negative, was " + firstPage);
            }
            this.firstPage = firstPage;
            return this;
        }

        /** How the vendor says more pages follow, for messages ({@code "has_next=true"}, {@code "a full page"}). */
        public Builder<T> moreSignal(String moreSignal) {
            this.moreSignal = Objects.requireNonNull(moreSignal, "moreSignal");
            return this;
        }

        /**
         * The time of a record that the windows filter on; a record whose time lies outside its window is dropped
         * (a record without one is kept), so that a record on a window boundary comes once.
         */
        public Builder<T> recordTime(Function<? super T, LocalDateTime> recordTime) {
            this.recordTime = Objects.requireNonNull(recordTime, "recordTime");
            return this;
        }

        /** The lazy listing: nothing is sent until it is iterated. */
        public PagedIterable<T> build() {
            return new WindowedPager<>(this).pages();
        }
    }
}
