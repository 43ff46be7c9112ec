package io.qiao.sync.jdbc;

import org.junit.jupiter.api.Nested;

/** The JDBC contract tests on the real Postgres server (127.0.0.1, database test); run with -Pit. */
class PostgresJdbcIT {

    @Nested
    class UpsertSink extends JdbcUpsertSinkContract {
        @Override
        protected TestDatabase database() {
            return TestDatabase.POSTGRESQL;
        }
    }
}
