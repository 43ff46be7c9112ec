package io.qiao.sync.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The check every table name passes before Qiao's JDBC parts put it into SQL, for code around them that builds
 * its own statements from a configured name (a host's DDL for a sink's table, a report's query): one rule, one
 * message, the same quoting as the sink, source and stores use.
 *
 * <pre>{@code
 * String table = SqlIdentifiers.checkTable("--warehouse-table", settings.get("warehouse-table"));  // at startup
 * ...
 * st.execute("CREATE TABLE IF NOT EXISTS " + SqlIdentifiers.quoteTable(connection, "--warehouse-table", table) + " (...)");
 * }</pre>
 *
 * <p>The rule: {@code table} or {@code schema.table}, each part 1-63 ASCII letters, digits, {@code _} or
 * {@code $}, starting with a letter or {@code _}. Quotes, backticks, whitespace, comments, semicolons and
 * non-ASCII look-alike letters are refused, so no value can close the quoting or name another table.
 */
public final class SqlIdentifiers {
    private SqlIdentifiers() {
    }

    /**
     * Checks a table name where it enters, before any connection is taken.
     *
     * @param option the option, setting or builder method the name came from; the message starts with it
     * @return {@code name}
     * @throws IllegalArgumentException naming {@code option}, the value, what is wrong with it and the rule
     */
    public static String checkTable(String option, String name) {
        return SqlNames.checkTable(option, name);
    }

    /**
     * The checked name quoted for {@code connection}'s database and folded to the case it stores unquoted names
     * in, exactly as {@link JdbcUpsertSink}, {@link JdbcSource} and the stores write it: a table created with it
     * is the one they read and write.
     *
     * @throws IllegalArgumentException as {@link #checkTable}, before the connection is used
     */
    public static String quoteTable(Connection connection, String option, String name) throws SQLException {
        SqlNames.checkTable(option, name);
        return SqlNames.of(connection, null).quote(name);
    }
}
