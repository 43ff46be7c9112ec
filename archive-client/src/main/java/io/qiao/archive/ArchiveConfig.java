package io.qiao.archive;

import io.qiao.archive.internal.IniFile;
import io.qiao.client.Json;
import io.qiao.client.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of an existing archive integration, read from the files its Python scripts use, so that Qiao
 * replaces the scripts without a new configuration format:
 *
 * <pre>
 * [auth]    base_url, app_key, app_secret, token_refresh_interval (seconds)
 * [paths]   inbound_dir, outbound_dir, log_dir
 * [sync]    interval (seconds), batch_size
 * [source]  db_host, db_port, db_name, db_user, db_password, sync_tables (comma-separated), last_sync_time_file
 * [soap]    (optional) the archive system's SOAP web service instead of its REST API, see {@link #soap()}
 * </pre>
 *
 * <p>{@code archive_config.ini} and {@code sync_config.ini} may be given together ({@link #load(Path...)}; later files
 * win). The same keys can come from {@link Properties} as {@code auth.base_url} etc. Secrets need not be in the file:
 * a value {@code ${NAME}} is read from the environment variable {@code NAME}, and a missing {@code app_secret} /
 * {@code db_password} falls back to {@code ARCHIVE_APP_SECRET} / {@code ARCHIVE_DB_PASSWORD}.
 *
 * <p>Values are checked when read, and a bad one is named with its file and line. {@link #toString()} masks secrets.
 */
public final class ArchiveConfig {
    public static final String APP_SECRET_ENV = "ARCHIVE_APP_SECRET";
    public static final String DB_PASSWORD_ENV = "ARCHIVE_DB_PASSWORD";
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s+[#;].*$");

    private final IniFile ini;
    private final String origin;
    private final Function<String, String> environment;

    private ArchiveConfig(IniFile ini, String origin, Function<String, String> environment) {
        this.ini = ini;
        this.origin = origin;
        this.environment = environment;
    }

    /** Reads one or more INI files, later ones overriding earlier ones; secrets may come from the environment. */
    public static ArchiveConfig load(Path... files) {
        return load(System::getenv, files);
    }

    /** As {@link #load(Path...)}, with the environment given (tests, or a secrets store in front of it). */
    public static ArchiveConfig load(Function<String, String> environment, Path... files) {
        if (files.length == 0) {
            throw new IllegalArgumentException("no configuration file given");
        }
        IniFile ini = IniFile.read(files[0]);
        for (int i = 1; i < files.length; i++) {
            ini.merge(IniFile.read(files[i]));
        }
        return new ArchiveConfig(ini, String.join(", ", Arrays.stream(files).map(Path::toString).toList()),
                Objects.requireNonNull(environment, "environment"));
    }

    /** Parses INI text (for configuration held elsewhere than in a file). */
    public static ArchiveConfig parse(String iniText, String sourceName, Function<String, String> environment) {
        return new ArchiveConfig(IniFile.parse(iniText, sourceName), sourceName, environment);
    }

    /**
     * Reads {@code section.key} properties ({@code auth.base_url}, {@code sync.batch_size}...), each optionally
     * behind {@code prefix} ({@code "qiao.archive."}).
     */
    public static ArchiveConfig fromProperties(Properties properties, String prefix, Function<String, String> environment) {
        StringBuilder ini = new StringBuilder();
        String p = prefix == null ? "" : prefix;
        for (String section : List.of("auth", "paths", "sync", "source", "soap")) {
            ini.append('[').append(section).append("]\n");
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith(p + section + ".")) {
                    // Properties know no %(name)s interpolation: a '%' in them means itself.
                    String value = properties.getProperty(name).replace("\n", " ").replace("%", "%%");
                    ini.append(name.substring(p.length() + section.length() + 1)).append(" = ").append(value).append('\n');
                }
            }
        }
        return parse(ini.toString(), "properties", environment);
    }

    public static ArchiveConfig fromProperties(Properties properties) {
        return fromProperties(properties, "", System::getenv);
    }

    /** A client builder with endpoint ({@code base_url}), credentials and token lifetime set from this configuration. */
    public ArchiveClient.Builder clientBuilder() {
        return ArchiveClient.builder().config(this);
    }

    // [auth]

    public String baseUrl() {
        String url = stripComment(require("auth", "base_url"));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw invalid("auth", "base_url", "is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw invalid("auth", "base_url", "must be an http(s) URL with a host");
        }
        return url;
    }

    public String appKey() {
        return require("auth", "app_key");
    }

    public Secret appSecret() {
        return secret("auth", "app_secret", APP_SECRET_ENV)
                .orElseThrow(() -> missing("auth", "app_secret", " (nor is " + APP_SECRET_ENV + " set)"));
    }

    /** {@code token_refresh_interval}: the longest a token is used before a new one is fetched. */
    public Optional<Duration> tokenRefreshInterval() {
        return positiveInt("auth", "token_refresh_interval").stream().mapToObj(Duration::ofSeconds).findFirst();
    }

    // [soap]

    /**
     * The {@code [soap]} section as a {@link SoapMapping}, when there is one: the archive system is then called over
     * SOAP. Every key is optional and starts from {@link SoapMapping#defaults()}:
     *
     * <pre>
     * [soap]
     * endpoint = https://archive.example.com/services/ArchiveService   ; default: [auth] base_url
     * version = 1.2                                  ; 1.1 (default) or 1.2
     * namespace = http://dangan.example.com/ws
     * operation.create = SaveDocument                ; authenticate, query, create, upload, lookup
     * action.create = http://dangan.example.com/ws/SaveDocument
     * element.archiveNo = DangHao                    ; any of SoapMapping.LOGICAL_NAMES
     * token = header:Token                           ; or parameter:accessToken
     * files = base64
     * fault_code = errorCode                         ; the detail element with the vendor code
     * fault_message = errorMessage                   ; default: faultstring / Reason
     * fault_status = DUPLICATE_ARCHIVE_NO:409, TOKEN_EXPIRED:401
     * </pre>
     *
     * @throws IllegalArgumentException naming the key, its file and line, for an unknown key or a bad value
     */
    public Optional<SoapMapping> soap() {
        if (!ini.sections().contains("soap")) {
            return Optional.empty();
        }
        SoapMapping.Builder b = SoapMapping.builder();
        for (String key : ini.keys("soap")) {
            String v = value("soap", key).map(ArchiveConfig::stripComment).orElse("");
            try {
                applySoapKey(b, key, v);
            } catch (IllegalArgumentException e) {
                throw invalid("soap", key, e.getMessage());
            }
        }
        return Optional.of(b.build());
    }

    private static void applySoapKey(SoapMapping.Builder b, String key, String v) {
        int dot = key.indexOf('.');
        String prefix = dot < 0 ? key : key.substring(0, dot);
        String name = dot < 0 ? "" : key.substring(dot + 1);
        switch (prefix) {
            case "endpoint" -> b.endpoint(URI.create(v));
            case "version" -> b.version(SoapMapping.parseVersion(v));
            case "namespace" -> b.namespace(v);
            case "operation", "action" -> {
                SoapMapping.Operation op = Arrays.stream(SoapMapping.Operation.values())
                        .filter(o -> o.key().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("names no operation (authenticate, query, "
                                + "create, upload, lookup)"));
                SoapMapping current = b.build();
                if (prefix.equals("operation")) {
                    b.operation(op, v, current.action(op));
                } else {
                    b.operation(op, current.operation(op), v);
                }
            }
            case "element" -> {
                // INI keys are read in lower case; the logical names are camelCase.
                String logical = SoapMapping.LOGICAL_NAMES.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("names no logical element; known: "
                                + SoapMapping.LOGICAL_NAMES.stream().sorted().toList()));
                b.element(logical, v);
            }
            case "token" -> {
                int colon = v.indexOf(':');
                String place = colon < 0 ? "" : v.substring(0, colon).strip();
                if (!place.equals("header") && !place.equals("parameter")) {
                    throw new IllegalArgumentException("must be header:<element> or parameter:<element>");
                }
                b.token(place.equals("header") ? SoapMapping.TokenPlace.HEADER : SoapMapping.TokenPlace.PARAMETER,
                        v.substring(colon + 1));
            }
            case "files" -> {
                if (!v.equalsIgnoreCase("base64") && !v.equalsIgnoreCase("mtom")) {
                    throw new IllegalArgumentException("must be base64 or mtom");
                }
                b.fileTransfer(v.equalsIgnoreCase("mtom") ? SoapMapping.FileTransfer.MTOM
                        : SoapMapping.FileTransfer.BASE64);
            }
            case "fault_code" -> b.faultCodeElement(v);
            case "fault_message" -> b.faultMessageElement(v.isEmpty() ? null : v);
            case "fault_status" -> {
                for (String pair : v.split(",")) {
                    String[] kv = pair.strip().split(":");
                    if (kv.length != 2) {
                        throw new IllegalArgumentException("must be CODE:status pairs separated by commas");
                    }
                    try {
                        b.faultStatus(kv[0].strip(), Integer.parseInt(kv[1].strip()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("status of " + kv[0].strip() + " is not a number");
                    }
                }
            }
            default -> throw new IllegalArgumentException("is not a [soap] key (known: " + SoapMapping.INI_KEYS
                    + ", operation.*, action.*, element.*)");
        }
    }

    // [paths]

    public Optional<Path> inboundDir() {
        return path("paths", "inbound_dir");
    }

    public Optional<Path> outboundDir() {
        return path("paths", "outbound_dir");
    }

    public Optional<Path> logDir() {
        return path("paths", "log_dir");
    }

    // [sync]

    /** {@code [sync] interval}: how often the sync job runs. */
    public Optional<Duration> syncInterval() {
        return positiveInt("sync", "interval").stream().mapToObj(Duration::ofSeconds).findFirst();
    }

    /** {@code [sync] batch_size}: records per sink batch. */
    public OptionalInt batchSize() {
        return positiveInt("sync", "batch_size");
    }

    // [source]

    public Optional<String> dbHost() {
        return value("source", "db_host");
    }

    public OptionalInt dbPort() {
        OptionalInt port = positiveInt("source", "db_port");
        if (port.isPresent() && port.getAsInt() > 65535) {
            throw invalid("source", "db_port", "is not a TCP port (1-65535)");
        }
        return port;
    }

    public Optional<String> dbName() {
        return value("source", "db_name");
    }

    public Optional<String> dbUser() {
        return value("source", "db_user");
    }

    public Optional<Secret> dbPassword() {
        return secret("source", "db_password", DB_PASSWORD_ENV);
    }

    /** {@code jdbc:mysql://db_host:db_port/db_name} (port 3306 unless set), for the business database. */
    public Optional<String> jdbcUrl() {
        return dbHost().map(host -> "jdbc:mysql://" + host + ":" + dbPort().orElse(3306) + "/"
                + dbName().orElseThrow(() -> missing("source", "db_name", "")));
    }

    /** {@code sync_tables}, split at commas. */
    public List<String> syncTables() {
        return value("source", "sync_tables")
                .map(v -> Arrays.stream(v.split("[,，]")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /**
     * {@code last_sync_time_file}: where the old scripts kept their watermark. Qiao keeps its own checkpoints; this
     * is for reading the old watermark once when migrating.
     */
    public Optional<Path> lastSyncTimeFile() {
        return path("source", "last_sync_time_file");
    }

    /**
     * The watermark the old scripts left in {@link #lastSyncTimeFile()}: Python's {@code datetime.isoformat()} of a
     * local time ({@code 2024-03-01T10:00:00.123456}), for seeding Qiao's checkpoint once when migrating. Empty when
     * the key or the file is absent, as the scripts treated it (they then went back 24 hours).
     */
    public Optional<LocalDateTime> legacyWatermark() {
        Optional<Path> file = lastSyncTimeFile();
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the old watermark file " + file.get(), e);
        }
        try {
            return Optional.of(LocalDateTime.parse(text.replace(' ', 'T')));
        } catch (DateTimeParseException e) {
            try { // isoformat() of an aware datetime carries an offset
                return Optional.of(OffsetDateTime.parse(text.replace(' ', 'T'))
                        .atZoneSameInstant(Json.SHANGHAI).toLocalDateTime());
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("the old watermark file " + file.get() + " holds '" + text
                        + "', not an ISO date-time such as 2024-03-01T10:00:00", e2);
            }
        }
    }

    /** Any other value, e.g. a key this class does not know; environment references resolved. */
    public Optional<String> value(String section, String key) {
        return ini.entry(section, key).map(e -> resolveEnv(section, key, e.value())).filter(v -> !v.isEmpty());
    }

    /** Lines that were skipped as neither comment nor key-value pair, as "file line N: text", for diagnosis. */
    public List<String> ignoredLines() {
        return ini.ignoredLines().stream().map(l -> l.source() + " line " + l.line() + ": " + l.text()).toList();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ArchiveConfig{").append(origin);
        for (String section : ini.sections()) {
            sb.append(", [").append(section).append(']');
        }
        return sb.append(", secrets masked}").toString();
    }

    private Optional<Secret> secret(String section, String key, String fallbackEnv) {
        Optional<String> v = value(section, key);
        if (v.isPresent()) {
            return v.map(Secret::of);
        }
        String env = environment.apply(fallbackEnv);
        return env == null || env.isEmpty() ? Optional.empty() : Optional.of(Secret.of(env));
    }

    private Optional<Path> path(String section, String key) {
        return value(section, key).map(v -> {
            try {
                return Path.of(v);
            } catch (RuntimeException e) {
                throw invalid(section, key, "is not a path");
            }
        });
    }

    private OptionalInt positiveInt(String section, String key) {
        Optional<String> v = value(section, key).map(ArchiveConfig::stripComment);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < 1) {
                throw invalid(section, key, "must be a positive whole number");
            }
            return OptionalInt.of(n);
        } catch (NumberFormatException e) {
            throw invalid(section, key, "must be a positive whole number");
        }
    }

    private String require(String section, String key) {
        return value(section, key).orElseThrow(() -> missing(section, key, ""));
    }

    private String resolveEnv(String section, String key, String value) {
        Matcher m = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = environment.apply(m.group(1));
            if (v == null) {
                throw new IllegalStateException("[" + section + "] " + key + " refers to the environment variable "
                        + m.group(1) + ", which is not set (" + location(section, key) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Numbers and URLs tolerate a trailing {@code  # comment}; secrets never lose characters this way. */
    private static String stripComment(String value) {
        return INLINE_COMMENT.matcher(value).replaceFirst("").strip();
    }

    private IllegalArgumentException invalid(String section, String key, String problem) {
        String raw = ini.get(section, key).orElse("");
        return new IllegalArgumentException("[" + section + "] " + key + " = '" + raw + "' " + problem + " ("
                + location(section, key) + ")");
    }

    private IllegalStateException missing(String section, String key, String extra) {
        return new IllegalStateException("[" + section + "] " + key + " is missing in " + origin + extra);
    }

    private String location(String section, String key) {
        return ini.entry(section, key).map(IniFile.Entry::location).orElse(origin);
    }
}
