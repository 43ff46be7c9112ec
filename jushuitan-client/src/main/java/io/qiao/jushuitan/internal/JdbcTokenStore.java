package io.qiao.jushuitan.internal;

import io.qiao.client.QiaoException;
import io.qiao.client.Secret;
import io.qiao.jushuitan.AccessToken;
import io.qiao.jushuitan.TokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Tokens in a table of the application's own database, so that every replica of the application uses (and
 * renews) one token per app key instead of each asking the vendor for its own:
 *
 * <pre>
 * qiao_jushuitan_token(app_key VARCHAR(64) PRIMARY KEY, access_token VARCHAR(512), refresh_token VARCHAR(512),
 *                      issued_at BIGINT, expires_at BIGINT, scope VARCHAR(64), updated_at BIGINT)
 * </pre>
 *
 * Times are epoch milliseconds, which every database stores alike. The table is created if missing; the DDL
 * and statements are plain SQL that H2, MySQL/MariaDB and PostgreSQL accept. The tokens are stored as the
 * vendor sent them: restrict access to the table as to any credential.
 */
public final class JdbcTokenStore implements TokenStore {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String table;
    private volatile boolean created;

    public JdbcTokenStore(DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(table, "table");
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table must be a plain SQL name (letters, digits, '_'), was '" + table + "'");
        }
        this.table = table;
    }

    @Override
    public Optional<AccessToken> load(String appKey) {
        Objects.requireNonNull(appKey, "appKey");
        ensureTable();
        String sql = "SELECT access_token, refresh_token, issued_at, expires_at, scope FROM " + table + " WHERE app_key = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, appKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String refresh = rs.getString(2);
                return Optional.of(new AccessToken(Secret.of(rs.getString(1)),
                        refresh == null || refresh.isEmpty() ? null : Secret.of(refresh),
                        Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw failure("read the token of app key " + appKey, e);
        }
    }

    @Override
    public void save(String appKey, AccessToken token) {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(token, "token");
        ensureTable();
        String update = "UPDATE " + table + " SET access_token = ?, refresh_token = ?, issued_at = ?, expires_at = ?, "
                + "scope = ?, updated_at = ? WHERE app_key = ?";
        String insert = "INSERT INTO " + table + " (access_token, refresh_token, issued_at, expires_at, scope, "
                + "updated_at, app_key) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection()) {
            if (execute(c, update, appKey, token) == 0) {
                try {
                    execute(c, insert, appKey, token);
                } catch (SQLException duplicate) {
                    // Another process inserted the row between our UPDATE and INSERT: ours is the newer token.
                    if (execute(c, update, appKey, token) == 0) {
                        throw duplicate;
                    }
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw failure("save the token of app key " + appKey, e);
        }
    }

    @Override
    public void delete(String appKey) {
        ensureTable();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE app_key = ?")) {
            ps.setString(1, appKey);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw failure("delete the token of app key " + appKey, e);
        }
    }

    private int execute(Connection c, String sql, String appKey, AccessToken t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.accessToken().reveal());
            ps.setString(2, t.refreshToken() == null ? null : t.refreshToken().reveal());
            ps.setLong(3, t.issuedAt().toEpochMilli());
            ps.setLong(4, t.expiresAt().equals(Instant.MAX) ? Long.MAX_VALUE : t.expiresAt().toEpochMilli());
            ps.setString(5, t.scope());
            ps.setLong(6, System.currentTimeMillis());
            ps.setString(7, appKey);
            return ps.executeUpdate();
        }
    }

    private void ensureTable() {
        if (created) {
            return;
        }
        String ddl = "CREATE TABLE IF NOT EXISTS " + table + " (app_key VARCHAR(64) NOT NULL PRIMARY KEY, "
                + "access_token VARCHAR(512) NOT NULL, refresh_token VARCHAR(512), issued_at BIGINT NOT NULL, "
                + "expires_at BIGINT NOT NULL, scope VARCHAR(64), updated_at BIGINT NOT NULL)";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            created = true;
        } catch (SQLException e) {
            throw failure("create the table " + table, e);
        }
    }

    private QiaoException failure(String what, SQLException e) {
        return new QiaoException("cannot " + what + " in " + table + ": " + e.getMessage()
                + " (SQLState " + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcTokenStore{" + table + "}";
    }
}
