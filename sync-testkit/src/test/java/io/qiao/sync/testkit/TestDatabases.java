package io.qiao.sync.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import com.mysql.cj.jdbc.MysqlDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the suites run the JDBC implementations on: embedded H2 (default build) and the real MariaDB and
 * PostgreSQL servers (*IT, -Pit; MariaDB also through MySQL Connector/J), at the addresses sync-core's own JDBC tests use.
 */
enum TestDatabases {
    H2, MARIADB, POSTGRESQL,
    /** The MariaDB server through MySQL Connector/J, the other driver users have. */
    MYSQL_CONNECTOR_J;

    /** A new DataSource; for H2 a private in-memory database per call. */
    DataSource dataSource() {
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
                    ds.setUrl("jdbc:mysql://127.0.0.1:3306/test?user=root");
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
    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    /** {@code DATETIME(6)} or {@code TIMESTAMP(6)}. */
    String timestampType() {
        return this == MARIADB || this == MYSQL_CONNECTOR_J ? "DATETIME(6)" : "TIMESTAMP(6)";
    }

    static void execute(DataSource ds, String... sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", sql) + ": " + e.getMessage(), e);
        }
    }
}
