package io.qiao.client.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.Json;
import io.qiao.client.TimeRange;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every client's {@code pages(...)} over an arbitrary list endpoint shares: checking the caller's parameters,
 * planning a {@link TimeRange} into windows under the vendor's cap, and finding the records in an answer. The
 * vendor's paging convention itself (parameter names, first page, end signal) stays in each client.
 */
public final class AnyEndpointPaging {
    private AnyEndpointPaging() {
    }

    /**
     * A copy of the caller's parameters, refusing those the pager sets itself, so that a caller's value is never
     * silently replaced.
     *
     * @throws IllegalArgumentException naming the parameter
     */
    public static Map<String, Object> params(String endpoint, Map<String, ?> params, List<String> reserved) {
        Objects.requireNonNull(params, "params");
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : params.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "a parameter name is null");
            if (reserved.contains(name)) {
                throw new IllegalArgumentException(endpoint + ": leave '" + name + "' out of params, pages(...) sets "
                        + "it for each page and window");
            }
            copy.put(name, e.getValue());
        }
        return copy;
    }

    /**
     * The page size the caller put in its parameters under {@code param} (a number or its text), or
     * {@code defaultSize}.
     *
     * @throws IllegalArgumentException naming the parameter, when it is not a whole number of at least 1
     */
    public static int pageSize(String endpoint, String param, Object value, int defaultSize) {
        if (value == null) {
            return defaultSize;
        }
        int n;
        try {
            n = value instanceof Number num ? Math.toIntExact(num.longValue()) : Integer.parseInt(value.toString().trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(endpoint + ": " + param + " must be a whole number, was '" + value + "'");
        }
        if (n < 1) {
            throw new IllegalArgumentException(endpoint + ": " + param + " must be at least 1, was " + n);
        }
        return n;
    }

    /**
     * The windows of {@code range} in the vendor's wall-clock time of {@code zone}: at most its
     * {@link TimeRange#maxWindow()} or else {@code defaultWindow} long.
     *
     * @param defaultWindow the longest window when the range sets none
     * @param vendorCap     the vendor's longest window for one query, or null when it states none for every endpoint
     * @throws IllegalArgumentException when the range asks for longer windows than the vendor allows
     */
    public static List<WallClockWindow> windows(String vendor, ZoneId zone, TimeRange range, Duration defaultWindow,
                                                Duration vendorCap) {
        Objects.requireNonNull(range, "range");
        Duration max = range.maxWindow().orElse(Objects.requireNonNull(defaultWindow, "defaultWindow"));
        if (vendorCap != null && max.compareTo(vendorCap) > 0) {
            throw new IllegalArgumentException("TimeRange.maxWindow " + max + " is longer than the " + vendor
                    + " cap of " + vendorCap + " per query");
        }
        return WallClockWindow.plan(LocalDateTime.ofInstant(range.from(), zone),
                LocalDateTime.ofInstant(range.to(), zone), max);
    }

    /**
     * A record's {@code yyyy-MM-dd HH:mm:ss} field as a time, or null when the record has none or it does not
     * parse (such a record is kept by the window filter rather than lost).
     */
    public static Function<JsonNode, LocalDateTime> timeField(String field) {
        Objects.requireNonNull(field, "field");
        return record -> {
            JsonNode v = record.get(field);
            if (v == null || !v.isTextual()) {
                return null;
            }
            try {
                return Json.parseDateTime(v.textValue().trim());
            } catch (DateTimeParseException e) {
                return null;
            }
        };
    }

    /**
     * The records of an answer: {@code holder} itself when it is an array, else its array field named
     * {@code preferred} (in that order), else its first array field; null when it holds no array.
     */
    public static JsonNode records(JsonNode holder, String... preferred) {
        if (holder == null || holder.isNull() || holder.isMissingNode()) {
            return null;
        }
        if (holder.isArray()) {
            return holder;
        }
        for (String name : preferred) {
            JsonNode n = holder.get(name);
            if (n != null && n.isArray()) {
                return n;
            }
        }
        for (JsonNode n : holder) {
            if (n.isArray()) {
                return n;
            }
        }
        return null;
    }

    /** The records of {@code list} as a list (empty for null). */
    public static List<JsonNode> items(JsonNode list) {
        if (list == null) {
            return List.of();
        }
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>(list.size());
        list.forEach(out::add);
        return out;
    }
}
