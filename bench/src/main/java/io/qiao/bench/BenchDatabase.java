package io.qiao.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmarks' MariaDB: a DataSource that opens a driver connection per call. The sink takes one connection per
 * 1,000-row transaction, so connecting (about half a millisecond on loopback) costs under 1% and a pool would only
 * hide what is measured. URL from {@code -Dbench.jdbcUrl}, default the local test database.
 */
final class BenchDatabase extends PlainDataSource {
    static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private final String url;

    BenchDatabase(String url) {
        this.url = url;
    }

    static BenchDatabase fromSystemProperty() {
        return new BenchDatabase(System.getProperty("bench.jdbcUrl", DEFAULT_URL));
    }

    /** The reconciliation table of the Jackyun warehouse pipeline (samples' DDL for MySQL), recreated empty. */
    void recreateWarehouseTable(String table) throws SQLException {
        try (Connection c = getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (\n"
                    + "  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n"
                    + "  warehouse_code VARCHAR(64) NOT NULL,\n"
                    + "  warehouse_name VARCHAR(255) NULL,\n"
                    + "  warehouse_type INT NULL,\n"
                    + "  source_id INT NOT NULL,\n"
                    + "  status TINYINT NOT NULL,\n"
                    + "  create_by BIGINT NULL,\n"
                    + "  create_time DATETIME NULL,\n"
                    + "  update_time DATETIME NULL,\n"
                    + "  reconciliation_type INT NULL,\n"
                    + "  UNIQUE KEY uk_" + table + "_code (warehouse_code)\n"
                    + ") DEFAULT CHARSET = utf8mb4");
        }
    }

    void dropIfExists(String... tables) throws SQLException {
        try (Connection c = getConnection(); Statement s = c.createStatement()) {
            for (String t : tables) {
                s.execute("DROP TABLE IF EXISTS " + t);
            }
        }
    }

    long count(String table) throws SQLException {
        try (Connection c = getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT warehouse_code) FROM " + table)) {
            rs.next();
            if (rs.getLong(1) != rs.getLong(2)) {
                throw new IllegalStateException(table + " holds " + rs.getLong(1) + " rows but only " + rs.getLong(2)
                        + " distinct warehouse codes");
            }
            return rs.getLong(1);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public String toString() {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
