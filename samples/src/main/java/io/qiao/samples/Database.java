package io.qiao.samples;

import io.qiao.client.Redactor;
import io.qiao.sync.jdbc.JdbcUrls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The database the samples use: the user's (--jdbc-url) or an embedded H2 file in the state directory.
 * A plain DriverManager-backed DataSource is enough for a CLI; host applications pass their own pool.
 */
final class Database implements DataSource {
    enum Kind { MYSQL, POSTGRESQL, H2 }

    private final String url;
    private final Properties props = new Properties();
    private final Kind kind;
    /**
     * The password and every secret the URL carries, masked wherever a driver repeats them: drivers quote fragments
     * of the URL they cannot parse (MariaDB: "Incorrect port value : pw@127.0.0.1"), which no URL pattern finds.
     */
    private final Redactor secrets = Redactor.defaults();

    Database(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
            secrets.remember(password);
        }
        secretsOf(url).forEach(secrets::remember);
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:")) {
            kind = Kind.MYSQL;
        } else if (u.startsWith("jdbc:postgresql:")) {
            kind = Kind.POSTGRESQL;
        } else if (u.startsWith("jdbc:h2:")) {
            kind = Kind.H2;
        } else {
            throw new UsageException("--jdbc-url '" + JdbcUrls.redact(url) + "' is not a MySQL/MariaDB, PostgreSQL or H2 URL");
        }
    }

    /**
     * The embedded H2 database of a state directory. AUTO_SERVER lets a second process ({@code qiao status} while
     * a scheduled {@code qiao sync} runs) use it through the first; DB_CLOSE_DELAY=-1 keeps it (and that server) open
     * for the life of the process instead of closing it whenever the last connection of this pool-less DataSource
     * closes, which would break the other process's connection.
     */
    static Database embedded(Path stateDir) {
        keepServersLocal();
        return new Database("jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("qiao")
                + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
    }

    /**
     * H2's AUTO_SERVER listens on every interface unless the system property {@code h2.bindAddress} names one, and
     * H2 reads it once, when it loads: set it to the loopback address, before H2 loads, unless the user did
     * ({@code -Dh2.bindAddress=...}). Only the processes of one machine share a state directory's database.
     */
    static void keepServersLocal() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    Kind kind() {
        return kind;
    }

    /** The URL with every password in it masked (user info, query string, ';' settings, key-value hosts). */
    String describe() {
        return JdbcUrls.redact(url);
    }

    /**
     * Closes an embedded H2 database this process opened (it stays open for the process otherwise, see
     * {@link #embedded}); leaves alone one this process only reaches through another process's AUTO_SERVER.
     */
    void shutdownEmbedded() {
        if (kind != Kind.H2 || !url.contains("DB_CLOSE_DELAY=-1")) {
            return;
        }
        try (Connection c = getConnection()) {
            if (c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession() instanceof org.h2.engine.SessionRemote) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            // closing on the way out: nothing left to do about it
        }
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(props);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", username);
        p.setProperty("password", password);
        return connect(p);
    }

    private Connection connect(Properties p) throws SQLException {
        try {
            return DriverManager.getConnection(url, p);
        } catch (SQLException e) {
            throw redacted(e);
        }
    }

    /**
     * The exception with the URL masked and every secret of this database (the password, the URL's secrets) too, in
     * its own message and in its causes': DriverManager ("No suitable driver found for URL") and drivers (pgjdbc's
     * "Unable to parse URL URL", MariaDB's "Incorrect port value : pw@host") repeat what they were given, and every
     * message, status file and --verbose stack trace would carry it on.
     */
    SQLException redacted(SQLException e) {
        if (!mentionsSecret(e)) {
            return e;
        }
        SQLException copy = new SQLException(mask(e.getMessage()), e.getSQLState(), e.getErrorCode(),
                redactedCause(e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private Throwable redactedCause(Throwable t) {
        if (t == null || !mentionsSecret(t)) {
            return t;
        }
        Exception copy = new Exception(t.getClass().getName() + ": " + mask(t.getMessage()),
                redactedCause(t.getCause() == t ? null : t.getCause()));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    private String mask(String text) {
        return text == null ? null : secrets.text(JdbcUrls.redactIn(text));
    }

    private boolean mentionsSecret(Throwable t) {
        for (int depth = 0; t != null && depth < 16; t = t.getCause(), depth++) {
            String m = t.getMessage();
            if (m != null && !mask(m).equals(m)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The parts of {@code url} that {@link JdbcUrls#redact} masks: the redacted form is the URL with some spans
     * replaced by the mask, so matching the kept pieces against the URL recovers the spans between them.
     */
    static List<String> secretsOf(String url) {
        String redacted = JdbcUrls.redact(url);
        List<String> found = new ArrayList<>();
        if (redacted == null || redacted.equals(url)) {
            return found;
        }
        String[] kept = redacted.split(Pattern.quote(JdbcUrls.MASK), -1);
        StringBuilder regex = new StringBuilder("^").append(Pattern.quote(kept[0]));
        for (int i = 1; i < kept.length; i++) {
            regex.append("(.*?)").append(Pattern.quote(kept[i]));
        }
        Matcher m = Pattern.compile(regex.append('$').toString(), Pattern.DOTALL).matcher(url);
        if (m.matches()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                found.add(m.group(g));
            }
        } else {
            found.add(url); // a URL the redactor could only mask whole: remember it whole
        }
        return found;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager logging is global; the CLI does not touch it.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "Database{" + describe() + "}";
    }
}
