package io.qiao.connect;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A connection per call from the JDBC driver in the plugin directory. The driver is found through this class's own
 * loader, not {@code DriverManager}: a worker's {@code DriverManager} registers the drivers it saw when it started,
 * and the ones isolated in a plugin's class loader are not among them ("No suitable driver").
 */
final class DriverDataSource implements DataSource {
    private final String url;
    private final Properties props = new Properties();
    private final Driver driver;

    DriverDataSource(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        this.driver = find(url);
    }

    private static Driver find(String url) {
        for (Driver d : ServiceLoader.load(Driver.class, DriverDataSource.class.getClassLoader())) {
            try {
                if (d.acceptsURL(url)) {
                    return d;
                }
            } catch (SQLException e) {
                // a driver that cannot even say: not ours
            }
        }
        throw new IllegalArgumentException(SinkConfig.URL + ": no JDBC driver in the plugin directory accepts "
                + url.substring(0, Math.min(url.length(), url.indexOf(':', 5) + 1)) + " URLs");
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = driver.connect(url, props);
        if (c == null) {
            throw new SQLException("the driver refused the URL");
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the sink connects with connection.user and connection.password");
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
        return "DriverDataSource{driver=" + driver.getClass().getName() + "}";
    }
}
