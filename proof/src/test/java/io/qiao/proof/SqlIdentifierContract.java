package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.qiao.sync.WriteResult;
import io.qiao.sync.jdbc.JdbcBackfill;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JdbcDeadLetterStore;
import io.qiao.sync.jdbc.JdbcSource;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import io.qiao.sync.jdbc.RowReader;
import io.qiao.sync.jdbc.SqlIdentifiers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names from configuration (tables, columns, keys) that carry quotes, semicolons or comments are refused before any
 * SQL runs, by every JDBC part that takes one, with a message naming the builder option; so are look-alike letters
 * (Cyrillic, fullwidth) and invisible characters. Values with the same content are bound, so they are stored
 * verbatim. Run on H2 ({@code *Test}), MariaDB with {@code allowMultiQueries=true} and PostgreSQL ({@code *IT}).
 */
abstract class SqlIdentifierContract {
    static final List<String> HOSTILE_NAMES = List.of(
            "t; DROP TABLE victim", "t' OR '1'='1", "t\" --", "t`; --", "t -- comment", "t /* c */", "t#x",
            "victim;", "a b", "", "1abc", "t\u0000", "表", "x".repeat(64), "s.t.u", "s.t;x", "`victim`", "[victim]",
            "t\nDROP", "t'",
            // look-alikes and invisibles: each names another table than the one an operator reads
            "w\u0430rehouse", "\uFF57arehouse", "warehouse\u200B", "ware\u00A0house", "warehouse\u202E",
            "t\u037E DROP TABLE victim", "t\uFF1B", "caf\u00E9", "t\u0000;");
    static final List<String> HOSTILE_VALUES = List.of(
            "'; DROP TABLE victim; --", "\" OR 1=1 /*", "back\\slash\\'", "`tick`", "中文' -- 注释", "/* c */ x",
            "#hash", "semi;colon", "\u0000nul", "\\0 \\n \\' \\\"", "' || (SELECT 1) || '", "%_%", "😀 emoji");

    private CountingDataSource db;
    /** Tables of this test alone: other runs may use the same database at the same moment. */
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String victim = "victim_" + suffix;
    private final String target = "target_" + suffix;

    @TempDir
    Path dir;

    /** A fresh database (or schema) for each test. */
    abstract DataSource dataSource();

    /** The same database for the CLI in another process: {@code --jdbc-url URL --jdbc-user U}. */
    abstract List<String> cliDatabase();

    @BeforeEach
    void createTables() throws SQLException {
        db = new CountingDataSource(dataSource());
        exec("DROP TABLE IF EXISTS " + victim);
        exec("DROP TABLE IF EXISTS " + target);
        exec("CREATE TABLE " + victim + " (id INT PRIMARY KEY, v VARCHAR(50))");
        exec("INSERT INTO " + victim + " VALUES (1, 'still here')");
        exec("CREATE TABLE " + target + " (id INT PRIMARY KEY, name VARCHAR(200), updated_at TIMESTAMP)");
    }

    @AfterEach
    void dropTables() throws SQLException {
        exec("DROP TABLE IF EXISTS " + victim);
        exec("DROP TABLE IF EXISTS " + target);
    }

    @Test
    void upsertSink_refusesHostileTableKeyAndColumnNames_beforeAnySql() {
        int before = db.connections();
        for (String name : hostileNames()) {
            assertRefused("JdbcUpsertSink.into(table)", name, () -> JdbcUpsertSink.into(db, name).key("id").build());
            assertRefused("JdbcUpsertSink.Builder.key", name, () -> JdbcUpsertSink.into(db, target).key(name).build());
            assertRefused("JdbcUpsertSink.Builder.columns", name,
                    () -> JdbcUpsertSink.into(db, target).key("id").columns("id", name).build());
            assertRefused("JdbcUpsertSink.Builder.insertOnly", name,
                    () -> JdbcUpsertSink.into(db, target).key("id").insertOnly(name).build());
        }
        assertThat(db.connections()).as("connections taken").isEqualTo(before);
    }

    @Test
    void stores_andSource_refuseHostileNames_beforeAnySql() {
        int before = db.connections();
        RowReader<Map<String, Object>> reader = RowReader.asMap();
        for (String name : hostileNames()) {
            assertRefused("JdbcCheckpointStore.Builder.table", name,
                    () -> JdbcCheckpointStore.builder(db).table(name).build());
            assertRefused("JdbcDeadLetterStore.Builder.table", name,
                    () -> JdbcDeadLetterStore.builder(db).table(name).build());
            assertRefused("JdbcBackfill.Builder.table", name, () -> JdbcBackfill.builder(db).table(name).build());
            assertRefused("JdbcSource.from(table)", name,
                    () -> JdbcSource.from(db, name, reader).updatedAt("updated_at").id("id").build());
            assertRefused("JdbcSource.Builder.updatedAt", name,
                    () -> JdbcSource.from(db, target, reader).updatedAt(name).id("id").build());
            assertRefused("JdbcSource.Builder.id", name,
                    () -> JdbcSource.from(db, target, reader).updatedAt("updated_at").id(name).build());
            assertRefused("JdbcSource.Builder.columns", name,
                    () -> JdbcSource.from(db, target, reader).updatedAt("updated_at").id("id").columns("id", name)
                            .build());
            assertRefused("--warehouse-table", name, () -> SqlIdentifiers.checkTable("--warehouse-table", name));
        }
        assertThat(db.connections()).as("connections taken").isEqualTo(before);
    }

