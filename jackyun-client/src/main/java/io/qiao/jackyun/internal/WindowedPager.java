package io.qiao.jackyun.internal;

import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.client.PagingGuard;
import java.util.List;

/**
 * Lazy paging across time windows: each window is paged from {@code pageIndex} 0 (or from an empty cursor)
 * until a short page, then the next window starts. The continuation token {@code window:page[:cursor]} lets
 * a walk resume; it is only meaningful for the same query (the windows are derived from it).
 */
public final class WindowedPager {

    /** Fetches one page of a window; {@code cursor} is null in pageIndex mode. */
    @FunctionalInterface
    public interface Fetch<T> {
        Batch<T> fetch(TimeWindow window, int pageIndex, String cursor);
    }

    /**
     * One page from the vendor.
     *
     * @param nextCursor for cursor-paged APIs, the value to send for the next page (null or empty: no more)
     */
    public record Batch<T>(List<T> items, String nextCursor) {
        public static <T> Batch<T> of(List<T> items) {
            return new Batch<>(items, null);
        }
    }

    private WindowedPager() {
    }

    /**
     * @param guard      the client's guard against a vendor that pages without end, applied per window
     * @param windows    the windows to walk; a single null element means "no time filter"
     * @param cursorMode whether pages are chained by cursor (pageIndex stays 0) instead of pageIndex
     */
    public static <T> PagedIterable<T> pages(PagingGuard guard, String operation, List<TimeWindow> windows,
                                             int pageSize, boolean cursorMode, Fetch<T> fetch) {
        if (windows.isEmpty()) {
            return PagedIterable.ofList(operation, List.of());
        }
        return PagedIterable.of(operation, (String token) -> {
            Position at = Position.parse(token);
            if (at.window >= windows.size()) {
                throw new IllegalArgumentException("continuation token '" + token + "' points past the last of "
                        + windows.size() + " windows of this query");
            }
            Batch<T> batch = fetch.fetch(windows.get(at.window), at.page, at.cursor);
            boolean full = batch.items().size() >= pageSize;
            String next;
            if (full && cursorMode && batch.nextCursor() != null && !batch.nextCursor().isEmpty()) {
                next = new Position(at.window, 0, batch.nextCursor()).token();
            } else if (full && !cursorMode) {
                next = new Position(at.window, at.page + 1, null).token();
            } else if (at.window + 1 < windows.size()) {
                next = new Position(at.window + 1, 0, null).token();
            } else {
                next = null;
            }
            return new Page<>(batch.items(), next);
        }).guardedBy(guard)
                .windowedBy(token -> token == null ? 0 : windowOf(token))
                .withMoreSignal(cursorMode ? "a full page and a next cursor" : "a full page");
    }

    private static int windowOf(String token) {
        try {
            return Position.parse(token).window;
        } catch (IllegalArgumentException e) {
            return 0; // the fetch refuses the token with a clear message
        }
    }

    private record Position(int window, int page, String cursor) {
        static Position parse(String token) {
            if (token == null) {
                return new Position(0, 0, null);
            }
            String[] parts = token.split(":", 3);
            try {
                return new Position(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        parts.length == 3 ? parts[2] : null);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a Jackyun continuation token: '" + token + "'", e);
            }
        }

        String token() {
            return window + ":" + page + (cursor == null ? "" : ":" + cursor);
        }
    }
}
