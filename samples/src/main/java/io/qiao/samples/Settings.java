package io.qiao.samples;

import io.qiao.client.Secret;
import io.qiao.sync.jdbc.SqlIdentifiers;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The CLI's configuration, merged from (lowest first) a {@code --config} file, {@code QIAO_*} environment
 * variables and command-line options. Keys are dotted and lower-case: {@code jackyun.app-secret} is
 * {@code QIAO_JACKYUN_APP_SECRET} in the environment. Secrets are only ever handed out as {@link Secret}.
 */
final class Settings {
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    static Settings load(Args args, Map<String, String> env) {
        Map<String, String> v = new TreeMap<>();
        args.option("config").ifPresent(file -> v.putAll(readConfig(Path.of(file), env)));
        env.forEach((name, value) -> {
            if (name.startsWith("QIAO_") && !value.isEmpty()) {
                v.put(keyOfEnv(name), value);
            }
        });
        args.options().forEach((name, value) -> {
            if (name.startsWith("jackyun-") || name.startsWith("jushuitan-") || name.startsWith("kis-")
                    || name.startsWith("archive-") || name.startsWith("jdbc-")) {
                int dash = name.indexOf('-');
                v.put(name.substring(0, dash) + "." + name.substring(dash + 1), value);
            } else {
                v.put(name, value);
            }
        });
        checkSqlNames(v, args.option("warehouse-table").isPresent() ? "--warehouse-table"
                : env.getOrDefault("QIAO_WAREHOUSE_TABLE", "").isEmpty() ? "warehouse-table in --config"
                : "QIAO_WAREHOUSE_TABLE");
        return new Settings(v);
    }

    static Settings of(Map<String, String> values) {
        checkSqlNames(values, "warehouse-table");
        return new Settings(values);
    }

    /**
     * The settings that become names in SQL, checked as they come in, before any command opens the database:
     * a refused name never reaches it, whichever command was asked for.
     */
    private static void checkSqlNames(Map<String, String> values, String warehouseTableOption) {
        String table = values.get("warehouse-table");
        if (table != null) {
            try {
                SqlIdentifiers.checkTable(warehouseTableOption, table);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    /** QIAO_JACKYUN_APP_SECRET -> jackyun.app-secret; QIAO_STATE_DIR -> state-dir. */
    static String keyOfEnv(String name) {
        String rest = name.substring("QIAO_".length()).toLowerCase(Locale.ROOT);
        for (String vendor : new String[] {"jackyun_", "jushuitan_", "kis_", "archive_", "jdbc_"}) {
            if (rest.startsWith(vendor)) {
                return vendor.substring(0, vendor.length() - 1) + "." + rest.substring(vendor.length()).replace('_', '-');
            }
        }
        return rest.replace('_', '-');
    }

    private static Map<String, String> readConfig(Path file, Map<String, String> env) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException("--config " + file + " is not a readable file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".ini")) {
                return IniConfig.read(file, env::get);
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, String> m = new TreeMap<>();
            p.forEach((k, val) -> m.put(k.toString().trim(), val.toString().trim()));
            return m;
        } catch (IOException | IllegalArgumentException e) {
            // Properties.load reports a malformed unicode escape as IllegalArgumentException
            throw new UsageException("cannot read --config " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads every duration and time setting once, wherever it came from (option, QIAO_* variable, --config), so that
     * one out of its range is a usage error before a lock is taken or a simulator started.
     */
    void checkDurationsAndTimes(Clock clock) {
        for (String key : Args.DURATIONS.keySet()) {
            get(key).ifPresent(v -> Args.duration(key, v));
        }
        get("since").ifPresent(v -> Args.instant("since", v, clock));
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(s -> !s.isBlank());
    }

    String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    Optional<Secret> secret(String key) {
        return get(key).map(Secret::of);
    }

    /** Whether every one of the keys is set (a vendor is "configured" only when all its settings are). */
    boolean hasAll(String... keys) {
        for (String k : keys) {
            if (get(k).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A redactor that also masks the values of every secret setting (keys ending in secret, password or token),
     * for text that did not pass through a client's own redactor: stored errors and dead-letter reasons in reports.
     */
    io.qiao.client.Redactor redactor() {
        io.qiao.client.Redactor r = io.qiao.client.Redactor.defaults();
        values.forEach((key, value) -> {
            if (key.endsWith("secret") || key.endsWith("password") || key.endsWith("token")) {
                r.remember(value);
            }
        });
        return r;
    }

    /** Names of the settings present, never their values (for --verbose diagnostics). */
    @Override
    public String toString() {
        return "Settings" + values.keySet();
    }
}
