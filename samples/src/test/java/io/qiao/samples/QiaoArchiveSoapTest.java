package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.testkit.archive.ArchiveSoapSimulator;
import io.qiao.testkit.archive.SimulatedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qiao sync db-documents-to-archive} against a SOAP archive service, configured by the INI's [soap] section. */
class QiaoArchiveSoapTest {
    @TempDir
    Path dir;

    @Test
    void syncDbDocumentsToArchive_withASoapSection_pushesOverSoap12_andDeadLettersTheInvalidRecordsAsOverRest()
            throws Exception {
        try (ArchiveSoapSimulator soap = new ArchiveSoapSimulator().start()) {
            Path ini = dir.resolve("archive_config.ini");
            Files.writeString(ini, "[auth]\nbase_url = " + soap.endpoint() + "\napp_key = "
                    + soap.credentials().appKey() + "\napp_secret = " + soap.credentials().appSecret()
                    + "\n\n[soap]\nversion = 1.2\n", StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int exit = Qiao.run(new String[] {"sync", "db-documents-to-archive", "--config", ini.toString(),
                            "--state-dir", dir.resolve("state").toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of(), false, Clock.systemUTC());

            String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(all).isEqualTo(2);
            assertThat(all).contains("3 record(s) went to the dead letters");
            assertThat(soap.records()).isNotEmpty();
            assertThat(soap.requests()).extracting(SimulatedRequest::body)
                    .anyMatch(b -> b.contains("<tns:CreateArchive>") && b.contains("http://www.w3.org/2003/05/soap-envelope"));
            assertThat(soap.requests()).allMatch(r -> r.header("Content-Type").startsWith("application/soap+xml")
                    && r.header("SOAPAction") == null);
        }
    }
}
