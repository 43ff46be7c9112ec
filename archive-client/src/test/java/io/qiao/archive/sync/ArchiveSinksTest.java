package io.qiao.archive.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.archive.ArchiveBackend;
import io.qiao.archive.ArchiveClient;
import io.qiao.archive.ArchiveCredentials;
import io.qiao.archive.OverEveryArchiveBackend;
import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveMetadata;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.ListSource;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.Sink;
import io.qiao.sync.SyncRetry;
import io.qiao.sync.WriteResult;
import io.qiao.testkit.archive.SimulatedFile;
import io.qiao.testkit.archive.SimulatedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink in a real SyncJob against the simulator: dead letters, retries, and a checkpoint that waits. Each test runs
 * against the REST simulator and the SOAP simulator (1.1 and 1.2): the push behaves the same over either.
 */
class ArchiveSinksTest extends OverEveryArchiveBackend {

    @TempDir
    Path dir;

    /** A row of the business database's {@code documents} table, with its attachment paths. */
    public record DocumentRow(String archiveNo, String title, String author, String docDate, String retentionPeriod,
                              List<String> attachments) {
    }

    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();

    private static ArchiveClient client(ArchiveBackend archive) {
        return archive.clientBuilder().retry(RetryOptions.disabled()).build();
    }

    private SyncJob<DocumentRow, DocumentRow> job(ArchiveBackend archive, List<DocumentRow> rows, int syncAttempts) {
        return SyncJob.builder("db-documents-to-archive")
                .source(ListSource.of(rows))
                .sink(ArchiveSinks.push(client(archive), (DocumentRow row) -> new ArchivePush(
                        ArchiveMetadata.builder().archiveNo(row.archiveNo()).title(row.title()).author(row.author())
                                .docDate(row.docDate()).retentionPeriod(row.retentionPeriod()).build(),
                        row.attachments().stream().map(a -> ArchiveFile.of(Path.of(a))).toList())))
                .keyOf(DocumentRow::archiveNo)
                .recordType(DocumentRow.class)
                .checkpoints(checkpoints)
                .deadLetters(deadLetters)
                .batchSize(10)
                .retry(SyncRetry.of(syncAttempts, Duration.ZERO, Duration.ZERO))
                .build();
    }

