package io.qiao.sync.jdbc;

import org.junit.jupiter.api.Nested;

/** The JDBC contract tests on the real MariaDb server (127.0.0.1, database test); run with -Pit. */
class MariaDbJdbcIT {

    @Nested
    class UpsertSink extends JdbcUpsertSinkContract {
        @Override
        protected TestDatabase database() {
            return TestDatabase.MARIADB;
        }
    }
}
