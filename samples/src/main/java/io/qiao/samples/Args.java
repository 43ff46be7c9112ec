package io.qiao.samples;

import io.qiao.client.Json;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed command line: positional words ({@code sync jackyun-warehouses-to-mysql}) and {@code --options}.
 * Options take a value ({@code --state-dir DIR} or {@code --state-dir=DIR}) except the flags listed in
 * {@link #FLAGS}. An unknown option is a usage error, never silently ignored.
 */
final class Args {
    static final Set<String> FLAGS = Set.of("once", "simulate", "verbose", "help", "all", "resolved", "wait");
    static final Set<String> VALUED = Set.of("config", "state-dir", "jdbc-url", "jdbc-user", "jdbc-password",
            "since", "every", "from", "to", "limit", "settle-delay", "files-dir", "warehouse-table",
            "jackyun-endpoint", "jackyun-app-key", "jackyun-app-secret",
            "jushuitan-endpoint", "jushuitan-app-key", "jushuitan-app-secret", "jushuitan-access-token",
            "jushuitan-types", "jushuitan-status",
            "kis-endpoint", "kis-client-id", "kis-client-secret", "kis-app-key", "kis-app-secret",
            "kis-router-address", "kis-outer-instance-id", "kis-material-field", "kis-stock-ids",
            "archive-endpoint", "archive-app-key", "archive-app-secret");

    private final List<String> words;
    private final Map<String, String> options;

    private Args(List<String> words, Map<String, String> options) {
        this.words = List.copyOf(words);
        this.options = Map.copyOf(options);
    }

    static Args parse(String... argv) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                words.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                options.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                options.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name + " (see 'qiao help')");
            }
        }
        return new Args(words, options);
    }

    List<String> words() {
        return words;
    }

    String word(int index, String what) {
        if (index >= words.size()) {
            throw new UsageException("missing " + what);
        }
        return words.get(index);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    Map<String, String> options() {
        return options;
    }

    /**
     * Parses a point in time: an ISO instant ({@code 2024-05-01T00:00:00Z}), a Beijing wall time
     * ({@code 2024-05-01T08:00:00} or {@code 2024-05-01 08:00:00}), a Beijing date ({@code 2024-05-01}, its
     * midnight), or a duration back from now ({@code 7d}, {@code 12h}).
     */
    static Instant instant(String option, String text, Clock clock) {
        String t = text.trim();
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(t.endsWith("Z") ? t.substring(0, t.length() - 1) + "+00:00" : t).toInstant();
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(Json.SHANGHAI).toInstant();
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
                return LocalDateTime.parse(t.replace(' ', 'T')).atZone(Json.SHANGHAI).toInstant();
            }
        } catch (DateTimeException e) {
            throw new UsageException("--" + option + " '" + text + "' is not a real date or time: " + e.getMessage());
        }
        if (t.matches("\\d+[smhd]")) {
            return clock.instant().minus(duration(option, t));
        }
        throw new UsageException("--" + option + " '" + text + "' is not a time such as 2024-05-01, "
                + "2024-05-01T08:00:00 (Beijing time), 2024-05-01T00:00:00Z or 7d (seven days ago)");
    }

    /** Parses "30s", "5m", "2h", "1d" (or an ISO-8601 duration such as PT5M). */
    static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> null;
            };
            if (d != null && !d.isZero() && !d.isNegative()) {
                return d;
            }
        } catch (RuntimeException ignored) {
            // falls through to the usage error below
        }
        throw new UsageException("--" + option + " '" + text + "' is not a duration such as 30s, 5m, 2h or 1d");
    }
}
