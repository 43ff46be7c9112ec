package io.qiao.samples;

import io.qiao.archive.ArchiveConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the archive integration's existing {@code archive_config.ini} / {@code sync_config.ini} into CLI settings,
 * so that users keep the files they already have. The parsing is archive-client's own {@link ArchiveConfig} (the
 * guide's files verbatim: GBK or UTF-8, BOM, lost comment markers, {@code ${ENV}} secrets); this class only maps:
 *
 * <pre>
 * [auth]   base_url, app_key, app_secret        -> archive.endpoint, archive.app-key, archive.app-secret
 * [source] db_host, db_port, db_name, db_user, db_password -> jdbc.url (MySQL), jdbc.user, jdbc.password
 * [soap]   (any key)                             -> archive.soap-config: the archive is called over SOAP with the
 *                                                   mapping of this section ({@link ArchiveConfig#soap()})
 * [paths]  inbound_dir, outbound_dir, log_dir  -> inbound-dir, outbound-dir, log-dir
 * </pre>
 *
 * {@code [sync] interval} is not a default schedule: {@code qiao sync} runs once unless {@code --every} is given.
 */
final class IniConfig {
    private IniConfig() {
    }

    static Map<String, String> read(Path file, Function<String, String> environment) {
        ArchiveConfig ini;
        try {
            ini = ArchiveConfig.load(environment, file);
        } catch (RuntimeException e) {
            throw new UsageException("cannot read --config " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        try {
            ini.value("auth", "base_url").ifPresent(v -> out.put("archive.endpoint", ini.baseUrl()));
            ini.value("auth", "app_key").ifPresent(v -> out.put("archive.app-key", v));
            ini.value("auth", "app_secret").or(() -> Optional.ofNullable(environment.apply(ArchiveConfig.APP_SECRET_ENV)))
                    .filter(v -> !v.isEmpty())
                    .ifPresent(v -> out.put("archive.app-secret", ini.appSecret().reveal()));
            // Checked here, so that a bad [soap] key fails the command line before any run starts.
            ini.soap().ifPresent(mapping -> out.put("archive.soap-config", file.toAbsolutePath().toString()));
            ini.jdbcUrl().ifPresent(url -> out.put("jdbc.url", url));
            ini.inboundDir().ifPresent(dir -> out.put("inbound-dir", dir.toString()));
            ini.outboundDir().ifPresent(dir -> out.put("outbound-dir", dir.toString()));
            ini.logDir().ifPresent(dir -> out.put("log-dir", dir.toString()));
            ini.dbUser().ifPresent(v -> out.put("jdbc.user", v));
            ini.dbPassword().ifPresent(v -> out.put("jdbc.password", v.reveal()));
        } catch (RuntimeException e) {
            throw new UsageException("--config " + file + ": " + e.getMessage());
        }
        return out;
    }
}
