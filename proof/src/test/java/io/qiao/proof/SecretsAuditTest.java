package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Json;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.SimSku;
import io.qiao.testkit.kis.KisSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pipeline of the samples CLI, run as its own process with DEBUG logging against the four simulators holding
 * recognisable credentials, once successfully and once with a wrong secret (so that errors and stack traces are
 * printed too); then everything the runs left is scanned: stdout, stderr (logs, exception messages, stack traces),
 * and every file of the state directory (dead letters, API call log, status, checkpoints, the embedded database).
 * No secret, no token and no request signature may appear anywhere; only the token store may hold its token.
 */
class SecretsAuditTest {
    static final String JACKYUN_SECRET = "JKY-SECRET-7f3a91c2e4";
    static final String JUSHUITAN_SECRET = "JST-SECRET-b81d44e0aa";
    static final String KIS_CLIENT_SECRET = "KIS-CLIENT-SECRET-5c9e07";
    static final String KIS_APP_SECRET = "KIS-APP-SECRET-d2f6a813";
    static final String ARCHIVE_SECRET = "ARC-SECRET-0e7b5d29fc";
    static final String WRONG_SECRET = "WRONG-SECRET-99zz41q";
    static final List<String> SECRETS = List.of(JACKYUN_SECRET, JUSHUITAN_SECRET, KIS_CLIENT_SECRET, KIS_APP_SECRET,
            ARCHIVE_SECRET, WRONG_SECRET);

    @TempDir
    static Path work;

    static JackyunSimulator jackyun;
    static JushuitanSimulator jushuitan;
    static KisSimulator kis;
    static ArchiveSimulator archive;

    @BeforeAll
    static void startSimulators() {
        LocalDateTime now = LocalDateTime.now(Json.SHANGHAI).truncatedTo(ChronoUnit.SECONDS);
        jackyun = JackyunSimulator.builder().appKey("audit-jackyun").appSecret(JACKYUN_SECRET)
                .dataSet(JackyunDataSet.builder().warehouses(30).modifiedBetween(now.minusDays(3), now.minusDays(2))
                        .build()).build().start();
        jushuitan = JushuitanSimulator.builder().appKey("audit-jushuitan").appSecret(JUSHUITAN_SECRET).documents(40)
                .dataWindow(now.minusDays(3), Duration.ofDays(1)).limitsEnforced(false).build().start();
        kis = KisSimulator.builder().clientId("audit-kis-client").clientSecret(KIS_CLIENT_SECRET).appKey("audit-kis-app")
                .appSecret(KIS_APP_SECRET).start();
        List<SimSku> skus = jushuitan.dataSet().skus();
        for (int i = 1; i < skus.size(); i++) { // the first is missing: its documents become dead letters
            kis.addMaterial(skus.get(i).skuId(), skus.get(i).name(), "PCS");
        }
        archive = ArchiveSimulator.builder().credentials("audit-archive", ARCHIVE_SECRET).build().start();
    }

    @AfterAll
    static void stopSimulators() {
        if (jackyun != null) {
            jackyun.stop();
        }
        if (jushuitan != null) {
            jushuitan.stop();
        }
        if (kis != null) {
            kis.close();
        }
        if (archive != null) {
            archive.stop();
        }
    }

