package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: an error of the embedded database is one sentence without --verbose. H2 appends the whole statement to
 * each message (a batch upsert of 25 rows: a 3,000-character MERGE), and the CLI printed it twice in the report
 * line, once more in "failed:", and again in {@code qiao status}'s last error.
 */
class EmbeddedDatabaseErrorsTest {
    @TempDir
    Path dir;

    private String qiao(int expectedExit, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(argv),
                java.util.stream.Stream.of("--state-dir", dir.toString())).toArray(String[]::new);
        int exit = Qiao.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), Map.of(), false, Clock.systemUTC());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    @Test
    void h2ErrorDuringARun_isOneSentence_inTheRunsOutputAndInStatus() throws SQLException {
        qiao(Qiao.OK, "sync", "jackyun-warehouses-to-mysql", "--simulate");
        // a column gone from the target table (the first run closed the database on its way out)
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("qiao"), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("ALTER TABLE warehouse DROP COLUMN warehouse_name");
            s.execute("DELETE FROM qiao_checkpoint");
            s.execute("SHUTDOWN");
        }

        String run = qiao(Qiao.FAILED, "sync", "jackyun-warehouses-to-mysql", "--simulate");
        String status = qiao(Qiao.OK, "status", "jackyun-warehouses-to-mysql");
        String report = qiao(Qiao.OK, "report");

        for (String printed : new String[] {run, status, report}) {
            assertThat(printed).doesNotContain("SQL statement").doesNotContain("MERGE INTO").doesNotContain("\tat ");
            assertThat(printed.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(600));
        }
        assertThat(run.lines().filter(l -> l.contains("Column \"WAREHOUSE_NAME\" not found")).toList())
                .singleElement().asString().startsWith("failed: window [").contains("[42122-");
        assertThat(run).contains("jackyun-warehouses-to-mysql FAILED: 0 windows");
        assertThat(status).contains("last error    SyncException: cannot write 25 rows into warehouse")
                .contains("Column \"WAREHOUSE_NAME\" not found");
    }

    @Test
    void condense_dropsTheStatementsDatabasesAppend_andKeepsTheirErrorCodes() {
        assertThat(Errors.condense("Column \"X\" not found; SQL statement:\nMERGE INTO \"W\" t\n USING (VALUES (?, ?)) "
                + "[42122-232] [SQLState 42S22]; caused by: JdbcSQLSyntaxErrorException: Column \"X\" not found; "
                + "SQL statement:\nMERGE INTO \"W\" [42122-232]"))
                .isEqualTo("Column \"X\" not found [42122-232] [SQLState 42S22]; caused by: "
                        + "JdbcSQLSyntaxErrorException: Column \"X\" not found [42122-232]");
        assertThat(Errors.condense("(conn=7) Unknown column 'x' in 'field list'\nQuery is: INSERT INTO w VALUES (?)"))
                .isEqualTo("(conn=7) Unknown column 'x' in 'field list'");
        assertThat(Errors.condense("x".repeat(2000))).hasSize(Errors.MAX_LENGTH).endsWith("...");
        assertThat(Errors.sentence(new SQLException("Table \"T\" not found; SQL statement:\nSELECT 1\nFROM t [42102-232]")))
                .isEqualTo("Table \"T\" not found [42102-232].");
    }
}
