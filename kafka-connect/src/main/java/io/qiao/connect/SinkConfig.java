package io.qiao.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The settings of {@link QiaoJdbcSinkConnector}; the keys are a contract users write into connector JSON. */
final class SinkConfig extends AbstractConfig {
    static final String URL = "connection.url";
    static final String USER = "connection.user";
    static final String PASSWORD = "connection.password";
    static final String TABLE = "table";
    static final String KEY_FIELDS = "key.fields";
    static final String AUTO_CREATE = "auto.create";
    static final String FIELDS = "fields";
    static final String OFFSETS_TABLE = "offsets.table";

    /** Plain SQL identifiers only: names are put into DDL and DML, never values. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\.[A-Za-z_][A-Za-z0-9_]{0,63})?");

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigValues.checking(SinkConfig::url),
                    Importance.HIGH, "The JDBC URL: jdbc:mariadb:, jdbc:mysql:, jdbc:postgresql: or jdbc:h2:")
            .define(USER, Type.STRING, null, Importance.HIGH, "The database user")
            .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                    "The database password (a config provider reference such as ${file:/secrets:db} works)")
            .define(TABLE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigValues.checking((k, v) -> name(k, v, TABLE_NAME)),
                    Importance.HIGH, "The table the records are upserted into (optionally schema.table)")
            .define(KEY_FIELDS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "The record fields forming the upsert key, e.g. warehouseCode")
            .define(AUTO_CREATE, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Create the table (and add missing columns) from the records: top-level fields in snake_case, "
                            + "nested values as JSON text")
            .define(FIELDS, Type.LIST, "", Importance.MEDIUM,
                    "Only these fields, as field[:column],...; every top-level field in snake_case when empty")
            .define(OFFSETS_TABLE, Type.STRING, "qiao_connect_offsets",
                    ConfigValues.checking((k, v) -> name(k, v, TABLE_NAME)), Importance.LOW,
                    "Where the topic-partition offsets are written, in the rows' own transaction");

    final Map<String, String> fieldColumns;
    final List<String> keyColumns;

    SinkConfig(Map<String, String> props) {
        super(DEFINITION, props, false);
        List<String> keys = getList(KEY_FIELDS);
        if (keys.isEmpty()) {
            throw new ConfigException(KEY_FIELDS, "", "name at least one record field forming the upsert key");
        }
        this.fieldColumns = fields(getList(FIELDS));
        List<String> cols = new ArrayList<>();
        for (String k : keys) {
            if (!fieldColumns.isEmpty() && !fieldColumns.containsKey(k)) {
                throw new ConfigException(KEY_FIELDS, String.join(",", keys), "'" + k + "' is not among " + FIELDS);
            }
            cols.add(column(k));
        }
        this.keyColumns = List.copyOf(cols);
    }

    /** The column a field goes to: its {@code fields} mapping, else its name in snake_case. */
    String column(String field) {
        String mapped = fieldColumns.get(field);
        return mapped != null ? mapped : snakeCase(field);
    }

    static String snakeCase(String field) {
        StringBuilder b = new StringBuilder(field.length() + 4);
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && field.charAt(i - 1) != '_') {
                    b.append('_');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static Map<String, String> fields(List<String> specs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String spec : specs) {
            String s = spec.trim();
            int colon = s.indexOf(':');
            String field = colon < 0 ? s : s.substring(0, colon).trim();
            String column = colon < 0 ? snakeCase(field) : s.substring(colon + 1).trim();
            if (field.isEmpty()) {
                throw new ConfigException(FIELDS, String.join(",", specs), "'" + spec + "' names no field");
            }
            name(FIELDS, column, IDENTIFIER);
            out.put(field, column);
        }
        return out;
    }

    private static void name(String key, String value, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw new ConfigException(key, value, "not a plain SQL identifier (letters, digits, _; at most 64)");
        }
    }

    private static void url(String key, String url) {
        if (!url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:postgresql:")
                && !url.startsWith("jdbc:h2:")) {
            // the URL may carry a password: the message shows its scheme only
            throw new ConfigException(key + " must start with jdbc:mariadb:, jdbc:mysql:, jdbc:postgresql: or jdbc:h2:");
        }
    }

    /** For a column name met in records when {@code fields} is empty: refused rather than put into DDL. */
    static boolean isIdentifier(String column) {
        return IDENTIFIER.matcher(column).matches();
    }
}
