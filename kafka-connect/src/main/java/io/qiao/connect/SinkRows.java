package io.qiao.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * A record value (a schemaless map from {@code JsonConverter} without schemas, or a {@link Struct} with them) as the
 * row of the target table: top-level fields as columns, nested maps and lists as JSON text.
 */
final class SinkRows {
    private final SinkConfig config;
    private final ObjectMapper json = new ObjectMapper();

    SinkRows(SinkConfig config) {
        this.config = config;
    }

    /**
     * The row, column to value, in field order.
     *
     * @throws DataException naming what is wrong with the record: no value, not an object, a key field missing
     */
    Map<String, Object> row(Object value) {
        if (value == null) {
            throw new DataException("the record has no value (a tombstone): the sink upserts and never deletes");
        }
        Map<String, Object> fields = fields(value);
        Map<String, Object> row = new LinkedHashMap<>();
        if (config.fieldColumns.isEmpty()) {
            fields.forEach((f, v) -> {
                String column = SinkConfig.snakeCase(f);
                if (!SinkConfig.isIdentifier(column)) {
                    throw new DataException("field '" + f + "' makes no plain column name; map it with "
                            + SinkConfig.FIELDS);
                }
                row.put(column, column(v));
            });
        } else {
            config.fieldColumns.forEach((f, column) -> row.put(column, column(fields.get(f))));
        }
        for (String key : config.getList(SinkConfig.KEY_FIELDS)) {
            if (fields.get(key) == null) {
                throw new DataException("key field '" + key + "' is missing or null");
            }
        }
        return row;
    }

    /** A record value's top-level fields; nested structs become maps. */
    static Map<String, Object> fields(Object value) {
        if (value instanceof Struct s) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Field f : s.schema().fields()) {
                out.put(f.name(), plain(s.get(f)));
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        throw new DataException("the record's value is " + value.getClass().getSimpleName()
                + ", not an object of fields (use JsonConverter, with or without schemas)");
    }

    /** Structs inside values become maps, so that nested values can be written as JSON. */
    private static Object plain(Object v) {
        if (v instanceof Struct s) {
            return fields(s);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        return v;
    }

    private Object column(Object v) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            try {
                return json.writeValueAsString(plain(v));
            } catch (JsonProcessingException e) {
                throw new DataException("a nested value cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        return v;
    }
}
