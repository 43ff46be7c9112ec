package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveConfigTest {
    /** config/archive_config.ini exactly as the integration guide (seed 000) prints it. */
    static final String ARCHIVE_CONFIG_INI = """
            [auth]
            base_url = https://archive.example.com
            app_key = your_app_key
            app_secret = your_app_secret
            token_refresh_interval = 3600
            [paths]
            inbound_dir = /data/archive_interface/inbound
            outbound_dir = /data/archive_interface/outbound
            log_dir = /data/archive_interface/logs
            """;

    /**
     * config/sync_config.ini exactly as the guide prints it: the web page lost the '#' of its Chinese comment lines,
     * which therefore stand as bare text.
     */
    static final String SYNC_CONFIG_INI_AS_PRINTED = """
            [sync]
            同步时间间隔(秒)
            interval = 300
            每次同步的最大记录数
            batch_size = 500
            数据源配置
            [source]
            源数据库连接
            db_host = localhost
            db_port = 3306
            db_name = business_db
            db_user = sync_user
            db_password = your_password
            需要同步的表和字段
            sync_tables = documents,attachments
            last_sync_time_file = /data/archive_interface/last_sync.txt
            """;

    /** The same file as the scripts' authors wrote it, with its comments marked. */
    static final String SYNC_CONFIG_INI_WITH_COMMENTS = """
            [sync]
            # 同步时间间隔(秒)
            interval = 300
            # 每次同步的最大记录数
            batch_size = 500
            # 数据源配置
            [source]
            ; 源数据库连接
            db_host = localhost
            db_port = 3306
            db_name = business_db
            db_user = sync_user
            db_password = your_password
            # 需要同步的表和字段
            sync_tables = documents,attachments
            last_sync_time_file = /data/archive_interface/last_sync.txt
            """;

    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path dir;

    @Test
    void load_theGuidesTwoFilesVerbatim_readsEverySetting() throws Exception {
        Path archive = write("archive_config.ini", ARCHIVE_CONFIG_INI, StandardCharsets.UTF_8);
        Path sync = write("sync_config.ini", SYNC_CONFIG_INI_AS_PRINTED, StandardCharsets.UTF_8);

        ArchiveConfig c = ArchiveConfig.load(NO_ENV, archive, sync);

        assertThat(c.baseUrl()).isEqualTo("https://archive.example.com");
        assertThat(c.appKey()).isEqualTo("your_app_key");
        assertThat(c.appSecret().reveal()).isEqualTo("your_app_secret");
        assertThat(c.tokenRefreshInterval()).contains(Duration.ofHours(1));
        assertThat(c.inboundDir()).contains(Path.of("/data/archive_interface/inbound"));
        assertThat(c.outboundDir()).contains(Path.of("/data/archive_interface/outbound"));
        assertThat(c.logDir()).contains(Path.of("/data/archive_interface/logs"));
        assertThat(c.syncInterval()).contains(Duration.ofMinutes(5));
        assertThat(c.batchSize()).hasValue(500);
        assertThat(c.dbHost()).contains("localhost");
        assertThat(c.dbPort()).hasValue(3306);
        assertThat(c.dbName()).contains("business_db");
        assertThat(c.dbUser()).contains("sync_user");
        assertThat(c.dbPassword().orElseThrow().reveal()).isEqualTo("your_password");
        assertThat(c.jdbcUrl()).contains("jdbc:mysql://localhost:3306/business_db");
        assertThat(c.syncTables()).containsExactly("documents", "attachments");
        assertThat(c.lastSyncTimeFile()).contains(Path.of("/data/archive_interface/last_sync.txt"));
        assertThat(c.ignoredLines()).hasSize(5).first().asString().endsWith("line 2: 同步时间间隔(秒)");
        assertThat(c.toString()).doesNotContain("your_app_secret").doesNotContain("your_password");
    }

    @Test
    void load_theFileWithMarkedChineseComments_inUtf8WithBom_andInGbk_readsTheSame() throws Exception {
        for (Charset cs : new Charset[] {StandardCharsets.UTF_8, Charset.forName("GBK")}) {
            byte[] text = SYNC_CONFIG_INI_WITH_COMMENTS.getBytes(cs);
            byte[] bytes = text;
            if (cs == StandardCharsets.UTF_8) {
                bytes = new byte[text.length + 3];
                bytes[0] = (byte) 0xEF;
                bytes[1] = (byte) 0xBB;
                bytes[2] = (byte) 0xBF;
                System.arraycopy(text, 0, bytes, 3, text.length);
            }
            Path p = dir.resolve("sync_" + cs.name() + ".ini");
            Files.write(p, bytes);
            ArchiveConfig c = ArchiveConfig.load(NO_ENV, p);
            assertThat(c.batchSize()).as(cs.name()).hasValue(500);
            assertThat(c.syncTables()).as(cs.name()).containsExactly("documents", "attachments");
            assertThat(c.ignoredLines()).as(cs.name()).isEmpty();
        }
    }

    @Test
    void secrets_mayComeFromTheEnvironment_byReferenceOrByFallback() {
        Map<String, String> env = Map.of("MY_SECRET", "s3cr3t", ArchiveConfig.DB_PASSWORD_ENV, "dbpw");
        ArchiveConfig c = ArchiveConfig.parse("""
                [auth]
                base_url = http://archive.local:8080
                app_key = k
                app_secret = ${MY_SECRET}
                [source]
                db_host = db
                db_name = biz
                """, "inline.ini", env::get);
        assertThat(c.appSecret().reveal()).isEqualTo("s3cr3t");
        assertThat(c.dbPassword().orElseThrow().reveal()).isEqualTo("dbpw");

        ArchiveConfig fallback = ArchiveConfig.parse("[auth]\nbase_url = http://a\napp_key = k\n", "x.ini",
                Map.of(ArchiveConfig.APP_SECRET_ENV, "from-env")::get);
        assertThat(fallback.appSecret().reveal()).isEqualTo("from-env");
    }

    @Test
    void errors_nameTheSectionKeyFileAndLine() throws Exception {
        Path p = write("bad.ini", "[auth]\nbase_url = archive.example.com\napp_key = k\n[sync]\nbatch_size = 五百\n",
                StandardCharsets.UTF_8);
        ArchiveConfig c = ArchiveConfig.load(NO_ENV, p);
        assertThatThrownBy(c::baseUrl).hasMessage("[auth] base_url = 'archive.example.com' must be an http(s) URL "
                + "with a host (" + p + " line 2)");
        assertThatThrownBy(c::batchSize).hasMessageContaining("[sync] batch_size = '五百' must be a positive whole number")
                .hasMessageContaining("line 5");
        assertThatThrownBy(c::appSecret).hasMessageContaining("[auth] app_secret is missing")
                .hasMessageContaining(ArchiveConfig.APP_SECRET_ENV);
        assertThatThrownBy(() -> ArchiveConfig.parse("[a]\nx=1\nx=2\n", "dup.ini", NO_ENV))
                .hasMessageContaining("dup.ini line 3: key 'x' appears twice in [a] (first at line 2)");
        assertThatThrownBy(() -> ArchiveConfig.parse("x=1\n[a]\n", "early.ini", NO_ENV))
                .hasMessageContaining("early.ini line 1: 'x=1' comes before any [section] header");
        ArchiveConfig unset = ArchiveConfig.parse("[auth]\napp_secret = ${NOPE}\n", "e.ini", NO_ENV);
        assertThatThrownBy(unset::appSecret).hasMessageContaining("environment variable NOPE, which is not set");
    }

    @Test
    void ini_followsConfigparser_forDefaultsInterpolationContinuationsAndCase() {
        ArchiveConfig c = ArchiveConfig.parse("""
                [DEFAULT]
                root = /data/archive_interface
                [paths]
                LOG_DIR: %(root)s/logs
                inbound_dir = %(root)s/in
                [source]
                db_password = 50%%off;#kept
                sync_tables = documents,
                    attachments
                [sync]
                interval = 300   # seconds
                """, "py.ini", NO_ENV);
        assertThat(c.logDir()).contains(Path.of("/data/archive_interface/logs"));
        assertThat(c.inboundDir()).contains(Path.of("/data/archive_interface/in"));
        assertThat(c.dbPassword().orElseThrow().reveal()).isEqualTo("50%off;#kept");
        assertThat(c.syncTables()).containsExactly("documents", "attachments");
        assertThat(c.syncInterval()).contains(Duration.ofSeconds(300));
    }

    @Test
    void fromProperties_andClientBuilder_useTheSameKeys() {
        Properties p = new Properties();
        p.setProperty("qiao.archive.auth.base_url", "https://archive.example.com");
        p.setProperty("qiao.archive.auth.app_key", "k");
        p.setProperty("qiao.archive.auth.app_secret", "s%(x)s%");
        p.setProperty("qiao.archive.auth.token_refresh_interval", "1800");
        p.setProperty("qiao.archive.sync.batch_size", "200");
        ArchiveConfig c = ArchiveConfig.fromProperties(p, "qiao.archive.", NO_ENV);
        assertThat(c.batchSize()).hasValue(200);
        assertThat(c.appSecret().reveal()).isEqualTo("s%(x)s%"); // no configparser interpolation in properties
        ArchiveClient client = c.clientBuilder().build();
        assertThat(client.endpoint().toString()).isEqualTo("https://archive.example.com/");
        assertThat(client.toString()).doesNotContain("app_secret").contains("appKey k");
    }

    @Test
    void legacyWatermark_readsWhatTheOldScriptsSaved_forMigratingTheCheckpoint() throws Exception {
        Path file = write("last_sync.txt", "2024-03-01T10:15:30.123456\n", StandardCharsets.UTF_8);
        ArchiveConfig c = ArchiveConfig.parse("[source]\nlast_sync_time_file = " + file + "\n", "s.ini", NO_ENV);
        assertThat(c.legacyWatermark()).contains(java.time.LocalDateTime.of(2024, 3, 1, 10, 15, 30, 123_456_000));

        Files.writeString(file, "2024-03-01T02:15:30+00:00");
        assertThat(c.legacyWatermark()).contains(java.time.LocalDateTime.of(2024, 3, 1, 10, 15, 30));

        Files.writeString(file, "yesterday");
        assertThatThrownBy(c::legacyWatermark).hasMessageContaining("holds 'yesterday'");
        Files.delete(file);
        assertThat(c.legacyWatermark()).isEmpty();
    }

    @Test
    void soap_section_isReadIntoTheMapping_andTheClientBuilderTakesIt() {
        ArchiveConfig c = ArchiveConfig.parse("""
                [auth]
                base_url = http://archive.example.com/ws
                app_key = k
                app_secret = s

                [soap]
                endpoint = http://archive.example.com/services/Dangan
                version = 1.2
                namespace = http://dangan.example.com/ws
                operation.create = SaveDocument
                action.create = http://dangan.example.com/ws/SaveDocument
                element.archiveNo = DangHao
                token = parameter:accessToken
                files = base64
                fault_code = code
                fault_message = msg
                fault_status = DUP:409, EXPIRED:401
                """, "archive_config.ini", NO_ENV);

        SoapMapping m = c.soap().orElseThrow();

        assertThat(m.endpoint()).contains(java.net.URI.create("http://archive.example.com/services/Dangan"));
        assertThat(m.version()).isEqualTo(SoapMapping.Version.SOAP_12);
        assertThat(m.namespace()).isEqualTo("http://dangan.example.com/ws");
        assertThat(m.operation(SoapMapping.Operation.CREATE)).isEqualTo("SaveDocument");
        assertThat(m.action(SoapMapping.Operation.CREATE)).isEqualTo("http://dangan.example.com/ws/SaveDocument");
        assertThat(m.operation(SoapMapping.Operation.UPLOAD)).isEqualTo("UploadFile");
        assertThat(m.element("archiveNo")).isEqualTo("DangHao");
        assertThat(m.logicalName("DangHao")).isEqualTo("archiveNo");
        assertThat(m.tokenPlace()).isEqualTo(SoapMapping.TokenPlace.PARAMETER);
        assertThat(m.tokenElement()).isEqualTo("accessToken");
        assertThat(m.faultCodeElement()).isEqualTo("code");
        assertThat(m.faultMessageElement()).contains("msg");
        assertThat(m.faultStatus()).containsEntry("DUP", 409).containsEntry("EXPIRED", 401)
                .containsEntry("DUPLICATE_ARCHIVE_NO", 409);
        assertThat(m.toBuilder().build()).isEqualTo(m);
        assertThat(ArchiveConfig.parse("[auth]\nbase_url = http://a\n", "x.ini", NO_ENV).soap()).isEmpty();
    }

    @Test
    void soap_badKeysAndValues_areNamedWithTheirFileAndLine() {
        assertThatThrownBy(() -> ArchiveConfig.parse("[soap]\nversion = 1.3\n", "a.ini", NO_ENV).soap())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[soap] version = '1.3' must be 1.1 or 1.2 (a.ini line 2)");
        assertThatThrownBy(() -> ArchiveConfig.parse("[soap]\n\nsoap_action = x\n", "a.ini", NO_ENV).soap())
                .hasMessageContaining("[soap] soap_action = 'x' is not a [soap] key").hasMessageContaining("line 3");
        assertThatThrownBy(() -> ArchiveConfig.parse("[soap]\nelement.danghao = X\n", "a.ini", NO_ENV).soap())
                .hasMessageContaining("names no logical element");
        assertThatThrownBy(() -> ArchiveConfig.parse("[soap]\ntoken = cookie:T\n", "a.ini", NO_ENV).soap())
                .hasMessageContaining("must be header:<element> or parameter:<element>");
        assertThatThrownBy(() -> ArchiveConfig.parse("[soap]\nfiles = xop\n", "a.ini", NO_ENV).soap())
                .hasMessageContaining("[soap] files = 'xop' must be base64 or mtom");
        assertThat(ArchiveConfig.parse("[soap]\nfiles = MTOM\n", "a.ini", NO_ENV).soap().orElseThrow().fileTransfer())
                .isEqualTo(SoapMapping.FileTransfer.MTOM);
        assertThatThrownBy(() -> ArchiveConfig.parse("[soap]\nelement.title = 1abc\n", "a.ini", NO_ENV).soap())
                .hasMessageContaining("is not an XML element name");
    }

    private Path write(String name, String content, Charset cs) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, cs);
        return p;
    }
}
