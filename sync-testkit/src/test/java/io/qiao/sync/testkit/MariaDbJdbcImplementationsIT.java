package io.qiao.sync.testkit;

/** The published suites on sync-core's JDBC implementations on the real MariaDB server (127.0.0.1:3306, database test); run with -Pit. */
class MariaDbJdbcImplementationsIT extends JdbcImplementations {
    @Override
    protected TestDatabases database() {
        return TestDatabases.MARIADB;
    }
}
