package io.qiao.sync.jdbc;

/** The JDBC contract tests on embedded H2: they run in the default build, without database servers. */
class H2JdbcTest extends JdbcContracts {
    @Override
    protected TestDatabase database() {
        return TestDatabase.H2;
    }
}