    private DocumentRow row(String no, String... files) throws Exception {
        List<String> paths = new ArrayList<>();
        for (String f : files) {
            Path p = dir.resolve(no + "-" + f);
            if (!f.startsWith("missing")) {
                Files.writeString(p, no + " " + f);
            }
            paths.add(p.toString());
        }
        return new DocumentRow(no, "题名 " + no, "办公室", "2024-03-01", "永久", paths);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_deadLettersInvalidRecordsAndMissingFilesWithEveryReason_andWritesTheRest(ArchiveBackend archive) throws Exception {
        List<DocumentRow> rows = List.of(
                row("D-1", "正文.pdf", "附件.pdf"),
                new DocumentRow("D-2", "", null, "2024-02-30", "50年", List.of()),
                row("D-3", "missing-正文.pdf", "missing-附件.pdf"),
                row("D-4", "正文.pdf"));

        SyncReport report = job(archive, rows, 1).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(report.written()).isEqualTo(2);
        assertThat(report.deadLettered()).isEqualTo(2);
        List<DeadLetter> letters = deadLetters.list("db-documents-to-archive", false, 10);
        DeadLetter invalid = letters.stream().filter(d -> "D-2".equals(d.key())).findFirst().orElseThrow();
        assertThat(invalid.stage()).isEqualTo(Rejection.Stage.VALIDATE);
        assertThat(invalid.reasons()).containsExactly("title: '' is required", "author: is required",
                "docDate: '2024-02-30' is not a real date", "retentionPeriod: '50年' is not a retention period; "
                        + "expected 永久, 30年, 10年, 短期, 定期30年, 定期10年 or the codes Y, D30, D10");
        DeadLetter missing = letters.stream().filter(d -> "D-3".equals(d.key())).findFirst().orElseThrow();
        assertThat(missing.reasons()).hasSize(2).allMatch(r -> r.endsWith("does not exist"));
        assertThat(missing.payload()).contains("D-3");
        assertThat(archive.records()).extracting(SimulatedRecord::archiveNo).containsExactly("D-1", "D-4");
        assertThat(archive.files()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_sameRecordsTwice_reportsCreatedThenAlreadyPresent_andARecordMissingAFileAsUpdated(ArchiveBackend archive) throws Exception {
        List<DocumentRow> rows = List.of(row("T-1", "a.pdf"), row("T-2", "a.pdf", "b.pdf"));
        Sink<DocumentRow> sink = ArchiveSinks.push(client(archive), (DocumentRow row) -> new ArchivePush(
                ArchiveMetadata.builder().archiveNo(row.archiveNo()).title(row.title()).author(row.author())
                        .docDate(row.docDate()).retentionPeriod(row.retentionPeriod()).build(),
                row.attachments().stream().map(a -> ArchiveFile.of(Path.of(a))).toList()));

        WriteResult<DocumentRow> first = sink.write(rows);
        WriteResult<DocumentRow> again = sink.write(rows);
        Files.writeString(dir.resolve("T-2-c.pdf"), "T-2 c.pdf"); // T-2 gains an attachment: only it is sent
        DocumentRow grown = new DocumentRow("T-2", "题名 T-2", "办公室", "2024-03-01", "永久",
                List.of(rows.get(1).attachments().get(0), rows.get(1).attachments().get(1),
                        dir.resolve("T-2-c.pdf").toString()));
        WriteResult<DocumentRow> third = sink.write(List.of(rows.get(0), grown));

        assertThat(List.of(first.written(), first.created(), first.updated(), first.alreadyPresent()))
                .containsExactly(2, 2, 0, 0);
        assertThat(List.of(again.written(), again.created(), again.updated(), again.alreadyPresent()))
                .containsExactly(2, 0, 0, 2);
        assertThat(List.of(third.written(), third.created(), third.updated(), third.alreadyPresent()))
                .containsExactly(2, 0, 1, 1);
        assertThat(archive.records()).hasSize(2);
        assertThat(archive.files()).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_whenTheSecondUploadFails_theEngineRetriesTheBatch_andEachRecordAndFileArrivesOnce(ArchiveBackend archive) throws Exception {
        List<DocumentRow> rows = List.of(row("R-1", "a.pdf", "b.pdf"), row("R-2", "a.pdf", "b.pdf"));
        archive.faults().failUpload(2).failUploadAfterStoring(3);

        SyncReport report = job(archive, rows, 3).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(report.written()).isEqualTo(2);
        assertThat(report.retried()).isPositive();
        assertThat(archive.records()).hasSize(2);
        assertThat(archive.files()).extracting(f -> f.archiveId() + "/" + f.fileName())
                .doesNotHaveDuplicates().hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_whenABatchStillFails_theCheckpointStaysAndTheNextRunFinishesTheJob(ArchiveBackend archive) throws Exception {
        List<DocumentRow> rows = List.of(row("W-1", "a.pdf", "b.pdf"), row("W-2", "a.pdf"));
        archive.faults().failUpload(2);

        SyncReport failed = job(archive, rows, 1).runOnce();

        assertThat(failed.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(failed.errorSummary()).contains("W-1 W-1-b.pdf: archive.files.upload failed: HTTP 500");
        assertThat(checkpoints.load("db-documents-to-archive").map(Checkpoint::position)).isEmpty();

        SyncReport next = job(archive, rows, 1).runOnce();

        assertThat(next.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(next.advanced()).isTrue();
        assertThat(archive.records()).hasSize(2);
        assertThat(archive.files()).extracting(SimulatedFile::fileName).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_tellsTheCallbackOfEveryPush_withItsPerFileOutcome(ArchiveBackend archive) throws Exception {
        List<io.qiao.archive.model.PushResult> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        var sink = ArchiveSinks.push(client(archive), (DocumentRow r) -> new ArchivePush(ArchiveMetadata.builder()
                .archiveNo(r.archiveNo()).title(r.title()).author(r.author()).docDate(r.docDate())
                .retentionPeriod(r.retentionPeriod()).build(),
                r.attachments().stream().map(a -> ArchiveFile.of(Path.of(a))).toList()), seen::add);
        DocumentRow r = row("CB-1", "a.pdf");

        assertThat(sink.write(List.of(r)).written()).isEqualTo(1);
        assertThat(sink.write(List.of(r)).written()).isEqualTo(1);

        assertThat(seen).extracting(p -> p.record().name() + " " + p.files().get(0).outcome().name())
                .containsExactly("CREATED UPLOADED", "FOUND ALREADY_PRESENT");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_withConcurrency_storesEveryRecordAndFileOnce_evenUnderFaults(ArchiveBackend archive) throws Exception {
        List<DocumentRow> rows = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            rows.add(row("P-" + i, "正文.pdf", "附件.pdf"));
        }
        archive.faults().failUpload(3).failUploadAfterStoring(8).failCreateAfterStoring(5)
                .resetConnection(io.qiao.testkit.archive.ArchiveFaults.Operation.UPLOAD, 15);
        SyncJob<DocumentRow, DocumentRow> job = SyncJob.builder("db-documents-to-archive")
                .source(ListSource.of(rows))
                .sink(ArchiveSinks.builder(client(archive), (DocumentRow row) -> new ArchivePush(
                        ArchiveMetadata.builder().archiveNo(row.archiveNo()).title(row.title()).author(row.author())
                                .docDate(row.docDate()).retentionPeriod(row.retentionPeriod()).build(),
                        row.attachments().stream().map(a -> ArchiveFile.of(Path.of(a))).toList()))
                        .concurrency(4).build())
                .checkpoints(checkpoints)
                .deadLetters(deadLetters)
                .batchSize(12)
                .retry(SyncRetry.of(4, Duration.ZERO, Duration.ZERO))
                .build();

        SyncReport report = job.runOnce();

        assertThat(report.status()).as(report.errorSummary()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(report.written()).isEqualTo(12);
        assertThat(archive.records()).hasSize(12);
        assertThat(archive.files()).hasSize(24)
                .extracting(f -> f.archiveId() + "/" + f.fileName()).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_withWrongCredentials_failsTheRunInsteadOfDeadLetteringEveryRecord(ArchiveBackend archive) throws Exception {
        ArchiveClient wrong = archive.clientBuilder().credentials(ArchiveCredentials.of("nobody", Secret.of("x")))
                .retry(RetryOptions.disabled()).build();
        var sink = ArchiveSinks.push(wrong, (DocumentRow r) -> new ArchivePush(ArchiveMetadata.builder()
                .archiveNo(r.archiveNo()).title(r.title()).author(r.author()).docDate(r.docDate())
                .retentionPeriod(r.retentionPeriod()).build(), List.of()));
        DocumentRow r = row("C-1");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.write(List.of(r)))
                .hasMessageContaining("HTTP 401");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_aRecordTheArchiveSystemRefusesWith400_isADeadLetterNamingTheRefusal(ArchiveBackend archive) throws Exception {
        archive.faults().status(io.qiao.testkit.archive.ArchiveFaults.Operation.CREATE, 1, 400);
        List<DocumentRow> rows = List.of(row("X-1", "a.pdf"), row("X-2", "a.pdf"));

        SyncReport report = job(archive, rows, 1).runOnce();

        assertThat(report.written()).isEqualTo(1);
        DeadLetter refused = deadLetters.list("db-documents-to-archive", false, 10).get(0);
        assertThat(refused.key()).isEqualTo("X-1");
        assertThat(refused.stage()).isEqualTo(Rejection.Stage.WRITE);
        assertThat(refused.reasons()).singleElement().asString()
                .contains("the archive system refused archiveNo X-1").contains("HTTP 400");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_toAWrongBaseUrl_failsTheBatchInsteadOfDeadLetteringEveryRecord(ArchiveBackend archive) throws Exception {
        ArchiveClient wrongPath = archive.clientBuilder().endpoint(archive.endpoint() + "/archive/")
                .retry(RetryOptions.disabled()).build();
        var sink = ArchiveSinks.push(wrongPath, (DocumentRow r) -> new ArchivePush(ArchiveMetadata.builder()
                .archiveNo(r.archiveNo()).title(r.title()).author(r.author()).docDate(r.docDate())
                .retentionPeriod(r.retentionPeriod()).build(), List.of()));
        DocumentRow r = row("B-1");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.write(List.of(r)))
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void validator_reportsTheClientsRulesAsSyncViolations() {
        var v = ArchiveSinks.validator(io.qiao.archive.MetadataValidator.defaults());
        var push = new ArchivePush(ArchiveMetadata.builder().archiveNo("A").title("t").author("a")
                .docDate("2024-13-01").retentionPeriod("永久").build(), List.of(ArchiveFile.of(dir.resolve("x.pdf"))));
        assertThat(v.validate(push)).extracting(Object::toString).containsExactly(
                "docDate: '2024-13-01' is not a real date", "files[0]: '" + dir.resolve("x.pdf") + "' does not exist");
    }
}
