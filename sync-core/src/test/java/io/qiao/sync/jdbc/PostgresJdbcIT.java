package io.qiao.sync.jdbc;

/** The JDBC contract tests on the real PostgreSQL server (127.0.0.1:5432, database test); run with -Pit. */
class PostgresJdbcIT extends JdbcContracts {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
