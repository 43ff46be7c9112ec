package io.qiao.sync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import com.mysql.cj.jdbc.MysqlDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the JDBC contract tests run on: embedded H2 (default build) and the real MariaDB and
 * PostgreSQL servers (*IT, -Pit). Each knows its DDL types and how to kill a session from outside, which is
 * how the exactly-once tests break a connection between statements.
 */
public enum TestDatabase {
    H2, MARIADB, POSTGRESQL,
    /** The MariaDB server through MySQL Connector/J: the sink must be fast and correct with either driver. */
    MYSQL_CONNECTOR_J;

    /** A new DataSource; for H2 a private in-memory database per call. */
    public DataSource dataSource() {
        try {
            return switch (this) {
                case H2 -> {
                    JdbcDataSource ds = new JdbcDataSource();
                    ds.setURL("jdbc:h2:mem:qiao_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
                    ds.setUser("sa");
                    yield ds;
                }
                case MARIADB -> {
                    MariaDbDataSource ds = new MariaDbDataSource();
                    ds.setUrl("jdbc:mariadb://127.0.0.1:3306/test?user=root");
                    yield ds;
                }
                case MYSQL_CONNECTOR_J -> {
                    MysqlDataSource ds = new MysqlDataSource();
                    // the settings the sink advises for Connector/J (DriverSettings): server-prepared statements
                    ds.setUrl("jdbc:mysql://127.0.0.1:3306/test?user=root&" + DriverSettings.ADVICE);
                    yield ds;
                }
                case POSTGRESQL -> {
                    PGSimpleDataSource ds = new PGSimpleDataSource();
                    ds.setUrl("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
                    yield ds;
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table name no other test (or parallel run) uses. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    /** A new table {@code (id BIGINT PRIMARY KEY, name VARCHAR(20))} named {@code prefix} plus a unique suffix. */
    public static String idNameTable(DataSource ds, String prefix) {
        String table = uniqueName(prefix);
        execute(ds, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(20))");
        return table;
    }

    /** Rows for {@link #idNameTable}: ids 0 to n - 1, each named {@code namePrefix} and its id. */
    public static List<java.util.Map<String, Object>> idNameRows(int n, String namePrefix) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> java.util.Map.<String, Object>of("id", (long) i, "name", namePrefix + i)).toList();
    }

    /** {@code DATETIME(6)} or {@code TIMESTAMP(6)}. */
    public String timestampType() {
        return this == MARIADB || this == MYSQL_CONNECTOR_J ? "DATETIME(6)" : "TIMESTAMP(6)";
    }

    public String textType() {
        return this == H2 ? "CLOB" : "TEXT";
    }

    /** Ends the session of {@code victim} the way a crash or a network cut would. */
    public void kill(DataSource ds, Connection victim) throws SQLException {
        switch (this) {
            case H2 -> victim.close();  // H2 rolls back an open transaction when its session ends
            case MARIADB, MYSQL_CONNECTOR_J -> {
                long id = scalar(victim, "SELECT CONNECTION_ID()");
                try (Connection killer = ds.getConnection(); Statement st = killer.createStatement()) {
                    st.execute("KILL CONNECTION " + id);
                }
            }
            case POSTGRESQL -> {
                long pid = scalar(victim, "SELECT pg_backend_pid()");
                try (Connection killer = ds.getConnection(); Statement st = killer.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(" + pid + ")");
                }
            }
        }
    }

    public static void execute(DataSource ds, String... sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", sql) + ": " + e.getMessage(), e);
        }
    }

    public static long count(DataSource ds, String sql, Object... params) {
        return ((Number) query(ds, sql, params).get(0).get(0)).longValue();
    }

    public static List<List<Object>> query(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
