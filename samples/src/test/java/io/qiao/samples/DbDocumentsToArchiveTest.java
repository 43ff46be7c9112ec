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
import io.qiao.testkit.archive.SimulatedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbDocumentsToArchiveTest {
    private static final String NAME = DbDocumentsToArchive.NAME;
    private static final int VALID = DemoDocuments.COUNT - DemoDocuments.INVALID;
    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() {
        ws = TestSupport.simulated(dir);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void run_pushesEachValidDocumentWithItsFiles_andDeadLettersTheInvalidOnes() {
        SyncReport r = ws.job(NAME).runOnce();

        assertThat(r.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(r.written()).isEqualTo(VALID);
        assertThat(ws.simulators().archive().records()).hasSize(VALID);
        SimulatedRecord first = ws.simulators().archive().record("WS-2024-BGS-0001").orElseThrow();
        assertThat(first.field("title")).isEqualTo("关于开展安全生产检查的通知");
        assertThat(first.field("docDate")).isEqualTo("2024-03-01");
        assertThat(first.files()).hasSize(2);
        assertThat(ws.simulators().archive().record("WS-2024-BGS-0002").orElseThrow().files()).hasSize(1);

        List<DeadLetter> letters = ws.deadLetters(NAME).list(NAME, false, 100);
        assertThat(letters).extracting(DeadLetter::key)
                .containsExactly("WS-2024-BGS-0005", "WS-2024-BGS-0009", "WS-2024-BGS-0011");
        assertThat(letters).allSatisfy(d -> assertThat(d.stage()).isEqualTo(Rejection.Stage.VALIDATE));
        assertThat(letters.get(0).reasons()).anySatisfy(x -> assertThat(x).contains("docDate").contains("2024-02-30"));
        assertThat(letters.get(1).reasons()).hasSize(2);
        assertThat(letters.get(2).reasons()).anySatisfy(x -> assertThat(x).contains("does not exist"));
    }

    @Test
    void rerun_fromScratch_pushesNothingTwice() {
        ws.job(NAME).runOnce();
        int files = ws.simulators().archive().files().size();

        SyncReport again = ws.job(NAME, new InMemoryCheckpointStore()).runOnce();

        assertThat(again.written()).isEqualTo(VALID);
        assertThat(ws.simulators().archive().records()).hasSize(VALID);
        assertThat(ws.simulators().archive().files()).hasSize(files);
    }

    @Test
    void failedUpload_isRetried_andTheRecordIsNotCreatedTwice() {
        ws.simulators().archive().faults().failUpload(3).failUploadAfterStoring(5);

        SyncReport r = ws.job(NAME).runOnce();

        assertThat(r.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(ws.simulators().archive().requestCount(ArchiveFaults.Operation.UPLOAD))
                .isGreaterThan(ws.simulators().archive().files().size());
        assertThat(ws.simulators().archive().records()).hasSize(VALID);
        assertThat(ws.simulators().archive().records().stream().mapToInt(rec -> rec.files().size()).sum())
                .isEqualTo(ws.simulators().archive().files().size());
        assertThat(ws.simulators().archive().records().stream().map(SimulatedRecord::archiveNo).distinct().count())
                .isEqualTo(VALID);
    }

    @Test
    void crashMidRun_resumesAfterTheLastCommittedBatch_andPushesEveryDocumentOnce() throws SQLException {
        ws.job(NAME); // creates the demo tables and files
        JdbcSource<Document> small = JdbcSource.from(ws.database(), "documents", DbDocumentsToArchive::read)
                .initialWatermark(Instant.EPOCH).settleDelay(Duration.ofSeconds(30)).batchSize(4).build();
        SyncReport crashed = job(TestSupport.crashingOnce(small, 1, 2)).runOnce();
        assertThat(crashed.status()).isEqualTo(SyncReport.Status.FAILED);
        Checkpoint afterCrash = ws.checkpoints(NAME).load(NAME).orElseThrow();

        SyncReport rerun = job(small).runOnce();

        assertThat(rerun.checkpointBefore()).isEqualTo(afterCrash.position());
        assertThat(rerun.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(ws.simulators().archive().records()).hasSize(VALID);
        assertThat(ws.simulators().archive().records().stream().map(SimulatedRecord::archiveNo).distinct().count())
                .isEqualTo(VALID);
    }

    @Test
    void documentsWithAttachments_sayTheirPositionAfterEachRow_asTheJdbcSourceDoes() {
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

    @Test
    void replay_afterTheMissingScanIsRestored_pushesTheDocument() throws IOException {
        ws.job(NAME).runOnce();
        Files.writeString(dir.resolve("demo-files").resolve("WS-2024-BGS-0011-1.pdf"), "%PDF-1.4\n% restored\n");

        ReplayReport r = ws.job(NAME).replayOpen(10);

        assertThat(r.attempted()).isEqualTo(DemoDocuments.INVALID);
        assertThat(r.resolved()).hasSize(1);
        assertThat(r.failedAgain()).hasSize(2);
        assertThat(ws.simulators().archive().record("WS-2024-BGS-0011").orElseThrow().files()).hasSize(2);
    }

    private SyncJob<Document, Document> job(Source<Document> documents) {
        return DbDocumentsToArchive.job(documents, ws.database(), ws.archive(), ws.filesDir(),
                ws.checkpoints(NAME), ws.deadLetters(NAME), ws.clock);
    }
}
