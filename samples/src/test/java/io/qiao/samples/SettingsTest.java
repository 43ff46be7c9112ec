package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void optionsBeatEnvironment_whichBeatsTheConfigFile() throws IOException {
        Path props = dir.resolve("qiao.properties");
        Files.writeString(props, "jackyun.endpoint=http://file\njackyun.app-key=from-file\nkis.client-id=file-id\n");
        Settings s = Settings.load(Args.parse("--config", props.toString(), "--jackyun-app-key", "from-option"),
                Map.of("QIAO_JACKYUN_APP_KEY", "from-env", "QIAO_KIS_CLIENT_ID", "env-id",
                        "QIAO_JACKYUN_APP_SECRET", "secret-value"));

        assertThat(s.get("jackyun.endpoint")).contains("http://file");
        assertThat(s.get("jackyun.app-key")).contains("from-option");
        assertThat(s.get("kis.client-id")).contains("env-id");
        assertThat(s.secret("jackyun.app-secret").orElseThrow().reveal()).isEqualTo("secret-value");
        assertThat(s.toString()).doesNotContain("secret-value").contains("jackyun.app-secret");
    }

    @Test
    void theGuidesArchiveConfigIni_isReadVerbatim_byArchiveClientsLoader() throws IOException {
        Path ini = dir.resolve("archive_config.ini");
        Files.writeString(ini, """
                [auth]
                base_url = https://archive.example.com
                app_key = your_app_key
                app_secret = your_app_secret
                token_refresh_interval = 3600
                [paths]
                inbound_dir = /data/archive_interface/inbound
                outbound_dir = /data/archive_interface/outbound
                log_dir = /data/archive_interface/logs
                [source]
                db_host = 10.0.0.5
                db_name = oa
                db_user = sync
                db_password = ${DB_PASS}
                """, StandardCharsets.UTF_8);
        Settings s = Settings.load(Args.parse("--config", ini.toString()), Map.of("DB_PASS", "pw"));

        assertThat(s.get("archive.endpoint")).contains("https://archive.example.com");
        assertThat(s.get("archive.app-key")).contains("your_app_key");
        assertThat(s.secret("archive.app-secret").orElseThrow().reveal()).isEqualTo("your_app_secret");
        assertThat(s.get("jdbc.url")).contains("jdbc:mysql://10.0.0.5:3306/oa");
        assertThat(s.get("jdbc.user")).contains("sync");
        assertThat(s.get("jdbc.password")).contains("pw");
    }

    @Test
    void aMissingConfigFile_isBadUsage() {
        assertThatThrownBy(() -> Settings.load(Args.parse("--config", dir.resolve("nope.ini").toString()), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("nope.ini");
    }

    @Test
    void environmentNames_mapToDottedKeys() {
        assertThat(Settings.keyOfEnv("QIAO_JUSHUITAN_ACCESS_TOKEN")).isEqualTo("jushuitan.access-token");
        assertThat(Settings.keyOfEnv("QIAO_KIS_CLIENT_SECRET")).isEqualTo("kis.client-secret");
        assertThat(Settings.keyOfEnv("QIAO_STATE_DIR")).isEqualTo("state-dir");
    }

    @Test
    void warehouseTable_thatIsNoPlainTableName_isBadUsage_namingWhereItCameFrom() throws IOException {
        String hostile = "w_tmp (x int); DROP TABLE victim; CREATE TABLE w_pwn";
        assertThatThrownBy(() -> Settings.load(Args.parse("--warehouse-table", hostile), Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("--warehouse-table '" + hostile + "' is not a valid table name: ' ' (U+0020 SPACE) at "
                        + "position 6 is not allowed; use table or schema.table, each part 1-63 ASCII letters, digits, "
                        + "'_' or '$', starting with a letter or '_'");
        assertThatThrownBy(() -> Settings.load(Args.parse(), Map.of("QIAO_WAREHOUSE_TABLE", "w`; DROP TABLE x; --")))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("QIAO_WAREHOUSE_TABLE 'w`; DROP");
        Path props = dir.resolve("qiao.properties");
        Files.writeString(props, "warehouse-table=w\u0430rehouse\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Settings.load(Args.parse("--config", props.toString()), Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("warehouse-table in --config 'w\u0430rehouse' is not a valid table name: "
                        + "'\u0430' (U+0430 CYRILLIC SMALL LETTER A) at position 2 is not allowed");
        for (String refused : new String[] {"", "w--x", "w/*x*/", "w;", "\"w\"", "[w]", "\uFF57arehouse", "a.b.c"}) {
            assertThatThrownBy(() -> Settings.of(Map.of("warehouse-table", refused)))
                    .as(refused).isInstanceOf(UsageException.class).hasMessageStartingWith("warehouse-table '");
        }
        assertThat(Settings.load(Args.parse("--warehouse-table", "erp.warehouse_2"), Map.of()).get("warehouse-table"))
                .contains("erp.warehouse_2");
    }
}
