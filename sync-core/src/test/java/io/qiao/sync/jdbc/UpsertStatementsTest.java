package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link UpsertStatements} alone: the SQL per dialect, and how rows are cut into statements. */
class UpsertStatementsTest {
    private static final List<String> COLUMNS = List.of("id", "name", "created_at");

    private static UpsertStatements statements(int rowsPerStatement, long maxStatementBytes) {
        return new UpsertStatements("item", List.of("id"), Set.of("created_at"), rowsPerStatement, maxStatementBytes,
                null);
    }

    private static UpsertStatements.Plan plan(Dialect dialect, SqlNames.Fold fold, int rowsPerStatement) {
        return statements(rowsPerStatement, 4L * 1024 * 1024).plan(new SqlNames(dialect, fold), COLUMNS);
    }

    private static List<UpsertRows.Row<String>> rows(int count, int textLength) {
        return IntStream.range(0, count)
                .mapToObj(i -> new UpsertRows.Row<>("r" + i, new Object[] {(long) i, "x".repeat(textLength)}))
                .toList();
    }

    @Test
    void sql_mysql_isAMultiRowInsertOnDuplicateKeyUpdate_leavingInsertOnlyColumnsAlone() {
        assertThat(plan(Dialect.MYSQL, SqlNames.Fold.NONE, 2).sql(2)).isEqualTo(
                "INSERT INTO `item` (`id`, `name`, `created_at`) VALUES (?,?,?),(?,?,?) "
                        + "ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)");
    }

    @Test
    void sql_postgres_isAnInsertOnConflict_withNamesFoldedToLowerCase() {
        UpsertStatements.Plan plan = new UpsertStatements("Item", List.of("ID"), Set.of(), 1000, 1 << 20, null)
                .plan(new SqlNames(Dialect.POSTGRESQL, SqlNames.Fold.LOWER), List.of("ID", "Name"));

        assertThat(plan.sql(2)).isEqualTo("INSERT INTO \"item\" AS t (\"id\", \"name\") VALUES (?,?),(?,?) "
                + "ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\" "
                + "WHERE ROW(t.\"name\"::text) IS DISTINCT FROM ROW(EXCLUDED.\"name\"::text) RETURNING (xmax = 0)");
    }

    @Test
    void sql_h2_isAMergeUsing_withNamesFoldedToUpperCase() {
        assertThat(plan(Dialect.H2, SqlNames.Fold.UPPER, 1).sql(1)).isEqualTo(
                "MERGE INTO \"ITEM\" t USING (VALUES (?,?,?)) s (\"ID\", \"NAME\", \"CREATED_AT\") "
                        + "ON t.\"ID\" = s.\"ID\" WHEN MATCHED AND NOT (t.\"NAME\" IS NOT DISTINCT FROM s.\"NAME\") "
                        + "THEN UPDATE SET \"NAME\" = s.\"NAME\" WHEN NOT MATCHED THEN INSERT (\"ID\", \"NAME\", "
                        + "\"CREATED_AT\") VALUES (s.\"ID\", s.\"NAME\", s.\"CREATED_AT\")");
    }

    @Test
    void sql_ofTheFullStatementSize_isBuiltOnceAndKept() {
        UpsertStatements.Plan plan = plan(Dialect.MYSQL, SqlNames.Fold.NONE, 500);

        assertThat(plan.sql(500)).isSameAs(plan.sql(500));
        assertThat(plan.sql(3)).isEqualTo(Dialect.MYSQL.upsert("`item`", List.of("`id`", "`name`", "`created_at`"),
                List.of("`id`"), List.of("`name`"), 3));
    }

    @Test
    void chunks_cutRowsAtRowsPerStatement() {
        UpsertStatements.Plan plan = plan(Dialect.MYSQL, SqlNames.Fold.NONE, 4);

        assertThat(plan.chunks(rows(10, 1))).extracting(List::size).containsExactly(4, 4, 2);
        assertThat(plan.chunks(rows(8, 1))).extracting(List::size).containsExactly(4, 4);
        assertThat(plan.chunks(rows(1, 1))).extracting(List::size).containsExactly(1);
    }

