package io.qiao.bench;

import io.qiao.sync.jdbc.JdbcUrls;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The benchmarks' MariaDB, as a host application would give it to Qiao: a DataSource that keeps its connections
 * (a pool without limits, so a sink with n parallel writers gets its n connections plus the checkpoint's; most
 * benchmarks use one or two at a time). The sink takes one connection per 1,000-row
 * transaction; opening a new one each time cost 0.5 ms on a quiet machine and 2.2-2.4 ms on a loaded one (measured
 * with MariaDB 10.11 on loopback), up to a tenth of a batch, which no deployment with a pool pays.
 * URL from {@code -Dbench.jdbcUrl}, default the local test database.
 */
final class BenchDatabase implements DataSource, AutoCloseable {
    static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private final String url;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

    BenchDatabase(String url) {
        this.url = url;
    }

    static BenchDatabase fromSystemProperty() {
        return new BenchDatabase(System.getProperty("bench.jdbcUrl", DEFAULT_URL));
    }

    /** A database whose first connection is already open, so that no measurement pays for connecting. */
    static BenchDatabase connected(String url) throws SQLException {
        return connected(url, 1);
    }

    /** A database with {@code connections} connections already open: as many as the measured code holds at once. */
    static BenchDatabase connected(String url, int connections) throws SQLException {
        BenchDatabase db = new BenchDatabase(url);
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                open.add(db.getConnection());
            }
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
        return db;
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

    /** A pooled connection: closing it rolls back what was not committed and gives it back. */
    @Override
    public Connection getConnection() throws SQLException {
        Connection physical = idle.pollFirst();
        if (physical == null || physical.isClosed()) {
            physical = DriverManager.getConnection(url);
        }
        Connection c = physical;
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(BenchDatabase.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (returned.compareAndSet(false, true) && !c.isClosed()) {
                            if (!c.getAutoCommit()) {
                                c.rollback();
                                c.setAutoCommit(true);
                            }
                            idle.addFirst(c);
                        }
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return returned.get() || c.isClosed();
                    }
                    if (returned.get()) {
                        throw new SQLException("connection already closed");
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Closes the connections it keeps; ones still handed out are closed by whoever holds them. */
    @Override
    public void close() throws SQLException {
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            c.close();
        }
    }

    // The rest of DataSource, unused by the benchmarks.
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials belong in the JDBC URL here");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public String toString() {
        return JdbcUrls.redact(url); // every password form, not only ?password=
    }
}