    @Test
    void upsertSink_refusesAHostileColumnNameThatComesWithTheData() throws SQLException {
        JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(db, target).key("id")
                .build();
        for (String name : List.of("name = 'x'; DROP TABLE " + victim + "; --",
                "name`) VALUES (1); DROP TABLE " + victim + "; --", "name\" --", "name /*", "n\u0430me")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", 7);
            row.put(name, "v");
            Throwable thrown = catchThrowable(() -> {
                WriteResult<Map<String, Object>> result = sink.write(List.of(row));
                assertThat(result.written()).as("rows written with column %s", name).isZero();
                assertThat(result.rejected()).as("rejections for column %s", name).hasSize(1);
            });
            if (thrown != null && !(thrown instanceof IllegalArgumentException)) {
                assertThat(thrown).as("failure for column %s", name).hasMessageContaining(name);
            }
        }
        assertThat(count(victim)).isEqualTo(1);
        assertThat(count(target)).isZero();
    }

    @Test
    void cli_warehouseTable_withSqlInjection_isRefusedBeforeAnySqlReachesTheDatabase() throws Exception {
        // The payload dropped the victim on PostgreSQL (and on MariaDB with allowMultiQueries=true), and only
        // then said "not a valid table name".
        List<String> hostile = List.of(
                "w_tmp_" + suffix + " (x int); DROP TABLE " + victim + "; CREATE TABLE w_pwn_" + suffix,
                "w_tmp_" + suffix + "` (x int); DROP TABLE " + victim + "; -- ",
                "w_tmp_" + suffix + "\" (x int); DROP TABLE " + victim + "; /* */",
                "w_tmp_" + suffix + "; DROP TABLE " + victim, "w\u0430rehouse_" + suffix);
        for (String name : hostile) {
            List<String> args = new ArrayList<>(List.of("sync", "jackyun-warehouses-to-mysql", "--simulate",
                    "--state-dir", dir.resolve("state").toString(), "--warehouse-table", name));
            args.addAll(cliDatabase());

            SamplesProcess.Result r = SamplesProcess.run(args, Map.of(), dir, 120);

            assertThat(r.exit()).as("exit for %s: %s", name, r.all()).isEqualTo(64);
            assertThat(r.err()).as("for %s", name).startsWith("qiao: --warehouse-table '")
                    .contains("' is not a valid table name: ").contains("ASCII letters");
        }
        assertThat(count(victim)).isEqualTo(1);
        assertThat(tablesWith(suffix)).containsExactlyInAnyOrder(victim, target);
    }

    @Test
    void hostileValues_areStoredVerbatim() throws SQLException {
        JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(db, target).key("id")
                .build();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < HOSTILE_VALUES.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", i);
            row.put("name", storable(HOSTILE_VALUES.get(i)));
            rows.add(row);
        }

        WriteResult<Map<String, Object>> first = sink.write(rows);
        WriteResult<Map<String, Object>> again = sink.write(rows); // the update path binds the same values

        assertThat(first.rejected()).isEmpty();
        assertThat(again.rejected()).isEmpty();
        Map<Integer, String> stored = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name FROM " + target + " ORDER BY id")) {
            while (rs.next()) {
                stored.put(rs.getInt(1), rs.getString(2));
            }
        }
        for (int i = 0; i < HOSTILE_VALUES.size(); i++) {
            assertThat(stored.get(i)).as("value %d", i).isEqualTo(storable(HOSTILE_VALUES.get(i)));
        }
        assertThat(count(victim)).isEqualTo(1);
    }

    /** Databases differ on NUL and 4-byte characters in VARCHAR; a subclass may adapt the value (not its SQL). */
    String storable(String value) {
        return value;
    }

    /** The hostile names, with the victim of their {@code DROP TABLE} being this test's own. */
    private List<String> hostileNames() {
        return HOSTILE_NAMES.stream().map(n -> n.replace("victim", victim)).toList();
    }

    /** Refused with one sentence that names the option and states the rule; nothing else is accepted. */
    private static void assertRefused(String option, String name, Runnable build) {
        Throwable thrown = catchThrowable(build::run);
        assertThat(thrown).as("%s %s", option, printable(name)).isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown.getMessage()).as("message for %s", printable(name)).startsWith(option + " '")
                .contains("ASCII letters, digits, '_' or '$'").doesNotContain("\n").doesNotContain("\u0000");
    }

    private static String printable(String s) {
        return s.replace("\u0000", "\\0").replace("\n", "\\n");
    }

    void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The tables whose names contain {@code part}, lower case, from the database's own catalogue. */
    List<String> tablesWith(String part) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%",
                new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (name.contains(part)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    long count(String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
