package io.qiao.samples;

import io.qiao.client.Json;
import io.qiao.sync.internal.TimeTexts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
    static final Set<String> FLAGS = Set.of("once", "simulate", "verbose", "help", "all", "resolved", "wait",
            "errors", "json");
    static final Set<String> VALUED = Set.of("config", "state-dir", "jdbc-url", "jdbc-user", "jdbc-password",
            "since", "every", "from", "to", "limit", "settle-delay", "files-dir", "warehouse-table",
            "inbound-dir", "outbound-dir", "log-dir", "quiet-period", "hours", "dept", "sink-writers",
            "jackyun-endpoint", "jackyun-app-key", "jackyun-app-secret",
            "jushuitan-endpoint", "jushuitan-app-key", "jushuitan-app-secret", "jushuitan-access-token",
            "jushuitan-types", "jushuitan-status",
            "kis-endpoint", "kis-client-id", "kis-client-secret", "kis-app-key", "kis-app-secret",
            "kis-router-address", "kis-outer-instance-id", "kis-material-field", "kis-stock-ids",
            "archive-endpoint", "archive-app-key", "archive-app-secret", "alert", "port", "bind");
    /** Options that may be given more than once; their values are joined by a space (none holds one: URLs). */
    static final Set<String> REPEATABLE = Set.of("alert");

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
                if (REPEATABLE.contains(name)) {
                    if (value.isBlank()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    options.merge(name, value.strip(), (earlier, later) -> earlier + " " + later);
                } else {
                    options.put(name, value);
                }
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
     * The ranges every duration option must fall in (inclusive): a zero or negative {@code --every} would run back to
     * back, a huge one overflows the arithmetic of the next turn; a settle delay over a day holds every window back
     * for nothing. Documented in the README's configuration table and in {@code qiao help}.
     */
    static final Map<String, DurationRange> DURATIONS = Map.of(
            "every", new DurationRange(Duration.ofSeconds(1), Duration.ofDays(366)),
            "quiet-period", new DurationRange(Duration.ofSeconds(1), Duration.ofDays(1)),
            "settle-delay", new DurationRange(Duration.ZERO, Duration.ofDays(1)));
    /** Any other duration option: positive, at most a leap year. */
    static final DurationRange POSITIVE = new DurationRange(Duration.ofSeconds(1), Duration.ofDays(366));

    /**
     * The earliest time any time option may name: no data the pipelines read is older, and a time before it is a
     * typo ({@code 99999999999d}) that would become a checkpoint no run could move past.
     */
    static final Instant EARLIEST = TimeTexts.EARLIEST;
    /** How far past now {@code --since} may be: a Beijing date "today" while UTC is still yesterday. */
    static final Duration SINCE_SLACK = Duration.ofDays(1);
    /** The latest {@code --from}/{@code --to}: a reconcile window may end in the future (2099-01-01: "open end"). */
    static final Instant LATEST_WINDOW_END = LocalDate.of(2100, 1, 1).atStartOfDay(Json.SHANGHAI).toInstant();

    /** An inclusive range of durations, and how it reads in a message ("between 1s and 366d"). */
    record DurationRange(Duration min, Duration max) {
        String describe() {
            return (min.isZero() ? "0" : spelled(min)) + " and " + spelled(max);
        }

        private static String spelled(Duration d) {
            long s = d.toSeconds();
            return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
        }
    }

    /**
     * Parses a point in time: an ISO instant ({@code 2024-05-01T00:00:00Z}), a Beijing wall time
     * ({@code 2024-05-01T08:00:00} or {@code 2024-05-01 08:00:00}), a Beijing date ({@code 2024-05-01}, its
     * midnight), or a duration back from now ({@code 7d}, {@code 12h}, {@code P7D}). It must lie between 2000-01-01
     * (Beijing) and now + 1 day for {@code --since}, and before 2100-01-01 for {@code --from} and {@code --to}; a
     * usage error naming the option otherwise.
     */
    static Instant instant(String option, String text, Clock clock) {
        Instant now = clock.instant();
        Instant latest = option.equals("since") ? now.plus(SINCE_SLACK) : LATEST_WINDOW_END;
        Instant t = parseInstant(option, text, now);
        if (t.isBefore(EARLIEST) || t.isAfter(latest)) {
            throw new UsageException("--" + option + " '" + text + "' is out of range: it must be between 2000-01-01 "
                    + "(Beijing) and " + (option.equals("since") ? "now + 1 day" : "2100-01-01"));
        }
        return t;
    }

    private static Instant parseInstant(String option, String text, Instant now) {
        try {
            return TimeTexts.instant(text, now);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + option + " '" + text + "' " + e.getMessage()
                    + (e.getMessage().contains("reaches before") ? ", the earliest time " + option + " may name" : ""));
        }
    }

    /**
     * Parses "30s", "5m", "2h", "1d" or an ISO-8601 duration ({@code PT5M}, {@code P1D}) and checks it against the
     * option's range ({@link #DURATIONS}; positive and at most 366d for others): a usage error naming the option and
     * the range otherwise.
     */
    static Duration duration(String option, String text) {
        DurationRange range = DURATIONS.getOrDefault(option, POSITIVE);
        Duration d = TimeTexts.duration(text).orElseThrow(() -> new UsageException("--" + option + " '" + text
                + "' is not a duration such as 30s, 5m, 2h, 1d or PT5M"));
        if (d.compareTo(range.min()) < 0 || d.compareTo(range.max()) > 0) {
            throw new UsageException("--" + option + " '" + text + "' is out of range: it must be between "
                    + range.describe());
        }
        return d;
    }
}
