package io.qiao.sync.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns a record into the column values of one row: column name -> value, in column order (use a
 * {@link LinkedHashMap} or {@link Map#of} with explicit {@code columns} on the sink). Values are bound as
 * JDBC parameters, never spliced into SQL.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RowMapper<T> {

    Map<String, ?> toRow(T record);

    /**
     * The mapper the sink uses when none is given: a {@link Map} is taken as it is; a Java {@code record}
     * becomes one column per component, named in snake_case ({@code warehouseCode -> warehouse_code}).
     */
    static <T> RowMapper<T> auto() {
        ConcurrentMap<Class<?>, RecordComponent[]> components = new ConcurrentHashMap<>();
        return record -> {
            Objects.requireNonNull(record, "record");
            if (record instanceof Map<?, ?> map) {
                Map<String, Object> row = new LinkedHashMap<>();
                map.forEach((k, v) -> row.put(String.valueOf(k), v));
                return row;
            }
            Class<?> type = record.getClass();
            if (!type.isRecord()) {
                throw new IllegalArgumentException("cannot map " + type.getName() + " to a row: give the sink a "
                        + "RowMapper, or pass Java records or Maps");
            }
            RecordComponent[] parts = components.computeIfAbsent(type, t -> {
                RecordComponent[] rc = t.getRecordComponents();
                for (RecordComponent c : rc) {
                    c.getAccessor().setAccessible(true);
                }
                return rc;
            });
            Map<String, Object> row = new LinkedHashMap<>();
            for (RecordComponent c : parts) {
                try {
                    row.put(snakeCase(c.getName()), c.getAccessor().invoke(record));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + c.getName(), e);
                }
            }
            return row;
        };
    }

    /** {@code warehouseCode -> warehouse_code}, {@code sourceID -> source_id}. */
    static String snakeCase(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isUpperCase(ch)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1));
                if (i > 0 && afterLower) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
