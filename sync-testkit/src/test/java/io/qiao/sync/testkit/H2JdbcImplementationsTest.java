package io.qiao.sync.testkit;

/** The published suites on sync-core's JDBC implementations on embedded H2: they run in the default build, without database servers. */
class H2JdbcImplementationsTest extends JdbcImplementations {
    @Override
    protected TestDatabases database() {
        return TestDatabases.H2;
    }
}
