package io.qiao.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the archive integration's existing {@code archive_config.ini} / {@code sync_config.ini} into CLI
 * settings, so that users keep the files they already have:
 *
 * <pre>
 * [auth]   base_url, app_key, app_secret        -> archive.endpoint, archive.app-key, archive.app-secret
 * [sync]   interval, batch_size                 -> every (seconds), batch-size
 * [source] db_host, db_port, db_name, db_user, db_password -> jdbc.url (MySQL), jdbc.user, jdbc.password
 * </pre>
 */
final class IniConfig {
    private IniConfig() {
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> ini = parse(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, String> out = new LinkedHashMap<>();
        copy(ini, "auth.base_url", out, "archive.endpoint");
        copy(ini, "auth.app_key", out, "archive.app-key");
        copy(ini, "auth.app_secret", out, "archive.app-secret");
        copy(ini, "sync.batch_size", out, "batch-size");
        if (ini.containsKey("sync.interval")) {
            out.put("every", ini.get("sync.interval") + "s");
        }
        if (ini.containsKey("source.db_host")) {
            out.put("jdbc.url", "jdbc:mariadb://" + ini.get("source.db_host") + ":"
                    + ini.getOrDefault("source.db_port", "3306") + "/" + ini.getOrDefault("source.db_name", ""));
        }
        copy(ini, "source.db_user", out, "jdbc.user");
        copy(ini, "source.db_password", out, "jdbc.password");
        return out;
    }

    /**
     * "section.key" -> value. Lines that are neither a section, a key = value pair nor a comment are
     * skipped: copies of these files found in the wild have lost the '#' of their Chinese comments.
     */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String section = "";
        for (String raw : text.replace("\uFEFF", "").split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip().toLowerCase(java.util.Locale.ROOT);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(section + "." + line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT),
                        line.substring(eq + 1).strip());
            }
        }
        return out;
    }

    private static void copy(Map<String, String> ini, String from, Map<String, String> out, String to) {
        String v = ini.get(from);
        if (v != null && !v.isEmpty()) {
            out.put(to, v);
        }
    }
}
