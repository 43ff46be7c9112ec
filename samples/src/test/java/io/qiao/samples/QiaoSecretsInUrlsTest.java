package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, bug 4: a password inside --jdbc-url never reaches the terminal, a status file or a log. */
class QiaoSecretsInUrlsTest {
    private static final String PASSWORD = "DbPw";

    @TempDir
    Path dir;

    private String qiao(int expectedExit, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of(argv), Stream.of("--state-dir", dir.toString())).toArray(String[]::new);
        int exit = Qiao.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), Map.of(), false, Clock.systemUTC());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    /** pgjdbc declines a URL with a port out of range, so DriverManager says "No suitable driver found for URL". */
    @Test
    void failingPrepare_withThePasswordInTheUserInfo_neverPrintsOrStoresIt() throws IOException {
        String printed = qiao(Qiao.FAILED, "sync", "jackyun-warehouses-to-mysql", "--simulate",
                "--jdbc-url", "jdbc:postgresql://probe:" + PASSWORD + "@127.0.0.1:99999/x?password=" + PASSWORD);

        assertThat(printed).contains("127.0.0.1:99999/x").doesNotContain(PASSWORD);
        assertNoFileInTheStateDirContainsThePassword();
    }

    @Test
    void failingPrepare_withVerbose_keepsThePasswordOutOfTheStackTraceToo() {
        String printed = qiao(Qiao.FAILED, "sync", "jackyun-warehouses-to-mysql", "--simulate", "--verbose",
                "--jdbc-url", "jdbc:postgresql://probe:" + PASSWORD + "@127.0.0.1:99999/x?password=" + PASSWORD);

        assertThat(printed).contains("\tat ").contains("127.0.0.1:99999/x").doesNotContain(PASSWORD);
    }

    /**
     * MariaDB Connector/J cannot parse a password in the user info and quotes the fragment it choked on ("Incorrect
     * port value : DbPw@127.0.0.1"), which holds no URL for a URL pattern to find.
     */
    @Test
    void driverQuotingAFragmentWithThePassword_neverPrintsOrStoresIt_evenWithVerbose() throws IOException {
        String url = "jdbc:mariadb://probe:" + PASSWORD + "@127.0.0.1:3306/test";
        String printed = qiao(Qiao.FAILED, "sync", "jackyun-warehouses-to-mysql", "--simulate", "--jdbc-url", url)
                + qiao(Qiao.FAILED, "sync", "jackyun-warehouses-to-mysql", "--simulate", "--verbose", "--jdbc-url", url);

        assertThat(printed).contains("127.0.0.1").doesNotContain(PASSWORD);
        assertNoFileInTheStateDirContainsThePassword();
    }

    @Test
    void secretsOf_findsEachMaskedSpanOfTheUrl() {
        assertThat(Database.secretsOf("jdbc:mysql://u:pw1x@h:3306/db?user=u&password=pw2y&ssl=true"))
                .containsExactly("pw1x", "pw2y");
        assertThat(Database.secretsOf("jdbc:mysql://h:3306/db?user=u")).isEmpty();
    }

    @Test
    void missingTables_withThePasswordAsASemicolonSetting_neverPrintsOrStoresIt() throws IOException {
        String printed = qiao(Qiao.FAILED, "sync", "db-documents-to-archive", "--simulate",
                "--jdbc-url", "jdbc:h2:mem:qiao-" + System.nanoTime() + ";PASSWORD=" + PASSWORD, "--jdbc-user", "sa");

        assertThat(printed).contains("has no table 'documents'").contains(";PASSWORD=").doesNotContain(PASSWORD);
        assertNoFileInTheStateDirContainsThePassword();
    }

    @Test
    void successfulRun_thenStatusAndReport_withThePasswordInTheUrl_neverPrintOrStoreIt() throws IOException {
        String url = "jdbc:h2:mem:qiao-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;PASSWORD=" + PASSWORD;
        String printed = qiao(Qiao.OK, "sync", "jackyun-warehouses-to-mysql", "--simulate", "--jdbc-url", url,
                "--jdbc-user", "sa", "--verbose")
                + qiao(Qiao.OK, "status", "--jdbc-url", url, "--jdbc-user", "sa", "--verbose")
                + qiao(Qiao.OK, "report", "--jdbc-url", url, "--jdbc-user", "sa", "--verbose");

        assertThat(printed).contains("25 written").doesNotContain(PASSWORD);
        assertNoFileInTheStateDirContainsThePassword();
    }

    @Test
    void unsupportedUrl_isBadUsage_withoutThePassword() {
        String printed = qiao(Qiao.USAGE, "status", "--jdbc-url", "jdbc:oracle:thin:probe/" + PASSWORD + "@h:1521:x");

        assertThat(printed).contains("jdbc:oracle:thin:probe/").contains("@h:1521:x").doesNotContain(PASSWORD);
    }

    private void assertNoFileInTheStateDirContainsThePassword() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> leaking = files.filter(Files::isRegularFile).filter(f -> contains(f, PASSWORD)).toList();
            assertThat(leaking).as("files holding the password").isEmpty();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
