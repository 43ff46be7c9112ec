package io.qiao.sync.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Spots driver settings that make the sink's statements cost more than they need to. The sink never relies
 * on driver batching (it builds multi-row statements itself), so the drivers' batching switches
 * ({@code useBulkStmts}, {@code rewriteBatchedStatements}) do not matter to it; what does is how often a
 * driver parses the statement text.
 */
final class DriverSettings {
    private DriverSettings() {
    }

    /**
     * Advice for the log when the connection's driver is tuned badly for statements of {@code sqlLength}
     * characters, else null. Unknown drivers and settings that cannot be read give no advice: a wrong warning
     * would be worse than none.
     */
    static String advice(Connection c, int sqlLength) {
        try {
            String driver = c.getMetaData().getDriverName();
            if (driver != null && driver.startsWith("MySQL Connector")) {
                Boolean cached = mysqlCachesParsedStatements(c, sqlLength);
                if (Boolean.FALSE.equals(cached)) {
                    return "MySQL Connector/J parses each " + sqlLength + "-character upsert statement again for "
                            + "every batch (about 1 ms per 1,000 rows, 20-30% of the sink's client CPU); add "
                            + "cachePrepStmts=true&prepStmtCacheSqlLimit=1048576 to the JDBC URL (or set them on "
                            + "the DataSource) so that a pooled connection parses it once";
                }
            }
        } catch (SQLException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Whether Connector/J keeps parsed statements of that length, read from its properties; null if unknown. */
    private static Boolean mysqlCachesParsedStatements(Connection c, int sqlLength) {
        try {
            ClassLoader loader = c.getMetaData().getClass().getClassLoader();
            Class<?> jdbcConnection = Class.forName("com.mysql.cj.jdbc.JdbcConnection", false, loader);
            Class<?> propertySet = Class.forName("com.mysql.cj.conf.PropertySet", false, loader);
            Class<?> runtimeProperty = Class.forName("com.mysql.cj.conf.RuntimeProperty", false, loader);
            Object connection = c.unwrap(jdbcConnection);
            Object properties = jdbcConnection.getMethod("getPropertySet").invoke(connection);
            Object cache = propertySet.getMethod("getBooleanProperty", String.class).invoke(properties, "cachePrepStmts");
            Object limit = propertySet.getMethod("getIntegerProperty", String.class)
                    .invoke(properties, "prepStmtCacheSqlLimit");
            Object on = runtimeProperty.getMethod("getValue").invoke(cache);
            Object max = runtimeProperty.getMethod("getValue").invoke(limit);
            return Boolean.TRUE.equals(on) && max instanceof Integer m && m >= sqlLength;
        } catch (ReflectiveOperationException | SQLException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
