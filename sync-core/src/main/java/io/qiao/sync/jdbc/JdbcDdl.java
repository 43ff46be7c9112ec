package io.qiao.sync.jdbc;

import io.qiao.sync.SyncException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates Qiao's own tables (checkpoints, dead letters, backfill slices) from the DDL shipped in the jar, one
 * script per table and dialect ({@link Dialect#ddlResource}). Every JDBC store's {@code createTablesIfMissing}
 * comes here, so that renaming a table and splitting a script work the same way for all of them.
 */
final class JdbcDdl {

    private JdbcDdl() {
    }

    /**
     * Runs the shipped DDL of {@code defaultTable} in the dialect of {@code names}, renamed to {@code table}.
     * Statements are separated by ';' at the end of a line; {@code --} comment lines are skipped. The scripts
     * say {@code IF NOT EXISTS}, so running one again changes nothing.
     */
    static void createIfMissing(Connection c, SqlNames names, String defaultTable, String table) throws SQLException {
        String renamed = renamed(load(names.dialect().ddlResource(defaultTable)), names, defaultTable, table);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            for (String statement : statements(renamed)) {
                st.execute(statement);
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String load(String resource) {
        try (InputStream in = JdbcDdl.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new SyncException("DDL resource " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SyncException("cannot read DDL resource " + resource, e);
        }
    }

    /**
     * The table keeps its (possibly schema-qualified) name; index names, which share the table's prefix, follow
     * it, so that two renamed tables in one PostgreSQL schema do not collide on index names. Both are quoted as
     * every other statement quotes them, so a table named like a reserved word works here too.
     */
    private static String renamed(String ddl, SqlNames names, String defaultTable, String table) {
        return Pattern.compile("\\b" + defaultTable + "(_\\w+)?\\b").matcher(ddl)
                .replaceAll(m -> Matcher.quoteReplacement(names.quote(m.group(1) == null
                        ? table : SqlNames.derived(table, m.group(1)))));
    }

    static List<String> statements(String ddl) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : ddl.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String st = current.toString().strip();
                result.add(st.substring(0, st.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().strip());
        }
        return result;
    }
}
