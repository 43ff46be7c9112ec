package io.qiao.jushuitan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.DecodeException;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lazy paging over one query API: the requested time range split into windows of at most seven days, and
 * within each window {@code page_index} from 1 until the vendor says {@code has_next == false}.
 *
 * <p>Each window is treated as half-open {@code [begin, end)}: a record whose time is exactly the window's
 * end is dropped there, because the next window (which begins at that instant) returns it. Whether the
 * vendor's {@code modified_end} is inclusive is not documented; this way each record comes once either way.
 *
 * <p>The continuation token is {@code "<window>:<page>"} (both from 0 and 1), so a walk can be resumed
 * with {@link PagedIterable#byPage(String)}.
 */
public final class WindowedLister<T> {
    private final BizCaller caller;
    private final String path;
    private final String listKey;
    private final Class<T> type;
    private final Function<T, LocalDateTime> timeOf;

    public WindowedLister(BizCaller caller, String path, String listKey, Class<T> type,
                          Function<T, LocalDateTime> timeOf) {
        this.caller = caller;
        this.path = path;
        this.listKey = listKey;
        this.type = type;
        this.timeOf = timeOf;
    }

    /**
     * @param filters  the query's other biz fields (snake_case), without paging and time range
     * @param range    the time range, or null for a query by ids only
     * @param maxWindow the longest window to send
     * @param pageSize  records per page
     */
    public PagedIterable<T> list(Map<String, Object> filters, ModifiedRange range, Duration maxWindow, int pageSize) {
        List<ModifiedRange> windows = range == null ? null : range.split(maxWindow);
        return PagedIterable.of(path, token -> fetch(filters, windows, pageSize, token))
                .guardedBy(caller.pagingGuard())
                .windowedBy(WindowedLister::window)
                .withMoreSignal("has_next=true");
    }

    /** The window a continuation token belongs to, for the paging guard's per-window limits. */
    private static int window(String token) {
        if (token == null) {
            return 0;
        }
        try {
            return Integer.parseInt(token.split(":")[0]);
        } catch (NumberFormatException e) {
            return 0; // fetch refuses the token with a clear message
        }
    }

    private Page<T> fetch(Map<String, Object> filters, List<ModifiedRange> windows, int pageSize, String token) {
        int window = 0;
        int page = 1;
        if (token != null) {
            String[] parts = token.split(":");
            try {
                window = Integer.parseInt(parts[0]);
                page = Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a continuation token of " + path + ": '" + token + "'");
            }
        }
        Map<String, Object> biz = new LinkedHashMap<>(filters);
        ModifiedRange w = windows == null ? null : windows.get(window);
        if (w != null) {
            biz.put("modified_begin", w.beginText());
            biz.put("modified_end", w.endText());
        }
        biz.put("page_index", page);
        biz.put("page_size", pageSize);
        JsonNode data = caller.call(path, biz, true);
        JsonNode list = data.get(listKey);
        if (list != null && !list.isNull() && !list.isArray()) {
            throw new DecodeException(path, "data." + listKey + " is not a list", "", null);
        }
        List<T> items = new ArrayList<>(list == null ? 0 : list.size());
        if (list != null) {
            for (JsonNode node : list) {
                T item = caller.json().convert(path, node, type);
                LocalDateTime t = w == null ? null : timeOf.apply(item);
                if (t == null || w.contains(t)) {
                    items.add(item);
                }
            }
        }
        boolean hasNext = data.has("has_next") ? data.get("has_next").asBoolean()
                : list != null && list.size() >= pageSize;
        // A page that claims more but brings nothing would otherwise be asked for forever.
        if (hasNext && (list == null || list.isEmpty())) {
            hasNext = false;
        }
        String next;
        if (hasNext) {
            next = window + ":" + (page + 1);
        } else if (windows != null && window + 1 < windows.size()) {
            next = (window + 1) + ":1";
        } else {
            next = null;
        }
        return new Page<>(items, next);
    }
}
