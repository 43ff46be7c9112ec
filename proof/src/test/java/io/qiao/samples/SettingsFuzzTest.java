package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import io.qiao.proof.FuzzSeed;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * The samples CLI's configuration ({@code --config} properties or INI file, {@code QIAO_*} environment, options)
 * against random and mutated files and values: every input ends in settings or in a usage error (exit status 64)
 * that names the file or the setting, never another exception. In the samples' package because Settings and Args
 * are package-private there; it lives in the proof module with the other fuzzing.
 */
class SettingsFuzzTest {
    static final String PROPERTIES = """
            jackyun.endpoint = https://open.jackyun.com/open/openapi/do
            jackyun.app-key = k
            jackyun.app-secret = s
            every = 5m
            since = 2024-05-01
            settle-delay = 30s
            kis.stock-ids = 1:001,2:002
            """;
    static final String[] FRAGMENTS = {"=", ":", "\\", "\\u", "\\u12", "\\uZZZZ", "\n", "\r", "#", "!", " ", "\t",
            "every", "since", "settle-delay", "5m", "-1d", "99999999999d", "2024-13-45", "7d", "长", "\u0000", "\uFEFF",
            "${X}", "%(a)s", "[auth]", "base_url", "jdbc.url", "jdbc:mysql://", "\\\n"};

    @Property(tries = 150, seed = FuzzSeed.VALUE)
    void aMutatedPropertiesFile_givesSettingsOrAUsageError(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder text = new StringBuilder(PROPERTIES);
        for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
            text.insert(r.nextInt(text.length() + 1), FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        }
        exercise(text.toString().getBytes(StandardCharsets.UTF_8), ".properties");
    }

    @Property(tries = 80, seed = FuzzSeed.VALUE)
    void randomBytes_asPropertiesOrIni_giveSettingsOrAUsageError(@ForAll @Size(max = 800) byte[] bytes,
                                                                  @ForAll boolean ini) throws IOException {
        exercise(bytes, ini ? ".ini" : ".properties");
    }

    @Property(tries = 1, seed = FuzzSeed.VALUE)
    void aMalformedUnicodeEscape_isAUsageErrorNamingTheFile() throws IOException {
        exercise("jackyun.app-key = \\uZZZZ\n".getBytes(StandardCharsets.UTF_8), ".properties");
    }

    private static void exercise(byte[] content, String suffix) throws IOException {
        Path file = Files.createTempFile("qiao-settings-fuzz", suffix);
        try {
            Files.write(file, content);
            Settings settings;
            try {
                settings = Settings.load(Args.parse("status", "--config", file.toString()), Map.of());
            } catch (UsageException e) {
                assertThat(e.getMessage()).contains("--config");
                return;
            } catch (RuntimeException e) {
                throw new AssertionError("not a usage error: " + e, e);
            }
            for (String key : new String[] {"every", "settle-delay"}) {
                settings.get(key).ifPresent(v -> usageErrorOrValue(() -> Args.duration(key, v), key));
            }
            settings.get("since").ifPresent(v -> usageErrorOrValue(() -> Args.instant("since", v,
                    Clock.systemUTC()), "since"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Exactly the reported defect: Properties.load's escape error, escaping from Settings.readConfig. */
    private static void usageErrorOrValue(Runnable read, String key) {
        try {
            read.run();
        } catch (UsageException e) {
            assertThat(e.getMessage()).contains(key);
        } catch (RuntimeException e) {
            throw new AssertionError("reading " + key + ": not a usage error: " + e, e);
        }
    }
}
