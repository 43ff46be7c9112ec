package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.jdbc.SqlIdentifiers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every command of the CLI through every supported driver: MariaDB Connector/J, MySQL Connector/J (both on the
 * MariaDB server at 127.0.0.1:3306), PostgreSQL (127.0.0.1:5432) and H2 (a file database); run with -Pit. Pipeline
 * 1 keeps its rows, checkpoint and dead letters in that database, so each command below reads or writes it.
 *
 * <p>Each driver gets a database (MySQL, H2) or schema (PostgreSQL) of its own, because the CLI's checkpoint and
 * dead-letter tables have fixed names, a warehouse table of its own ({@code --warehouse-table}) and a state directory
 * of its own. A CHECK constraint on the warehouse table refuses one warehouse, so that the first sync leaves one
 * dead letter for {@code dlq list}, {@code dlq replay} (refused again, then resolved once the constraint is gone)
 * and {@code dlq purge} to work on; {@code reset} then moves the checkpoint in that database.
 */
class CliThroughEveryDriverIT {
    private static final String PIPELINE = JackyunWarehousesToMysql.NAME;
    /** The warehouse the CHECK constraint refuses (one of the simulator's 25). */
    private static final String REFUSED = "WH000003";

    @TempDir
    Path dir;

    enum Driver {
        MARIADB_CONNECTOR_J, MYSQL_CONNECTOR_J, POSTGRESQL, H2;

        /** The URL of the private database or schema {@code name}, which {@link #create} made. */
        String url(String name, Path dir) {
            return switch (this) {
                case MARIADB_CONNECTOR_J -> "jdbc:mariadb://127.0.0.1:3306/" + name;
                case MYSQL_CONNECTOR_J -> "jdbc:mysql://127.0.0.1:3306/" + name;
                case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + name;
                case H2 -> "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
            };
        }

        String user() {
            return switch (this) {
                case MARIADB_CONNECTOR_J, MYSQL_CONNECTOR_J -> "root";
                case POSTGRESQL -> "postgres";
                case H2 -> "sa";
            };
        }

        Database.Kind kind() {
            return switch (this) {
                case MARIADB_CONNECTOR_J, MYSQL_CONNECTOR_J -> Database.Kind.MYSQL;
                case POSTGRESQL -> Database.Kind.POSTGRESQL;
                case H2 -> Database.Kind.H2;
            };
        }

        void create(String name) throws SQLException {
            switch (this) {
                case MARIADB_CONNECTOR_J, MYSQL_CONNECTOR_J -> server("jdbc:mariadb://127.0.0.1:3306/test",
                        "CREATE DATABASE " + name + " DEFAULT CHARACTER SET utf8mb4");
                case POSTGRESQL -> server("jdbc:postgresql://127.0.0.1:5432/test", "CREATE SCHEMA " + name);
                case H2 -> {
                    // a file database comes into being with its first connection
                }
            }
        }

        void drop(String name) throws SQLException {
            switch (this) {
                case MARIADB_CONNECTOR_J, MYSQL_CONNECTOR_J -> server("jdbc:mariadb://127.0.0.1:3306/test",
                        "DROP DATABASE IF EXISTS " + name);
                case POSTGRESQL -> server("jdbc:postgresql://127.0.0.1:5432/test", "DROP SCHEMA IF EXISTS " + name
                        + " CASCADE");
                case H2 -> {
                    // in the temporary directory
                }
            }
        }

        private void server(String url, String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, user(), ""); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void everyCommand_worksThroughEveryDriver(Driver driver) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String schema = "qiao_cli_" + suffix;
        String table = "cli_warehouse_" + suffix;
        driver.create(schema);
        try {
            String url = driver.url(schema, dir);
            List<String> db = List.of("--jdbc-url", url, "--jdbc-user", driver.user(), "--warehouse-table", table,
                    "--state-dir", dir.resolve("state-" + driver).toString());
            try (Connection c = DriverManager.getConnection(url, driver.user(), ""); Statement s = c.createStatement()) {
                s.execute(JackyunWarehousesToMysql.ddl(driver.kind(), SqlIdentifiers.quoteTable(c, "table", table)));
                s.execute("ALTER TABLE " + table + " ADD CONSTRAINT ck_" + suffix + " CHECK (warehouse_code <> '"
                        + REFUSED + "')");
            }

            Result sync = qiao(db, "sync", PIPELINE, "--simulate");
            assertThat(sync.exit()).as(sync.all()).isEqualTo(Qiao.DEAD_LETTERS);
            assertThat(sync.out()).contains("25 read").contains("1 dead-lettered");

            Result status = qiao(db, "status");
            assertThat(status.exit()).as(status.all()).isZero();
            assertThat(status.out()).contains("1 runs: 25 read").contains("dead letters  1 open");

            Result list = qiao(db, "dlq", "list", PIPELINE);
            assertThat(list.exit()).as(list.all()).isZero();
            assertThat(list.out()).contains("1 open dead letter(s)").contains("database refused the row");

            Result refusedAgain = qiao(db, "dlq", "replay", PIPELINE, "--simulate");
            assertThat(refusedAgain.exit()).as(refusedAgain.all()).isEqualTo(Qiao.DEAD_LETTERS);
            assertThat(refusedAgain.out()).contains("replayed 1, resolved 0, failed again 1");

            try (Connection c = DriverManager.getConnection(url, driver.user(), ""); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " DROP CONSTRAINT ck_" + suffix);
            }
            Result replay = qiao(db, "dlq", "replay", PIPELINE, "--simulate");
            assertThat(replay.exit()).as(replay.all()).isZero();
            assertThat(replay.out()).contains("replayed 1, resolved 1, failed again 0");

            Result purge = qiao(db, "dlq", "purge", PIPELINE);
            assertThat(purge.exit()).as(purge.all()).isZero();
            assertThat(purge.out()).contains("deleted 1 resolved dead letter(s)");

            Result reconcile = qiao(db, "reconcile", PIPELINE, "--simulate", "--from", "2013-01-01",
                    "--to", Instant.now().toString());
            assertThat(reconcile.exit()).as(reconcile.all()).isZero();
            assertThat(reconcile.out()).contains("25 source record(s), 25 match, 0 differ or are missing");

            Result report = qiao(db, "report");
            assertThat(report.exit()).as(report.all()).isZero();
            assertThat(report.out()).contains("erp.warehouse.get").contains("dead letters   0 open");

            Result after = qiao(db, "status", PIPELINE);
            assertThat(after.out()).contains("dead letters  0 open");

            // reset writes the checkpoint of pipeline 1, which lives in the target database
            Result reset = qiao(db, "reset", PIPELINE, "--since", "2021-06-01T00:00:00Z");
            assertThat(reset.exit()).as(reset.all()).isZero();
            assertThat(reset.out()).contains("checkpoint moved from 20").contains("to 2021-06-01T00:00:00Z");
            Result afterReset = qiao(db, "status", PIPELINE);
            assertThat(afterReset.exit()).as(afterReset.all()).isZero();
            assertThat(afterReset.out()).contains("2021-06-01T00:00:00Z");
        } finally {
            driver.drop(schema);
        }
    }

    private static Result qiao(List<String> options, String... command) {
        List<String> argv = new ArrayList<>(List.of(command));
        argv.addAll(options);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Qiao.run(argv.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false, Clock.systemUTC());
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