    static Map<String, String> env(String jackyunSecret) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QIAO_LOG", "debug");
        env.put("QIAO_JACKYUN_ENDPOINT", jackyun.endpoint().toString());
        env.put("QIAO_JACKYUN_APP_KEY", "audit-jackyun");
        env.put("QIAO_JACKYUN_APP_SECRET", jackyunSecret);
        env.put("QIAO_JUSHUITAN_ENDPOINT", jushuitan.endpoint().toString());
        env.put("QIAO_JUSHUITAN_APP_KEY", "audit-jushuitan");
        env.put("QIAO_JUSHUITAN_APP_SECRET", JUSHUITAN_SECRET);
        env.put("QIAO_KIS_ENDPOINT", kis.endpoint().toString());
        env.put("QIAO_KIS_CLIENT_ID", "audit-kis-client");
        env.put("QIAO_KIS_CLIENT_SECRET", KIS_CLIENT_SECRET);
        env.put("QIAO_KIS_APP_KEY", "audit-kis-app");
        env.put("QIAO_KIS_APP_SECRET", KIS_APP_SECRET);
        env.put("QIAO_KIS_ROUTER_ADDRESS", kis.credentials().routerAddress());
        env.put("QIAO_ARCHIVE_ENDPOINT", archive.endpoint().toString());
        env.put("QIAO_ARCHIVE_APP_KEY", "audit-archive");
        env.put("QIAO_ARCHIVE_APP_SECRET", ARCHIVE_SECRET);
        return env;
    }

    @Test
    void everyPipelineWithDebugLogging_leavesNoSecretTokenOrSignAnywhere() throws Exception {
        Path state = work.resolve("state");
        List<SamplesProcess.Result> runs = new ArrayList<>();
        for (String pipeline : List.of("jackyun-warehouses-to-mysql", "jushuitan-otherinout-to-kis",
                "db-documents-to-archive")) {
            SamplesProcess.Result r = SamplesProcess.run(List.of("sync", pipeline, "--once", "--verbose",
                    "--state-dir", state.toString(), "--since", "4d"),
                    env(JACKYUN_SECRET), work, 240);
            assertThat(r.exit()).as("%s exit; printed:%n%s", pipeline, r.all()).isIn(0, 2);
            runs.add(r);
        }
        // a refused secret: the error message and its stack trace are printed too
        SamplesProcess.Result refused = SamplesProcess.run(List.of("sync", "jackyun-warehouses-to-mysql", "--once",
                "--verbose", "--state-dir", work.resolve("state-refused").toString(), "--since", "4d"),
                env(WRONG_SECRET), work, 240);
        assertThat(refused.exit()).as("refused run; printed:%n%s", refused.all()).isEqualTo(1);
        runs.add(refused);

        String printed = String.join("\n", runs.stream().map(SamplesProcess.Result::all).toList());
        assertThat(printed).as("DEBUG logging was on").contains("DEBUG");
        assertThat(printed).as("requests were logged with their sensitive fields masked")
                .contains(io.qiao.client.Redactor.MASK);
        assertThat(jackyun.requestCount()).isPositive();
        assertThat(kis.billCount()).as("bills created in KIS").isPositive();
        assertThat(archive.records()).as("records pushed to the archive").isNotEmpty();

        Set<String> forbidden = new LinkedHashSet<>(SECRETS);
        Path tokenFile = state.resolve("jushuitan-token.json");
        assertThat(tokenFile).as("Jushuitan token store").exists();
        {
            Matcher m = Pattern.compile("\"access_?[Tt]oken\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(tokenFile));
            assertThat(m.find()).as("a token in %s", tokenFile).isTrue();
            forbidden.add(m.group(1));
        }
        int signs = 0;
        for (Map<String, String> request : jackyun.recentRequests()) {
            if (request.get("sign") != null && forbidden.add(request.get("sign"))) {
                signs++;
            }
        }
        assertThat(signs).as("Jackyun request signs looked for").isPositive();

        List<String> leaks = new ArrayList<>();
        for (String value : forbidden) {
            if (printed.contains(value)) {
                leaks.add("printed output contains " + value + " near: " + around(printed, value));
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (f.equals(tokenFile)) {
                    continue; // the token store's job is to keep the token
                }
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                String utf8 = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                for (String value : forbidden) {
                    if (text.contains(value) || utf8.contains(value)) {
                        leaks.add(work.relativize(f) + " contains " + value + " near: " + around(utf8, value));
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static String around(String text, String value) {
        int i = text.indexOf(value);
        return i < 0 ? "?" : text.substring(Math.max(0, i - 120), Math.min(text.length(), i + value.length() + 40))
                .replace('\n', ' ');
    }
}
