package io.qiao.sync.testkit;

/** The published suites on sync-core's JDBC implementations on the real MariaDB server through MySQL Connector/J; run with -Pit. */
class MySqlConnectorJJdbcImplementationsIT extends JdbcImplementations {
    @Override
    protected TestDatabases database() {
        return TestDatabases.MYSQL_CONNECTOR_J;
    }
}
