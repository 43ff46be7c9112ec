package io.qiao.sync.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the current row of a {@link ResultSet} into a record. Called once per row; must not move the cursor.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RowReader<T> {

    T read(ResultSet row) throws SQLException;

    /** Every column as label -> value ({@link ResultSet#getObject(int)}), in select order. */
    static RowReader<Map<String, Object>> asMap() {
        return rs -> {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                row.put(md.getColumnLabel(i), rs.getObject(i));
            }
            return row;
        };
    }
}
