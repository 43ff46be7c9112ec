package io.qiao.sync.jdbc;

/** The JDBC contract tests on the real MariaDB server (127.0.0.1:3306, database test); run with -Pit. */
class MariaDbJdbcIT extends JdbcContracts {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}
