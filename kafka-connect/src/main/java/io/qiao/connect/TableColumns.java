package io.qiao.connect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code auto.create}: creates the target table from the first rows and adds the columns later rows bring. Column
 * types follow the values: whole numbers BIGINT, other numbers DOUBLE PRECISION, booleans BOOLEAN, key columns
 * VARCHAR(191) (the longest a utf8mb4 MySQL index takes), everything else TEXT. Names are checked plain identifiers
 * ({@link SinkConfig}), never user text spliced raw.
 */
final class TableColumns {
    private final String table;
    private final List<String> keys;
    private Set<String> known;

    TableColumns(String table, List<String> keys) {
        this.table = table;
        this.keys = keys;
    }

    /** True when every column of {@code rows} is known to exist: no need to ask the database. */
    boolean covers(List<Map<String, Object>> rows) {
        if (known == null || known.isEmpty()) {
            return false;
        }
        for (Map<String, Object> row : rows) {
            for (String column : row.keySet()) {
                if (!known.contains(column)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Makes sure every column of {@code rows} exists, creating the table when there is none. */
    void ensure(Connection c, List<Map<String, Object>> rows) throws SQLException {
        if (known == null) {
            known = existing(c);
        }
        Map<String, Object> sample = new java.util.LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            row.forEach((k, v) -> {
                if (v != null || !sample.containsKey(k)) {
                    sample.put(k, v);
                }
            });
        }
        try (Statement s = c.createStatement()) {
            if (known.isEmpty()) {
                List<String> defs = new ArrayList<>();
                sample.forEach((col, v) -> defs.add(col + " " + type(col, v) + (keys.contains(col) ? " NOT NULL" : "")));
                defs.add("PRIMARY KEY (" + String.join(", ", keys) + ")");
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + String.join(", ", defs) + ")");
                // another task's CREATE may have won with other records' columns: add ours below
                known = existing(c);
            }
            for (Map.Entry<String, Object> e : sample.entrySet()) {
                if (!known.contains(e.getKey())) {
                    try {
                        s.execute("ALTER TABLE " + table + " ADD COLUMN " + e.getKey() + " "
                                + type(e.getKey(), e.getValue()));
                    } catch (SQLException failed) {
                        // the sink's other tasks extend the same table: one that added this column first is success
                        known = existing(c);
                        if (!known.contains(e.getKey())) {
                            throw failed;
                        }
                    }
                    known.add(e.getKey());
                }
            }
        }
    }

    private String type(String column, Object v) {
        if (keys.contains(column)) {
            return v instanceof Long ? "BIGINT" : "VARCHAR(191)";
        }
        if (v instanceof Long) {
            return "BIGINT";
        }
        if (v instanceof Number) {
            return "DOUBLE PRECISION";
        }
        if (v instanceof Boolean) {
            return "BOOLEAN";
        }
        return "TEXT";
    }

    private Set<String> existing(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = null;
        String name = table;
        int dot = table.indexOf('.');
        if (dot > 0) {
            schema = table.substring(0, dot);
            name = table.substring(dot + 1);
        }
        Set<String> cols = new HashSet<>();
        // identifiers are stored in upper case by H2, lower case by PostgreSQL, as written by MySQL
        for (String n : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getColumns(c.getCatalog(), schema, n, null)) {
                while (rs.next()) {
                    cols.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            if (!cols.isEmpty()) {
                break;
            }
        }
        return cols;
    }
}