    @Test
    void chunks_cutBeforeAStatementPassesMaxStatementBytes_andARowLargerThanThatStandsAlone() {
        // a row of a long and 100 characters is estimated at 24 + 3 * 100 + 4 = 328 bytes: three fit in 1024
        UpsertStatements.Plan plan = statements(1000, 1024).plan(new SqlNames(Dialect.MYSQL, SqlNames.Fold.NONE),
                List.of("id", "name"));

        assertThat(plan.chunks(rows(7, 100))).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(plan.chunks(rows(2, 1000))).extracting(List::size).containsExactly(1, 1);
    }

    @Test
    void rowsPerStatement_isCappedSoThatNoStatementPassesTheParameterLimit() {
        List<String> hundredColumns = IntStream.range(0, 100).mapToObj(i -> i == 0 ? "id" : "c" + i).toList();

        UpsertStatements.Plan plan = new UpsertStatements("item", List.of("id"), Set.of(), 1000, 1 << 20, null)
                .plan(new SqlNames(Dialect.POSTGRESQL, SqlNames.Fold.LOWER), hundredColumns);

        assertThat(plan.rowsPerStatement()).isEqualTo(UpsertStatements.MAX_PARAMETERS / 100);
        assertThat(plan(Dialect.MYSQL, SqlNames.Fold.NONE, 7).rowsPerStatement()).isEqualTo(7);
    }

    @Test
    void keyIndexes_pointAtTheKeyColumnsInKeyOrder() {
        UpsertStatements.Plan plan = new UpsertStatements("item", List.of("code", "id"), Set.of(), 10, 1 << 20, null)
                .plan(new SqlNames(Dialect.MYSQL, SqlNames.Fold.NONE), List.of("id", "name", "code"));

        assertThat(plan.keyIndexes()).containsExactly(2, 0);
        assertThat(plan.quotedKeys()).containsExactly("`code`", "`id`");
    }

    @Test
    void forColumns_keepsThePlanOfTheLastColumns_andBuildsAnotherForOtherColumns() throws Exception {
        UpsertStatements statements = statements(100, 1 << 20);
        try (Connection c = TestDatabase.H2.dataSource().getConnection()) {
            UpsertStatements.Plan first = statements.forColumns(c, COLUMNS);

            assertThat(statements.forColumns(c, List.copyOf(COLUMNS))).isSameAs(first);
            UpsertStatements.Plan other = statements.forColumns(c, List.of("id", "name"));
            assertThat(other).isNotSameAs(first);
            assertThat(other.dialect()).isEqualTo(Dialect.H2);
            assertThat(other.sql(1)).startsWith("MERGE INTO \"ITEM\" t USING (VALUES (?,?)) s (\"ID\", \"NAME\")");
        }
    }

    @Test
    void forColumns_withADialectOverride_speaksThatDialectWhateverTheDatabaseSays() throws Exception {
        UpsertStatements statements = new UpsertStatements("item", List.of("id"), Set.of(), 10, 1 << 20,
                Dialect.MYSQL);
        try (Connection c = TestDatabase.H2.dataSource().getConnection()) {
            assertThat(statements.forColumns(c, List.of("id", "name")).sql(1))
                    .isEqualTo("INSERT INTO `item` (`id`, `name`) VALUES (?,?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)");
        }
    }

    @Test
    void existingKeyCount_asksForEveryKeyOfTheStatement_singleOrComposite() {
        UpsertStatements.Plan single = plan(Dialect.MYSQL, SqlNames.Fold.NONE, 10);
        UpsertStatements.Plan composite = new UpsertStatements("item", List.of("shop", "id"), Set.of(), 10, 1 << 20,
                null).plan(new SqlNames(Dialect.H2, SqlNames.Fold.UPPER), List.of("id", "shop", "name"));

        assertThat(ExistingKeyCount.sql(single, 3)).isEqualTo("SELECT COUNT(*) FROM `item` WHERE `id` IN (?, ?, ?)");
        assertThat(ExistingKeyCount.sql(composite, 2))
                .isEqualTo("SELECT COUNT(*) FROM \"ITEM\" WHERE (\"SHOP\", \"ID\") IN ((?, ?), (?, ?))");
        assertThat(ExistingKeyCount.needed(Dialect.MYSQL)).isTrue();
        assertThat(ExistingKeyCount.needed(Dialect.H2)).isTrue();
        assertThat(ExistingKeyCount.needed(Dialect.POSTGRESQL)).isFalse();
    }
}
