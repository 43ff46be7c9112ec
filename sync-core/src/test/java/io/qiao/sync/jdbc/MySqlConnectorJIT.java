package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * Every JDBC contract on the real MariaDB server through MySQL Connector/J, the other driver users have; run
 * with -Pit.
 */
class MySqlConnectorJIT extends JdbcContracts {
    private static final TestDatabase DB = TestDatabase.MYSQL_CONNECTOR_J;

    @Override
    protected TestDatabase database() {
        return DB;
    }

    @Test
    void driverAdvice_withoutConnectorJsStatementCache_isGiven_andWithItNot() throws Exception {
        MysqlDataSource plain = new MysqlDataSource();
        plain.setUrl("jdbc:mysql://127.0.0.1:3306/test?user=root");
        try (Connection c = plain.getConnection()) {
            assertThat(DriverSettings.advice(c, 30_000)).contains("cachePrepStmts=true");
        }
        try (Connection c = DB.dataSource().getConnection()) {
            assertThat(DriverSettings.advice(c, 30_000)).isNull();
        }
        try (Connection c = TestDatabase.MARIADB.dataSource().getConnection()) {
            assertThat(DriverSettings.advice(c, 30_000)).isNull();
        }
    }
}
