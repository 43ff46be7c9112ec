package io.qiao.sync.testkit;

/** The published suites on sync-core's JDBC implementations on the real PostgreSQL server (127.0.0.1:5432, database test); run with -Pit. */
class PostgresJdbcImplementationsIT extends JdbcImplementations {
    @Override
    protected TestDatabases database() {
        return TestDatabases.POSTGRESQL;
    }
}
