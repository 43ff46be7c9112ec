package io.qiao.proof;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JdbcDeadLetterStore;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * What the chaos tests share about samples pipeline 1 ({@code qiao sync jackyun-warehouses-to-mysql}): the data
 * set, the command line and environment of a run, and the comparison of its MariaDB target with the simulator's
 * truth.
 */
final class ChaosWarehouses {
    static final String PIPELINE = "jackyun-warehouses-to-mysql";
    static final String TABLE = "warehouse";
    /** Ten years of modification times: the source reads them in ten or eleven 365-day windows, each a checkpoint. */
    static final LocalDateTime DATA_FROM = LocalDateTime.of(2014, 1, 1, 0, 0);
    static final LocalDateTime DATA_TO = LocalDateTime.of(2024, 1, 1, 0, 0);

    private ChaosWarehouses() {
    }

    /** {@code warehouses} valid warehouses (no invalid record: any dead letter is a defect). */
    static JackyunDataSet dataSet(int warehouses) {
        return JackyunDataSet.builder().warehouses(warehouses).stockQuantities(0).stockDocuments(0).trades(0)
                .modifiedBetween(DATA_FROM, DATA_TO).build();
    }

    static Map<String, String> env(JackyunSimulator sim) {
        return env(sim, 1);
    }

    /**
     * The environment of a run whose sink writes each batch on {@code writers} connections (QIAO_SINK_WRITERS, the
     * parallel writer of {@code JdbcUpsertSink.Builder.writers}) when more than one.
     */
    static Map<String, String> env(JackyunSimulator sim, int writers) {
        Map<String, String> env = new HashMap<>(Map.of(
                "QIAO_JACKYUN_ENDPOINT", sim.endpoint().toString(),
                "QIAO_JACKYUN_APP_KEY", sim.appKey(),
                "QIAO_JACKYUN_APP_SECRET", sim.appSecret()));
        if (writers > 1) {
            env.put("QIAO_SINK_WRITERS", Integer.toString(writers));
        }
        return Map.copyOf(env);
    }

    /** {@code qiao sync jackyun-warehouses-to-mysql --once} into {@code jdbcUrl} (user root, no password). */
    static List<String> args(Path stateDir, String jdbcUrl) {
        return List.of("sync", PIPELINE, "--once", "--state-dir", stateDir.toString(), "--jdbc-url", jdbcUrl,
                "--jdbc-user", "root", "--since", "2013-12-01", "--warehouse-table", TABLE);
    }

    /** The checkpoint watermark a complete run leaves: at or past the last modification. */
    static Instant endOfData() {
        return DATA_TO.minusSeconds(1).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    /** Rows in the target so far (0 before the first run created the table, or while the database is down). */
    static long rows(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl + "?user=root&connectTimeout=2000");
             Statement s = c.createStatement()) {
            // asked first, since the driver logs a warning for every query of a missing table
            try (ResultSet tables = s.executeQuery("SHOW TABLES LIKE '" + TABLE + "'")) {
                if (!tables.next()) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    static void recreateDatabase(String serverUrl, String database) throws SQLException {
        onServer(serverUrl, "DROP DATABASE IF EXISTS " + database,
                "CREATE DATABASE " + database + " DEFAULT CHARACTER SET utf8mb4");
    }

    static void dropDatabase(String serverUrl, String database) throws SQLException {
        onServer(serverUrl, "DROP DATABASE IF EXISTS " + database);
    }

    private static void onServer(String serverUrl, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl + "?user=root"); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** The target against the truth: every warehouse once with its values, nothing else; checkpoint, dead letters. */
    static Comparison compare(JackyunDataSet data, String jdbcUrl) throws SQLException {
        Comparison r = new Comparison();
        Map<String, String> target = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl + "?user=root"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT warehouse_code, warehouse_name, warehouse_type, status, "
                     + "source_id FROM " + TABLE)) {
            while (rs.next()) {
                r.rows++;
                String row = rs.getString(2) + "|" + rs.getInt(3) + "|" + rs.getInt(4) + "|" + rs.getInt(5);
                if (target.put(rs.getString(1), row) != null) {
                    r.duplicates++;
                }
            }
        }
        Map<String, String> truth = new TreeMap<>();
        for (JackyunDataSet.Warehouse w : data.warehouses()) {
            truth.put(w.warehouseCode(), w.warehouseName() + "|" + Integer.parseInt(w.warehouseTypeCode()) + "|"
                    + (w.blockup() ? 0 : 1) + "|3");
        }
        truth.forEach((code, row) -> {
            String got = target.get(code);
            if (got == null) {
                r.missing.add(code);
            } else if (!got.equals(row)) {
                r.wrongValues.add(code + ": " + got + " instead of " + row);
            }
        });
        target.keySet().stream().filter(code -> !truth.containsKey(code)).forEach(r.extra::add);
        MariaDbDataSource ds = new MariaDbDataSource(jdbcUrl);
        ds.setUser("root");
        r.checkpoint = JdbcCheckpointStore.of(ds).load(PIPELINE);
        r.deadLetters = JdbcDeadLetterStore.of(ds).list(PIPELINE, true, 1000);
        return r;
    }

    /** The target compared with the truth. */
    static final class Comparison {
        long rows;
        int duplicates;
        final List<String> missing = new ArrayList<>();
        final List<String> extra = new ArrayList<>();
        final List<String> wrongValues = new ArrayList<>();
        Optional<Checkpoint> checkpoint = Optional.empty();
        List<DeadLetter> deadLetters = List.of();

        /** Exactly the truth, with the checkpoint at the end of the data and no dead letter. */
        boolean exact() {
            return missing.isEmpty() && extra.isEmpty() && duplicates == 0 && wrongValues.isEmpty()
                    && checkpoint.isPresent() && !checkpoint.get().position().watermark().isBefore(endOfData())
                    && deadLetters.isEmpty();
        }

        @Override
        public String toString() {
            return "target " + rows + " rows, missing " + missing.size() + ", extra " + extra.size() + ", duplicates "
                    + duplicates + ", wrong values " + wrongValues.size() + "; checkpoint "
                    + checkpoint.map(c -> c.position() + " v" + c.version()).orElse("none") + "; dead letters "
                    + deadLetters.size();
        }
    }
}
