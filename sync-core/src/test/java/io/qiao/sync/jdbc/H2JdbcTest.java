package io.qiao.sync.jdbc;

import org.junit.jupiter.api.Nested;

/** The JDBC contract tests on embedded H2: they run in the default build, without database servers. */
class H2JdbcTest {

    @Nested
    class UpsertSink extends JdbcUpsertSinkContract {
        @Override
        protected TestDatabase database() {
            return TestDatabase.H2;
        }
    }
}
