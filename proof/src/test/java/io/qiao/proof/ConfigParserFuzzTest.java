package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.archive.ArchiveConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * The INI/properties configuration parser (archive-client's {@link ArchiveConfig}, which the samples CLI also uses
 * for {@code --config archive_config.ini}) against random and mutated configuration: every input ends in a
 * configuration whose every accessor answers, or in a clear configuration error (IllegalArgumentException or
 * IllegalStateException with a message that says where), never another exception type.
 */
class ConfigParserFuzzTest {
    /** The old integration guide's file, the seed that the mutations start from. */
    static final String GUIDE = """
            [auth]
            base_url = https://archive.example.com/api
            app_key = ak-123
            app_secret = ${ARCHIVE_APP_SECRET}
            token_refresh_interval = 3600

            [paths]
            inbound_dir = /data/archive/inbound
            outbound_dir = /data/archive/outbound
            log_dir = %(inbound_dir)s/../logs

            [sync]
            # 同步时间间隔(秒)
            interval = 300
            batch_size = 100
            last_sync_time_file = last_sync.txt

            [source]
            db_host = 127.0.0.1
            db_port = 3306
            db_name = erp
            db_user = reader
            db_password = ${ARCHIVE_DB_PASSWORD}
            sync_tables = documents, attachments
            """;

    private static final Function<String, String> ENV = Map.of("ARCHIVE_APP_SECRET", "s3cret",
            "ARCHIVE_DB_PASSWORD", "pw")::get;

    private static final String[] FRAGMENTS = {"[", "]", "[auth]", "[sync]", "[DEFAULT]", "[source]", "=", ":", " = ",
            "%(", ")s", "%%", "%(base_url)s", "${", "}", "${ARCHIVE_APP_SECRET}", "${NOPE}", "#", ";", "\n", "\r\n", "\r",
            "\t", "  ", "\uFEFF", "\u0000", "同步时间间隔(秒)", "-1", "0", "65536", "99999999999999999999", "1e3", "abc",
            "http://", "ftp://x", "https://", "base_url", "db_port", "batch_size", "interval", "inbound_dir",
            "token_refresh_interval", "sync_tables", "app_secret", "last_sync_time_file", "\\", "\"", "'", "/", "..",
            "\uD800", "长".repeat(3)};

    @Property(tries = 400, seed = FuzzSeed.VALUE)
    void mutatedGuide_parsesOrFailsWithAClearConfigError(@ForAll long seed) {
        Random r = new Random(seed);
        StringBuilder text = new StringBuilder(GUIDE);
        for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
            int at = r.nextInt(text.length() + 1);
            switch (r.nextInt(3)) {
                case 0 -> text.insert(at, FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                case 1 -> text.delete(at, Math.min(text.length(), at + 1 + r.nextInt(20)));
                default -> text.replace(at, Math.min(text.length(), at + 1 + r.nextInt(8)),
                        FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
            }
        }
        exercise(() -> ArchiveConfig.parse(text.toString(), "fuzz.ini", ENV));
    }

    @Property(tries = 200, seed = FuzzSeed.VALUE)
    void randomFragments_parseOrFailWithAClearConfigError(@ForAll long seed) {
        Random r = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = r.nextInt(60); i < n; i++) {
            text.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        }
        exercise(() -> ArchiveConfig.parse(text.toString(), "fuzz.ini", ENV));
    }

    @Property(tries = 100, seed = FuzzSeed.VALUE)
    void randomBytesInAFile_loadOrFailWithAClearConfigError(@ForAll @Size(max = 2000) byte[] bytes, @ForAll boolean guidePrefix)
            throws IOException {
        Path file = Files.createTempFile("qiao-fuzz", ".ini");
        try {
            byte[] prefix = guidePrefix ? GUIDE.getBytes(StandardCharsets.UTF_8) : new byte[0];
            byte[] all = new byte[prefix.length + bytes.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(bytes, 0, all, prefix.length, bytes.length);
            Files.write(file, all);
            exercise(() -> ArchiveConfig.load(ENV, file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 200, seed = FuzzSeed.VALUE)
    void randomProperties_parseOrFailWithAClearConfigError(@ForAll long seed) {
        Random r = new Random(seed);
        Properties p = new Properties();
        String[] keys = {"auth.base_url", "auth.app_key", "auth.app_secret", "sync.interval", "sync.batch_size",
                "source.db_port", "source.db_host", "paths.inbound_dir", "auth.token_refresh_interval", "sync.x"};
        for (int i = 0, n = r.nextInt(8); i < n; i++) {
            StringBuilder v = new StringBuilder();
            for (int j = 0, m = r.nextInt(4); j < m; j++) {
                v.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
            }
            p.setProperty((r.nextBoolean() ? "qiao.archive." : "") + keys[r.nextInt(keys.length)], v.toString());
        }
        exercise(() -> ArchiveConfig.fromProperties(p, "qiao.archive.", ENV));
    }

    @Property(tries = 1, seed = FuzzSeed.VALUE)
    void theGuideItself_parsesCompletely() {
        ArchiveConfig c = ArchiveConfig.parse(GUIDE, "guide.ini", ENV);
        assertThat(c.baseUrl()).isEqualTo("https://archive.example.com/api");
        assertThat(c.dbPort()).hasValue(3306);
        assertThat(c.appSecret().reveal()).isEqualTo("s3cret");
    }

    @Property(tries = 1, seed = FuzzSeed.VALUE)
    void aPathWithANulCharacter_isAClearConfigError() {
        exercise(() -> ArchiveConfig.parse(GUIDE.replace("/data/archive/inbound", "/data/in\u0000bound"), "fuzz.ini",
                ENV));
    }

    /** Parses and reads every setting; only configuration errors with a message may come out. */
    private static void exercise(java.util.function.Supplier<ArchiveConfig> parse) {
        try {
            ArchiveConfig c = parse.get();
            List<Runnable> reads = List.of(c::baseUrl, c::appKey, c::appSecret, c::tokenRefreshInterval, c::inboundDir,
                    c::outboundDir, c::logDir, c::syncInterval, c::batchSize, c::dbHost, c::dbPort, c::dbName,
                    c::dbUser, c::dbPassword, c::jdbcUrl, c::syncTables, c::lastSyncTimeFile, c::ignoredLines,
                    c::toString);
            for (Runnable read : reads) {
                try {
                    read.run();
                } catch (RuntimeException e) {
                    assertClearConfigError(e);
                }
            }
        } catch (RuntimeException e) {
            assertClearConfigError(e);
        }
    }

    private static void assertClearConfigError(RuntimeException e) {
        if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException)
                || e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("not a clear configuration error: " + e, e);
        }
        // a clear error says where: the file, a [section] or a key
        assertThat(e.getMessage()).as("message of %s", e).containsAnyOf("fuzz.ini", "properties", "[", "line", "_",
                "environment", "configuration");
    }
}
