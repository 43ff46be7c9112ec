package io.qiao.sync.jdbc;

import io.qiao.sync.record.Rejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The first step of {@link JdbcUpsertSink}: a batch of records becomes rows of column values, before any
 * connection is taken. Each record is mapped (Java records straight from their accessors, anything else through
 * the {@link RowMapper}), checked (same columns as the batch, no null key) and collapsed with the other records
 * of its key, the last one winning at its own place: PostgreSQL refuses to update one row twice in a statement.
 * Records that fail a check come back as {@link Rejection}s and never reach the database.
 *
 * @param <T> the record type
 */
final class UpsertRows<T> {
    private final String table;
    private final List<String> keys;
    private final List<String> fixedColumns;
    private final RowMapper<? super T> mapper;
    private final boolean autoMapping;
    private final RecordColumns recordColumns = new RecordColumns();

    /**
     * @param fixedColumns the columns every row must have, in statement order; null to let each batch's first
     *                     row decide
     * @param mapper       the user's mapper, or null for {@link RowMapper#auto()} (then Java records skip the Map)
     */
    UpsertRows(String table, List<String> keys, List<String> fixedColumns, RowMapper<? super T> mapper) {
        this.table = table;
        this.keys = List.copyOf(keys);
        this.fixedColumns = fixedColumns == null ? null : List.copyOf(fixedColumns);
        this.mapper = mapper != null ? mapper : RowMapper.auto();
        this.autoMapping = mapper == null;
    }

    /** One record as the database will get it: its column values in the batch's column order. */
    record Row<T>(T record, Object[] values) {
    }

    /**
     * A batch as rows: the columns they share ({@code null} when no record could be mapped), the rows (one per
     * key, in order) and the records refused before the database.
     */
    record Prepared<T>(List<String> columns, List<Row<T>> rows, List<Rejection<T>> rejected) {
    }

    /** The records of a batch as rows: mapped, checked, collapsed by key; the rest rejected. */
    Prepared<T> prepare(List<T> batch) {
        List<String> columns = fixedColumns;
        List<Rejection<T>> rejected = new ArrayList<>();
        Map<Object, Row<T>> byKey = new LinkedHashMap<>(batch.size() * 2);
        Set<String> columnSet = columns == null ? null : new LinkedHashSet<>(columns);
        int[] keyIndexes = columns == null ? null : keyIndexes(columns);
        for (T record : batch) {
            Object[] values;
            try {
                RecordColumns.Shape shape = autoMapping && fixedColumns == null && record != null
                        ? recordColumns.shapeOf(record) : null;
                if (shape != null) {
                    // Java records: values straight from the accessors, no Map per row.
                    if (columns == null) {
                        columns = checkColumns(shape.columns());
                        columnSet = new LinkedHashSet<>(columns);
                        keyIndexes = keyIndexes(columns);
                    }
                    if (shape.columns() != columns && !shape.columns().equals(columns)) {
                        rejected.add(refused(record, "row has columns " + shape.columns() + " but this batch writes "
                                + columns + " into " + table));
                        continue;
                    }
                    values = shape.values(record);
                } else {
                    Map<String, ?> row = mapper.toRow(record);
                    if (row == null || row.isEmpty()) {
                        rejected.add(refused(record, "the mapper gave no columns for " + table));
                        continue;
                    }
                    if (columns == null) {
                        columns = checkColumns(List.copyOf(row.keySet()));
                        columnSet = new LinkedHashSet<>(columns);
                        keyIndexes = keyIndexes(columns);
                    }
                    if (!columnSet.equals(row.keySet())) {
                        rejected.add(refused(record, "row has columns " + row.keySet() + " but this batch writes "
                                + columns + " into " + table));
                        continue;
                    }
                    values = new Object[columns.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = row.get(columns.get(i));
                    }
                }
            } catch (RuntimeException e) {
                rejected.add(refused(record, "cannot map the record to a row of " + table + ": " + e.getMessage()));
                continue;
            }
            String nullKey = nullKey(values, keyIndexes);
            if (nullKey != null) {
                rejected.add(refused(record, "key column '" + nullKey + "' is null"));
                continue;
            }
            Object key = key(values, keyIndexes, UpsertRows::exact);
            Row<T> row = new Row<>(record, values);
            if (byKey.put(key, row) != null) {
                byKey.remove(key);  // the last record of a key wins, at the last record's place
                byKey.put(key, row);
            }
        }
        return new Prepared<>(columns, new ArrayList<>(byKey.values()), rejected);
    }

    /** Where each key column is among {@code columns}, in key order. */
    static int[] keyIndexes(List<String> keys, List<String> columns) {
        int[] idx = new int[keys.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = columns.indexOf(keys.get(k));
        }
        return idx;
    }

    private int[] keyIndexes(List<String> columns) {
        return keyIndexes(keys, columns);
    }

    private static <T> Rejection<T> refused(T record, String reason) {
        return Rejection.of(record, Rejection.Stage.WRITE, reason);
    }

    private String nullKey(Object[] values, int[] keyIndexes) {
        for (int k = 0; k < keyIndexes.length; k++) {
            if (values[keyIndexes[k]] == null) {
                return keys.get(k);
            }
        }
        return null;
    }

    /**
     * A value that is equal for rows with equal keys, each key column's value seen through {@code each}: that value
     * itself for a one-column key, else the list of them.
     */
    static Object key(Object[] values, int[] keyIndexes, UnaryOperator<Object> each) {
        if (keyIndexes.length == 1) {
            return each.apply(values[keyIndexes[0]]);
        }
        List<Object> key = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
            key.add(each.apply(values[index]));
        }
        return key;
    }

    /** A key column's value as the sink tells keys apart: bytes by their content (an array's equals is identity). */
    static Object exact(Object value) {
        return value instanceof byte[] bytes ? List.of(Arrays.toString(bytes)) : value;
    }

    private List<String> checkColumns(List<String> columns) {
        for (String c : columns) {
            SqlNames.checkIdentifier("column of " + table + " from the row mapper", c);
        }
        if (new LinkedHashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("columns " + columns + " of " + table + " repeat a name");
        }
        for (String k : keys) {
            if (!columns.contains(k)) {
                throw new IllegalArgumentException("key column '" + k + "' is not among the mapped columns " + columns
                        + " of " + table);
            }
        }
        return columns;
    }
}
