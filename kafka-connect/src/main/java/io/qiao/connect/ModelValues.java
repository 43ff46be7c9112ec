package io.qiao.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the SDK's models into the plain values Connect's schemaless data model (and so {@code JsonConverter}, with or
 * without schemas) accepts: maps, lists, strings, booleans, longs and doubles.
 *
 * <ul>
 *   <li>A Java record becomes a map keyed by its component names, as the SDK's model names them
 *       ({@code warehouseCode}), nested records and lists alike.</li>
 *   <li>Beijing wall times ({@link LocalDateTime}) become {@code yyyy-MM-dd HH:mm:ss}, the vendors' own form, which a
 *       DATETIME column takes as it is; other times their ISO text.</li>
 *   <li>A decimal becomes a double when the double reads back as the same number (every amount with a few decimal
 *       places), else its exact text: Connect has no schemaless decimal.</li>
 *   <li>Anything else (the SDK's growable string enums) becomes its text.</li>
 * </ul>
 */
final class ModelValues {
    private ModelValues() {
    }

    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigDecimal d) {
            return decimal(d);
        }
        if (value instanceof BigInteger i) {
            return i.bitLength() < 64 ? (Object) i.longValue() : i.toString();
        }
        if (value instanceof LocalDateTime t) {
            return Json.formatDateTime(t);
        }
        if (value instanceof LocalDate || value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof JsonNode node) {
            return json(node);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value.getClass().isRecord()) {
            return record(value);
        }
        return value.toString();
    }

    private static Map<String, Object> record(Object record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                out.put(c.getName(), plain(c.getAccessor().invoke(record)));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "." + c.getName(), e);
            }
        }
        return out;
    }

    private static Object json(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.put(f.getKey(), json(f.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            node.forEach(n -> out.add(json(n)));
            return out;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return plain(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return decimal(node.decimalValue());
        }
        return node.asText();
    }

    private static Object decimal(BigDecimal d) {
        double v = d.doubleValue();
        return Double.isFinite(v) && BigDecimal.valueOf(v).compareTo(d) == 0 ? (Object) v : d.toPlainString();
    }
}
