package io.qiao.sync.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Spots driver settings that make the sink's statements cost more than they need to. The sink never relies
 * on driver batching (it builds multi-row statements itself), so the drivers' batching switches
 * ({@code useBulkStmts}, {@code rewriteBatchedStatements}) do not matter to it; what does is how often the
 * statement text is parsed, by the driver and by the server.
 *
 * <p>MySQL Connector/J: {@code cachePrepStmts=true&prepStmtCacheSqlLimit=1048576&useServerPrepStmts=true}, so that
 * a pooled connection has its 1,000-row statement parsed once, by the server, and sends each batch's values in the
 * binary protocol: 95,286 -> 125,260 rows/s for the sink (PeerUpsertBench, MariaDB 10.11, same run). Not advised for
 * MariaDB Connector/J: it keeps server-prepared statements only below 8,192 characters (3.5.6's PreparePacket), so
 * a multi-row upsert would be prepared again for every batch, which is slower than its text protocol.
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
                            + ADVICE + " to the JDBC URL (or set them on the DataSource) so that a pooled connection "
                            + "has it parsed once";
                }
                if (Boolean.TRUE.equals(cached) && Boolean.FALSE.equals(mysqlProperty(c, "useServerPrepStmts"))) {
                    return "MySQL Connector/J sends each " + sqlLength + "-character upsert statement as text, which "
                            + "the server parses again for every batch; add useServerPrepStmts=true to the JDBC URL "
                            + "(with " + ADVICE + ") so that the server parses it once per connection and the values "
                            + "go in the binary protocol (about 30% more rows per second)";
                }
            }
        } catch (SQLException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The Connector/J settings the sink asks for. */
    static final String ADVICE = "cachePrepStmts=true&prepStmtCacheSqlLimit=1048576&useServerPrepStmts=true";

    /** Whether Connector/J keeps parsed statements of that length, read from its properties; null if unknown. */
    private static Boolean mysqlCachesParsedStatements(Connection c, int sqlLength) {
        Object on = mysqlProperty(c, "cachePrepStmts");
        Object max = mysqlProperty(c, "prepStmtCacheSqlLimit");
        if (on == null || max == null) {
            return null;
        }
        return Boolean.TRUE.equals(on) && max instanceof Integer m && m >= sqlLength;
    }

    /** A Connector/J connection property's value (Boolean, Integer, ...), read reflectively; null if unknown. */
    private static Object mysqlProperty(Connection c, String name) {
        try {
            ClassLoader loader = c.getMetaData().getClass().getClassLoader();
            Class<?> jdbcConnection = Class.forName("com.mysql.cj.jdbc.JdbcConnection", false, loader);
            Class<?> propertySet = Class.forName("com.mysql.cj.conf.PropertySet", false, loader);
            Class<?> runtimeProperty = Class.forName("com.mysql.cj.conf.RuntimeProperty", false, loader);
            Object connection = c.unwrap(jdbcConnection);
            Object properties = jdbcConnection.getMethod("getPropertySet").invoke(connection);
            Object property = propertySet.getMethod("getProperty", String.class).invoke(properties, name);
            return runtimeProperty.getMethod("getValue").invoke(property);
        } catch (ReflectiveOperationException | SQLException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
