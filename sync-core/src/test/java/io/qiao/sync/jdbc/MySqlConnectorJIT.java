package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.qiao.sync.WriteResult;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * Every JDBC contract on the real MariaDB server through MySQL Connector/J, the other driver users have; run
 * with -Pit.
 */
class MySqlConnectorJIT extends JdbcContracts {
    private static final TestDatabase DB = TestDatabase.MYSQL_CONNECTOR_J;

    @Override
    protected TestDatabase database() {
        return DB;
    }

    @Test
    void driverAdvice_withoutConnectorJsStatementCache_isGiven_andWithItNot() throws Exception {
        MysqlDataSource plain = new MysqlDataSource();
        plain.setUrl("jdbc:mysql://127.0.0.1:3306/test?user=root");
        try (Connection c = plain.getConnection()) {
            assertThat(DriverSettings.advice(c, 30_000)).contains("cachePrepStmts=true")
                    .contains("useServerPrepStmts=true");
        }
        MysqlDataSource cachedText = new MysqlDataSource();
        cachedText.setUrl("jdbc:mysql://127.0.0.1:3306/test?user=root&cachePrepStmts=true&prepStmtCacheSqlLimit=1048576");
        try (Connection c = cachedText.getConnection()) {
            assertThat(DriverSettings.advice(c, 30_000)).startsWith("MySQL Connector/J sends each 30000-character")
                    .contains("add useServerPrepStmts=true");
        }
        try (Connection c = DB.dataSource().getConnection()) {
            assertThat(DriverSettings.advice(c, 30_000)).isNull();
        }
        try (Connection c = TestDatabase.MARIADB.dataSource().getConnection()) {
            assertThat(DriverSettings.advice(c, 30_000)).isNull();
        }
    }

    @Test
    void upsertCounts_areExact_whetherTheDriverCountsFoundRowsOrAffectedRows() throws Exception {
        MysqlDataSource connectorJ = new MysqlDataSource();
        connectorJ.setUrl("jdbc:mysql://127.0.0.1:3306/test?user=root&useAffectedRows=true");
        MariaDbDataSource mariaDb = new MariaDbDataSource();
        mariaDb.setUrl("jdbc:mariadb://127.0.0.1:3306/test?user=root&useAffectedRows=true");
        for (DataSource ds : List.of(connectorJ, mariaDb, DB.dataSource(), TestDatabase.MARIADB.dataSource())) {
            String table = TestDatabase.idNameTable(ds, "qj_count");
            try {
                JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(ds, table)
                        .key("id").build();
                List<Map<String, Object>> rows = TestDatabase.idNameRows(6, "n");

                assertThat(sink.write(rows)).as(ds.toString()).isEqualTo(WriteResult.of(6, 0, 0, List.of()));
                assertThat(sink.write(rows)).as(ds.toString()).isEqualTo(WriteResult.of(0, 0, 6, List.of()));
                assertThat(sink.write(List.of(Map.of("id", 0L, "name", "changed"), Map.of("id", 1L, "name", "n1"),
                        Map.of("id", 9L, "name", "new")))).as(ds.toString())
                        .isEqualTo(WriteResult.of(1, 1, 1, List.of()));
            } finally {
                TestDatabase.execute(ds, "DROP TABLE " + table);
            }
        }
    }
}
