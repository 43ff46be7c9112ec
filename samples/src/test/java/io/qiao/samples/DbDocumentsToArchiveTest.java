package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.samples.DbDocumentsToArchive.Document;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.ReplayReport;
import io.qiao.sync.Source;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.Window;
import io.qiao.sync.jdbc.JdbcSource;
import io.qiao.testkit.archive.ArchiveFaults;
import io.qiao.testkit.archive.ArchiveSimulation;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSoapSimulator;
import io.qiao.testkit.archive.SimulatedRequest;
import io.qiao.testkit.archive.SimulatedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class DbDocumentsToArchiveTest {
    private static final String NAME = DbDocumentsToArchive.NAME;
    private static final int VALID = DemoDocuments.COUNT - DemoDocuments.INVALID;
    @TempDir
    Path dir;
    Workspace ws;

    /**
     * The archive systems every test runs against, chosen as a user does: REST when the config has no {@code [soap]}
     * section, SOAP 1.1 or 1.2 when its {@code archive_config.ini} has one ({@code --simulate} then starts the SOAP
     * simulator).
     */
    static Stream<String> backends() {
        return Stream.of("REST", "SOAP 1.1", "SOAP 1.2");
    }

    private void open(String backend) throws IOException {
        Map<String, String> settings = new HashMap<>(Map.of("state-dir", dir.toString(), "simulate", "true"));
        if (!backend.equals("REST")) {
            Path ini = Files.writeString(dir.resolve("archive_config.ini"),
                    "[soap]\nversion = " + backend.substring("SOAP ".length()) + "\n");
            settings.putAll(IniConfig.read(ini, name -> null));
        }
        ws = new Workspace(Settings.of(settings), Clock.systemUTC());
    }

    private ArchiveSimulation archive() {
        return ws.simulators().archive();
    }

    @AfterEach
    void close() {
        if (ws != null) {
            ws.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void theArchive_isTheSimulatorTheSettingsAskFor(String backend) throws IOException {
        open(backend);
        ws.archive();
        assertThat(archive()).isInstanceOf(backend.equals("REST") ? ArchiveSimulator.class : ArchiveSoapSimulator.class);
        ws.job(NAME).runOnce();
        if (!backend.equals("REST")) {
            List<SimulatedRequest> sent = ((ArchiveSoapSimulator) archive()).requests();
            String contentType = backend.equals("SOAP 1.1") ? "text/xml" : "application/soap+xml";
            assertThat(sent).isNotEmpty().allSatisfy(r -> assertThat(r.header("Content-Type")).startsWith(contentType));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void run_pushesEachValidDocumentWithItsFiles_andDeadLettersTheInvalidOnes(String backend) throws IOException {
        open(backend);
        SyncReport r = ws.job(NAME).runOnce();

        assertThat(r.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(r.written()).isEqualTo(VALID);
        assertThat(archive().records()).hasSize(VALID);
        SimulatedRecord first = archive().record("WS-2024-BGS-0001").orElseThrow();
        assertThat(first.field("title")).isEqualTo("关于开展安全生产检查的通知");
        assertThat(first.field("docDate")).isEqualTo("2024-03-01");
        assertThat(first.files()).hasSize(2);
        assertThat(archive().record("WS-2024-BGS-0002").orElseThrow().files()).hasSize(1);

        List<DeadLetter> letters = ws.deadLetters(NAME).list(NAME, false, 100);
        assertThat(letters).extracting(DeadLetter::key)
                .containsExactly("WS-2024-BGS-0005", "WS-2024-BGS-0009", "WS-2024-BGS-0011");
        assertThat(letters).allSatisfy(d -> assertThat(d.stage()).isEqualTo(Rejection.Stage.VALIDATE));
        assertThat(letters.get(0).reasons()).anySatisfy(x -> assertThat(x).contains("docDate").contains("2024-02-30"));
        assertThat(letters.get(1).reasons()).hasSize(2);
        assertThat(letters.get(2).reasons()).anySatisfy(x -> assertThat(x).contains("does not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void rerun_fromScratch_pushesNothingTwice(String backend) throws IOException {
        open(backend);
        ws.job(NAME).runOnce();
        int files = archive().files().size();

        SyncReport again = ws.job(NAME, new InMemoryCheckpointStore()).runOnce();

        assertThat(again.written()).isEqualTo(VALID);
        assertThat(archive().records()).hasSize(VALID);
        assertThat(archive().files()).hasSize(files);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void failedUpload_isRetried_andTheRecordIsNotCreatedTwice(String backend) throws IOException {
        open(backend);
        archive().faults().failUpload(3).failUploadAfterStoring(5);

        SyncReport r = ws.job(NAME).runOnce();

        assertThat(r.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(archive().requestCount(ArchiveFaults.Operation.UPLOAD))
                .isGreaterThan(archive().files().size());
        assertThat(archive().records()).hasSize(VALID);
        assertThat(archive().records().stream().mapToInt(rec -> rec.files().size()).sum())
                .isEqualTo(archive().files().size());
        assertThat(archive().records().stream().map(SimulatedRecord::archiveNo).distinct().count())
                .isEqualTo(VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void lostResponseAfterCreate_isRetried_byFindingTheStoredRecord_andNothingIsCreatedTwice(String backend)
            throws IOException {
        open(backend);
        archive().faults().failCreateAfterStoring(2).failCreateAfterStoring(4);

        SyncReport r = ws.job(NAME).runOnce();

        assertThat(r.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(r.written()).isEqualTo(VALID);
        // the 2nd and 4th creates stored their record and lost the answer: the retry found it by 档号, created nothing
        assertThat(archive().requestCount(ArchiveFaults.Operation.CREATE)).isEqualTo(VALID);
        assertThat(archive().records()).hasSize(VALID);
        assertThat(archive().records().stream().map(SimulatedRecord::archiveNo).distinct().count()).isEqualTo(VALID);
        assertThat(archive().record("WS-2024-BGS-0002").orElseThrow().files()).hasSize(1);
        assertThat(archive().records().stream().mapToInt(rec -> rec.files().size()).sum())
                .isEqualTo(archive().files().size());
        assertThat(ws.deadLetters(NAME).list(NAME, false, 100)).hasSize(DemoDocuments.INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void crashMidRun_resumesAfterTheLastCommittedBatch_andPushesEveryDocumentOnce(String backend) throws IOException, SQLException {
        open(backend);
        ws.job(NAME); // creates the demo tables and files
        JdbcSource<Document> small = JdbcSource.from(ws.database(), "documents", DbDocumentsToArchive::read)
                .initialWatermark(Instant.EPOCH).settleDelay(Duration.ofSeconds(30)).batchSize(4).build();
        SyncReport crashed = job(TestSupport.crashingOnce(small, 1, 2)).runOnce();
        assertThat(crashed.status()).isEqualTo(SyncReport.Status.FAILED);
        Checkpoint afterCrash = ws.checkpoints(NAME).load(NAME).orElseThrow();

        SyncReport rerun = job(small).runOnce();

        assertThat(rerun.checkpointBefore()).isEqualTo(afterCrash.position());
        assertThat(rerun.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(archive().records()).hasSize(VALID);
        assertThat(archive().records().stream().map(SimulatedRecord::archiveNo).distinct().count())
                .isEqualTo(VALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void documentsWithAttachments_sayTheirPositionAfterEachRow_asTheJdbcSourceDoes(String backend) throws IOException {
        open(backend);
        ws.job(NAME); // creates the demo tables and files
        JdbcSource<Document> rows = DbDocumentsToArchive.source(ws.database(), Instant.EPOCH, Duration.ofSeconds(30));
        Window<Document> plain = rows.windows(rows.initialPosition(ws.clock), ws.clock).next();
        Window<Document> withFiles = new AttachmentsSource(rows, ws.database())
                .windows(rows.initialPosition(ws.clock), ws.clock).next();

        List<Document> docs = new ArrayList<>();
        withFiles.records().forEachRemaining(docs::add);
        plain.records().forEachRemaining(d -> { });

        assertThat(docs).hasSize(DemoDocuments.COUNT);
        for (int i = 0; i < docs.size(); i++) {
            assertThat(withFiles.positionAfter(docs.get(i), i)).as("position after row %d", i).isNotNull()
                    .isEqualTo(plain.positionAfter(docs.get(i), i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void replay_afterTheMissingScanIsRestored_pushesTheDocument(String backend) throws IOException {
        open(backend);
        ws.job(NAME).runOnce();
        Files.writeString(dir.resolve("demo-files").resolve("WS-2024-BGS-0011-1.pdf"), "%PDF-1.4\n% restored\n");

        ReplayReport r = ws.job(NAME).replayOpen(10);

        assertThat(r.attempted()).isEqualTo(DemoDocuments.INVALID);
        assertThat(r.resolved()).hasSize(1);
        assertThat(r.failedAgain()).hasSize(2);
        assertThat(archive().record("WS-2024-BGS-0011").orElseThrow().files()).hasSize(2);
    }

    private SyncJob<Document, Document> job(Source<Document> documents) {
        return DbDocumentsToArchive.job(documents, ws.database(), ws.archive(), ws.filesDir(),
                ws.checkpoints(NAME), ws.deadLetters(NAME), ws.clock);
    }
}
