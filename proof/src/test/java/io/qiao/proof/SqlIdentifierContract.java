package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.qiao.sync.WriteResult;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JdbcDeadLetterStore;
import io.qiao.sync.jdbc.JdbcSource;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import io.qiao.sync.jdbc.RowReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Names from configuration (tables, columns, keys) that carry quotes, semicolons or comments are refused before any
 * SQL runs, by every JDBC part that takes one; values with the same content are bound, so they are stored verbatim.
 * Run on H2 ({@code *Test}) and MariaDB ({@code *IT}).
 */
abstract class SqlIdentifierContract {
    static final List<String> HOSTILE_NAMES = List.of(
            "t; DROP TABLE victim", "t' OR '1'='1", "t\" --", "t`; --", "t -- comment", "t /* c */", "t#x",
            "victim;", "a b", "", "1abc", "t\u0000", "表", "x".repeat(64), "s.t.u", "s.t;x", "`victim`", "[victim]",
            "t\nDROP", "t'");
    static final List<String> HOSTILE_VALUES = List.of(
            "'; DROP TABLE victim; --", "\" OR 1=1 /*", "back\\slash\\'", "`tick`", "中文' -- 注释", "/* c */ x",
            "#hash", "semi;colon", "\u0000nul", "\\0 \\n \\' \\\"", "' || (SELECT 1) || '", "%_%", "😀 emoji");

    private CountingDataSource db;

    /** A fresh database (or schema) for each test. */
    abstract DataSource dataSource();

    @BeforeEach
    void createTables() throws SQLException {
        db = new CountingDataSource(dataSource());
        exec("DROP TABLE IF EXISTS victim");
        exec("DROP TABLE IF EXISTS target");
        exec("CREATE TABLE victim (id INT PRIMARY KEY, v VARCHAR(50))");
        exec("INSERT INTO victim VALUES (1, 'still here')");
        exec("CREATE TABLE target (id INT PRIMARY KEY, name VARCHAR(200), updated_at TIMESTAMP)");
    }

    @Test
    void upsertSink_refusesHostileTableKeyAndColumnNames_beforeAnySql() {
        int before = db.connections();
        for (String name : HOSTILE_NAMES) {
            assertRefused(name, () -> JdbcUpsertSink.into(db, name).key("id").build());
            assertRefused(name, () -> JdbcUpsertSink.into(db, "target").key(name).build());
            assertRefused(name, () -> JdbcUpsertSink.into(db, "target").key("id").columns("id", name).build());
            assertRefused(name, () -> JdbcUpsertSink.into(db, "target").key("id").insertOnly(name).build());
        }
        assertThat(db.connections()).as("connections taken").isEqualTo(before);
    }

    @Test
    void stores_andSource_refuseHostileNames_beforeAnySql() {
        int before = db.connections();
        RowReader<Map<String, Object>> reader = RowReader.asMap();
        for (String name : HOSTILE_NAMES) {
            assertRefused(name, () -> JdbcCheckpointStore.builder(db).table(name).build());
            assertRefused(name, () -> JdbcDeadLetterStore.builder(db).table(name).build());
            assertRefused(name, () -> JdbcSource.from(db, name, reader).updatedAt("updated_at").id("id").build());
            assertRefused(name, () -> JdbcSource.from(db, "target", reader).updatedAt(name).id("id").build());
            assertRefused(name, () -> JdbcSource.from(db, "target", reader).updatedAt("updated_at").id(name).build());
            assertRefused(name, () -> JdbcSource.from(db, "target", reader).updatedAt("updated_at").id("id")
                    .columns("id", name).build());
        }
        assertThat(db.connections()).as("connections taken").isEqualTo(before);
    }

    @Test
    void upsertSink_refusesAHostileColumnNameThatComesWithTheData() throws SQLException {
        JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(db, "target").key("id")
                .build();
        for (String name : List.of("name = 'x'; DROP TABLE victim; --", "name`) VALUES (1); DROP TABLE victim; --",
                "name\" --", "name /*")) {
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
        assertThat(count("victim")).isEqualTo(1);
        assertThat(count("target")).isZero();
    }

    @Test
    void hostileValues_areStoredVerbatim() throws SQLException {
        JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(db, "target").key("id")
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
             ResultSet rs = s.executeQuery("SELECT id, name FROM target ORDER BY id")) {
            while (rs.next()) {
                stored.put(rs.getInt(1), rs.getString(2));
            }
        }
        for (int i = 0; i < HOSTILE_VALUES.size(); i++) {
            assertThat(stored.get(i)).as("value %d", i).isEqualTo(storable(HOSTILE_VALUES.get(i)));
        }
        assertThat(count("victim")).isEqualTo(1);
    }

    /** Databases differ on NUL and 4-byte characters in VARCHAR; a subclass may adapt the value (not its SQL). */
    String storable(String value) {
        return value;
    }

    private static void assertRefused(String name, Runnable build) {
        Throwable thrown = catchThrowable(build::run);
        assertThat(thrown).as("name %s", printable(name)).isInstanceOfAny(IllegalArgumentException.class,
                NullPointerException.class);
        if (thrown instanceof IllegalArgumentException) {
            assertThat(thrown.getMessage()).as("message for %s", printable(name)).contains(name);
        }
    }

    private static String printable(String s) {
        return s.replace("\u0000", "\\0").replace("\n", "\\n");
    }

    void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long count(String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
