package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialectTest {
    private static final List<String> COLS = List.of("`id`", "`name`", "`qty`");

    @Test
    void upsert_mysql_isOneMultiRowInsertOnDuplicateKeyUpdate() {
        String sql = Dialect.MYSQL.upsert("`t`", COLS, List.of("`id`"), List.of("`name`", "`qty`"), 2);

        assertThat(sql).isEqualTo("INSERT INTO `t` (`id`, `name`, `qty`) VALUES (?,?,?),(?,?,?) "
                + "ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `qty` = VALUES(`qty`)");
    }

    @Test
    void upsert_mariaDb_countsTheRowsWhoseKeyExisted_inItsInsertIdAndASessionVariable_andStillWritesEveryColumn() {
        String sql = Dialect.MYSQL.upsert("`t`", COLS, List.of("`id`"), List.of("`name`", "`qty`"), 2, true);
        String keyOnly = Dialect.MYSQL.upsert("`t`", List.of("`id`"), List.of("`id`"), List.of(), 1, true);

        assertThat(sql).isEqualTo("INSERT INTO `t` (`id`, `name`, `qty`) "
                + "VALUES (IF(LAST_INSERT_ID(4611686018427387904 + (@qiao_dups := 0)) > 0, ?, NULL),?,?),(?,?,?) "
                + "ON DUPLICATE KEY UPDATE "
                + "`name` = IF(LAST_INSERT_ID(4611686018427387904 + (@qiao_dups := CAST(@qiao_dups AS SIGNED) + 1)) > 0, VALUES(`name`), `name`), "
                + "`qty` = VALUES(`qty`)");
        assertThat(keyOnly).endsWith("ON DUPLICATE KEY UPDATE "
                + "`id` = IF(LAST_INSERT_ID(4611686018427387904 + (@qiao_dups := CAST(@qiao_dups AS SIGNED) + 1)) > 0, `id`, `id`)");
    }

    @Test
    void upsert_postgres_isOneMultiRowInsertOnConflictDoUpdate_ofChangedRowsOnly_returningWhichWereInserted() {
        String sql = Dialect.POSTGRESQL.upsert("\"t\"", List.of("\"id\"", "\"name\""), List.of("\"id\""),
                List.of("\"name\""), 3);

        assertThat(sql).isEqualTo("INSERT INTO \"t\" AS t (\"id\", \"name\") VALUES (?,?),(?,?),(?,?) "
                + "ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\" "
                + "WHERE ROW(t.\"name\"::text) IS DISTINCT FROM ROW(EXCLUDED.\"name\"::text) RETURNING (xmax = 0)");
    }

    @Test
    void upsert_h2_isMergeUsing_updatingChangedRowsOnly() {
        String sql = Dialect.H2.upsert("\"T\"", List.of("\"ID\"", "\"NAME\""), List.of("\"ID\""), List.of("\"NAME\""), 2);

        assertThat(sql).isEqualTo("MERGE INTO \"T\" t USING (VALUES (?,?),(?,?)) s (\"ID\", \"NAME\") "
                + "ON t.\"ID\" = s.\"ID\" WHEN MATCHED AND NOT (t.\"NAME\" IS NOT DISTINCT FROM s.\"NAME\") "
                + "THEN UPDATE SET \"NAME\" = s.\"NAME\" "
                + "WHEN NOT MATCHED THEN INSERT (\"ID\", \"NAME\") VALUES (s.\"ID\", s.\"NAME\")");
    }

    @Test
    void upsert_h2_usesMergeUsing_whenSomeColumnsAreInsertOnly() {
        String sql = Dialect.H2.upsert("\"T\"", List.of("\"ID\"", "\"NAME\"", "\"CREATED\""), List.of("\"ID\""),
                List.of("\"NAME\""), 1);

        assertThat(sql).isEqualTo("MERGE INTO \"T\" t USING (VALUES (?,?,?)) s (\"ID\", \"NAME\", \"CREATED\") "
                + "ON t.\"ID\" = s.\"ID\" WHEN MATCHED AND NOT (t.\"NAME\" IS NOT DISTINCT FROM s.\"NAME\") "
                + "THEN UPDATE SET \"NAME\" = s.\"NAME\" "
                + "WHEN NOT MATCHED THEN INSERT (\"ID\", \"NAME\", \"CREATED\") VALUES (s.\"ID\", s.\"NAME\", s.\"CREATED\")");
    }

    @Test
    void upsert_withOnlyKeyColumns_insertsOrLeavesTheRowAlone() {
        assertThat(Dialect.MYSQL.upsert("`t`", List.of("`id`"), List.of("`id`"), List.of(), 1))
                .isEqualTo("INSERT INTO `t` (`id`) VALUES (?) ON DUPLICATE KEY UPDATE `id` = `id`");
        assertThat(Dialect.POSTGRESQL.upsert("\"t\"", List.of("\"id\""), List.of("\"id\""), List.of(), 1))
                .isEqualTo("INSERT INTO \"t\" AS t (\"id\") VALUES (?) ON CONFLICT (\"id\") DO NOTHING "
                        + "RETURNING (xmax = 0)");
    }

    @Test
    void of_detectsTheDialectFromTheProductName() throws Exception {
        assertThat(Dialect.of(metaData("MariaDB"))).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.of(metaData("MySQL"))).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.of(metaData("PostgreSQL"))).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.of(metaData("H2"))).isEqualTo(Dialect.H2);
        assertThatThrownBy(() -> Dialect.of(metaData("Oracle")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Oracle' is not supported");
    }

    @Test
    void ddlResources_existForEveryDialectAndTable() {
        for (Dialect d : Dialect.values()) {
            for (String table : List.of("qiao_checkpoint", "qiao_dead_letter")) {
                assertThat(getClass().getClassLoader().getResource(d.ddlResource(table)))
                        .as(d.ddlResource(table)).isNotNull();
            }
        }
    }

    private static DatabaseMetaData metaData(String product) {
        return (DatabaseMetaData) Proxy.newProxyInstance(DialectTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> {
                    if (m.getName().equals("getDatabaseProductName")) {
                        return product;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
