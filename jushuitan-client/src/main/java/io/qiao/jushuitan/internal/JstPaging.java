package io.qiao.jushuitan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.PagedIterable;
import io.qiao.client.TimeRange;
import io.qiao.client.spi.AnyEndpointPaging;
import io.qiao.client.spi.WallClockWindow;
import io.qiao.client.spi.WindowedPager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * 聚水潭's paging convention on the shared {@link WindowedPager}: {@code page_index} from 1 and {@code page_size}
 * in {@code biz}, the records in a list under {@code data}, the end when {@code has_next} is false (or, where an
 * API sends no {@code has_next}, a short page). A time range goes out as {@code modified_begin}/{@code modified_end}
 * (or the names given), split into windows of at most {@link #MAX_WINDOW}.
 *
 * <p>Each window is treated as half-open {@code [begin, end)}: when the record's time is known, a record exactly on
 * the window's end is dropped there, because the next window (which begins at that instant) returns it. Whether the
 * vendor's {@code modified_end} is inclusive is not documented; this way each record comes once either way.
 */
public final class JstPaging {
    /** The vendor's cap on {@code modified_end - modified_begin} (VENDORS.md 1.7). */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    public static final String BEGIN = "modified_begin";
    public static final String END = "modified_end";
    /** The page size of {@code pages(...)} unless the caller sets {@code page_size}: the vendor's own default. */
    public static final int DEFAULT_PAGE_SIZE = 30;

    private JstPaging() {
    }

    /** A query's range in Shanghai wall time, widened to whole seconds; refuses an empty one. */
    public static WallClockWindow range(LocalDateTime begin, LocalDateTime end) {
        return WallClockWindow.covering(begin, end);
    }

    /** A query's range given as instants, in Shanghai wall time. */
    public static WallClockWindow range(Instant begin, Instant end) {
        return range(LocalDateTime.ofInstant(begin, Json.SHANGHAI), LocalDateTime.ofInstant(end, Json.SHANGHAI));
    }

    /** The inclusive start of a query's range as an instant, or null for a query by ids (no range). */
    public static Instant startOrNull(WallClockWindow range) {
        return range == null ? null : range.start().atZone(Json.SHANGHAI).toInstant();
    }

    /** The exclusive end of a query's range as an instant, or null for a query by ids (no range). */
    public static Instant endOrNull(WallClockWindow range) {
        return range == null ? null : range.end().atZone(Json.SHANGHAI).toInstant();
    }

    /** A query's range read back from its accessors, or null for a query by ids (no begin). */
    public static WallClockWindow rangeOrNull(Instant begin, Instant end) {
        return begin == null ? null : range(begin, end);
    }

    /**
     * One query API, lazily paged.
     *
     * @param listKeys the fields of {@code data} that may hold the records, the first present wins; null:
     *                 {@code datas}, else its first array
     * @param convert  reads one record
     * @param timeOf   the record's time the range filters on (null: no filter)
     * @param filters  the query's other biz fields (snake_case), without paging and time range
     * @param windows  the windows to walk, or null for a query without a time range
     * @param params   the names of the window's begin and end fields
     * @param pageSize records per page
     */
    public static <T> PagedIterable<T> list(BizCaller caller, String path, List<String> listKeys,
                                            Function<JsonNode, T> convert, Function<T, LocalDateTime> timeOf,
                                            Map<String, Object> filters, List<WallClockWindow> windows,
                                            String[] params, int pageSize) {
        WindowedPager.Builder<T> pager = WindowedPager.<T>builder(path, (window, page, cursor) -> {
            Map<String, Object> biz = new LinkedHashMap<>(filters);
            if (window != null) {
                biz.put(params[0], window.startText());
                biz.put(params[1], window.endText());
            }
            biz.put("page_index", page);
            biz.put("page_size", pageSize);
            JsonNode data = caller.call(path, biz, true);
            JsonNode list = records(path, data, listKeys);
            List<T> items = new ArrayList<>(list == null ? 0 : list.size());
            if (list != null && !list.isNull()) {
                for (JsonNode node : list) {
                    items.add(convert.apply(node));
                }
            }
            int size = list == null || list.isNull() ? 0 : list.size();
            boolean hasNext = data.has("has_next") ? data.get("has_next").asBoolean() : size >= pageSize;
            return WindowedPager.Batch.of(items, hasNext);
        }).guard(caller.pagingGuard()).firstPage(1).moreSignal("has_next=true");
        if (windows != null) {
            pager.windows(windows);
        }
        if (timeOf != null) {
            pager.recordTime(timeOf);
        }
        return pager.build();
    }

    /**
     * Any list API ({@code JushuitanClient.pages}): the records as JSON, {@code page_size} as the caller set it or
     * {@value #DEFAULT_PAGE_SIZE}, an optional range under the vendor's seven-day cap.
     */
    public static PagedIterable<JsonNode> any(BizCaller caller, String path, Map<String, ?> biz, TimeRange range) {
        String[] names = {BEGIN, END};
        if (range != null) {
            names = new String[] {range.fromParam().orElse(BEGIN), range.toParam().orElse(END)};
        }
        List<String> reserved = range == null ? List.of("page_index") : List.of("page_index", names[0], names[1]);
        Map<String, Object> filters = AnyEndpointPaging.params(path, biz, reserved);
        int pageSize = AnyEndpointPaging.pageSize(path, "page_size", filters.remove("page_size"), DEFAULT_PAGE_SIZE);
        List<WallClockWindow> windows = range == null ? null
                : AnyEndpointPaging.windows("聚水潭", Json.SHANGHAI, range, MAX_WINDOW, MAX_WINDOW);
        Function<JsonNode, LocalDateTime> timeOf = range == null ? null
                : range.recordTime().map(AnyEndpointPaging::timeField).orElse(null);
        return list(caller, path, (List<String>) null, node -> node, timeOf, filters, windows, names, pageSize);
    }

    /** A typed query: {@code range} (or none) split at {@code maxWindow}, records bound to {@code type}. */
    public static <T> PagedIterable<T> list(BizCaller caller, String path, String listKey, Class<T> type,
                                            Function<T, LocalDateTime> timeOf, Map<String, Object> filters,
                                            WallClockWindow range, Duration maxWindow, int pageSize) {
        return list(caller, path, List.of(listKey), type, timeOf, filters, range, maxWindow, pageSize);
    }

    /** As above, the records under the first of {@code listKeys} the answer holds. */
    public static <T> PagedIterable<T> list(BizCaller caller, String path, List<String> listKeys, Class<T> type,
                                            Function<T, LocalDateTime> timeOf, Map<String, Object> filters,
                                            WallClockWindow range, Duration maxWindow, int pageSize) {
        return list(caller, path, listKeys, node -> caller.json().convert(path, node, type), timeOf, filters,
                range == null ? null : range.split(maxWindow), new String[] {BEGIN, END}, pageSize);
    }

    /**
     * A typed query in the vendor's row-version mode: {@code start_ts} with {@code is_get_total} false and
     * {@code page_index} 1 on every request, the next request's {@code start_ts} the largest {@code ts} of the page
     * (the vendor's advice against rows lost while paging by time: "建议使用ts时间戳增量查询的方式"). Only records
     * with a {@code ts} greater than the one sent are kept, so a vendor that reads {@code start_ts} as inclusive
     * repeats nothing; the walk ends on a page that brings no newer {@code ts}, or on a short page without
     * {@code has_next}.
     *
     * <p><b>[INFER]</b> That the vendor returns rows in ascending {@code ts} order, and whether {@code start_ts} is
     * inclusive: not stated. A public Python client pages this way (first {@code start_ts} 1, then the page's
     * largest {@code ts}, page_index fixed at 1) and an integration contract describes the same; both de-duplicate
     * by {@code ts}, as this does. A record without {@code ts} fails the listing with a {@link DecodeException}.
     * The walk is one window for the client's {@link io.qiao.client.PagingLimits}.
     *
     * @param startTs the row version to continue after (0 for the beginning)
     */
    public static <T> PagedIterable<T> byTs(BizCaller caller, String path, List<String> listKeys, Class<T> type,
                                            Function<T, Long> tsOf, Map<String, Object> filters, long startTs,
                                            int pageSize) {
        return WindowedPager.<T>builder(path, (window, page, cursor) -> {
            long from = cursor == null ? startTs : Long.parseLong(cursor);
            Map<String, Object> biz = new LinkedHashMap<>(filters);
            biz.put("start_ts", from);
            biz.put("is_get_total", false);
            biz.put("page_index", 1);
            biz.put("page_size", pageSize);
            JsonNode data = caller.call(path, biz, true);
            JsonNode list = records(path, data, listKeys);
            List<T> items = new ArrayList<>();
            long max = from;
            int size = 0;
            if (list != null && !list.isNull()) {
                for (JsonNode node : list) {
                    size++;
                    T item = caller.json().convert(path, node, type);
                    Long ts = tsOf.apply(item);
                    if (ts == null) {
                        // Dropping it would lose it silently, keeping it would place it nowhere in the walk.
                        throw new DecodeException(path, "a record has no ts, by which start_ts mode pages", "", null);
                    }
                    if (ts > from) {
                        items.add(item);
                        max = Math.max(max, ts);
                    }
                }
            }
            boolean more = max > from && (size >= pageSize || data.path("has_next").asBoolean(false));
            return WindowedPager.Batch.chained(items, more, Long.toString(max));
        }).guard(caller.pagingGuard()).firstPage(1).moreSignal("a newer ts on a full page").build();
    }

    /**
     * The records of one answer: the first of {@code keys} that {@code data} holds (some APIs answer under another
     * key than their docs say), or with no keys {@code datas} and else the first array.
     */
    static JsonNode records(String path, JsonNode data, List<String> keys) {
        if (keys == null) {
            return AnyEndpointPaging.records(data.isObject() ? data : null, "datas");
        }
        for (String key : keys) {
            JsonNode list = data.get(key);
            if (list == null || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                throw new DecodeException(path, "data." + key + " is not a list", "", null);
            }
            return list;
        }
        return null;
    }
}
