package io.qiao.archive.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.archive.ArchiveBackend;
import io.qiao.archive.ArchiveClient;
import io.qiao.archive.OverEveryArchiveBackend;
import io.qiao.client.RetryOptions;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.SyncRetry;
import io.qiao.testkit.archive.ArchiveFaults;
import io.qiao.testkit.archive.SimulatedFile;
import io.qiao.testkit.archive.SimulatedRecord;
import io.qiao.testkit.archive.SimulatedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * File drops through a real SyncJob, the same tests against the REST simulator and the SOAP one (1.1 and 1.2, files
 * as base64 or MTOM): claims, pushes, moves, crashes and rejects.
 */
class FileDropSourceTest extends OverEveryArchiveBackend {

    private static final Instant NOW = Instant.parse("2024-05-01T02:00:00Z"); // 10:00 in Beijing
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path root;
    private Path inbound;
    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();

    @BeforeEach
    void folders() throws Exception {
        inbound = Files.createDirectories(root.resolve("inbound"));
    }

    private static ArchiveClient client(ArchiveBackend archive) {
        return archive.clientBuilder().retry(RetryOptions.disabled()).build();
    }

    private FileDropSource source() {
        return FileDropSource.builder(inbound).clock(CLOCK).build();
    }

    private SyncJob<DroppedSet, DroppedSet> job(ArchiveBackend archive, FileDropSource source, int attempts) {
        return SyncJob.builder("files-to-archive")
                .source(source)
                .sink(source.sink(client(archive)))
                .keyOf(DroppedSet::name)
                .recordType(DroppedSet.class)
                .checkpoints(new InMemoryCheckpointStore())
                .deadLetters(deadLetters)
                .retry(SyncRetry.of(attempts, Duration.ZERO, Duration.ZERO))
                .clock(CLOCK)
                .build();
    }

    /** Drops a valid set with its attachments; the marker only when asked. */
    private void drop(String no, boolean marker, String... files) throws Exception {
        StringBuilder list = new StringBuilder();
        for (String f : files) {
            Files.writeString(inbound.resolve(f), no + " " + f);
            list.append(list.isEmpty() ? "" : ", ").append('"').append(f).append('"');
        }
        Files.writeString(inbound.resolve(no + ".json"), """
                {"title": "关于%s的通知", "author": "办公室", "doc_date": "2024-03-01", "retentionPeriod": "永久",
                 "files": [%s]}""".formatted(no, list));
        if (marker) {
            Files.writeString(inbound.resolve(no + ".done"), "");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void run_pushesEachCompleteSetOnce_andMovesItToTheDatedBackup_withTheRequestsSent(ArchiveBackend archive) throws Exception {
        drop("WS-2024-Y-0001", true, "WS-2024-Y-0001-p1.pdf", "WS-2024-Y-0001-p2.pdf");
        drop("WS-2024-Y-0002", true, "WS-2024-Y-0002.pdf");

        SyncReport report = job(archive, source(), 1).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(report.written()).isEqualTo(2);
        assertThat(report.created()).isEqualTo(2);
        assertThat(archive.records()).extracting(SimulatedRecord::archiveNo)
                .containsExactly("WS-2024-Y-0001", "WS-2024-Y-0002");
        assertThat(archive.record("WS-2024-Y-0001").orElseThrow().field("title"))
                .isEqualTo("关于WS-2024-Y-0001的通知");
        assertThat(archive.files()).extracting(SimulatedFile::fileName)
                .containsExactly("WS-2024-Y-0001-p1.pdf", "WS-2024-Y-0001-p2.pdf", "WS-2024-Y-0002.pdf");
        assertThat(archive.operationsSent()).filteredOn(op -> op == ArchiveFaults.Operation.UPLOAD).hasSize(3);
        assertThat(archive.operationsSent()).filteredOn(op -> op == ArchiveFaults.Operation.CREATE).hasSize(2);
        assertThat(archive.requests()).map(SimulatedRequest::body)
                .anyMatch(b -> b != null && b.contains("WS-2024-Y-0002") && b.contains("永久"));
        Path day = root.resolve("backup").resolve("2024-05-01");
        assertThat(day.resolve("WS-2024-Y-0001")).isDirectory();
        assertThat(day.resolve("WS-2024-Y-0001").resolve("WS-2024-Y-0001-p2.pdf")).hasContent(
                "WS-2024-Y-0001 WS-2024-Y-0001-p2.pdf");
        assertThat(day.resolve("WS-2024-Y-0001").resolve("WS-2024-Y-0001.done")).exists();
        assertThat(day.resolve("WS-2024-Y-0002").resolve("WS-2024-Y-0002.json")).exists();
        try (var left = Files.list(inbound)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(".claimed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void run_afterACrashBetweenPushAndMove_pushesNothingTwice_andTheSetEndsInBackup(ArchiveBackend archive) throws Exception {
        drop("WS-2024-Y-0003", true, "a.pdf", "b.pdf");
        FileDropSource source = source();
        // The crashed run: it claimed the set and pushed it, and died before the move.
        List<DroppedSet> claimed = source.claimCompleteSets(NOW);
        ArchiveSinks.push(client(archive), (DroppedSet s) -> source.read(s).push()).write(claimed);
        int requestsBefore = archive.requests().size();
        assertThat(archive.records()).hasSize(1);

        SyncReport rerun = job(archive, source(), 1).runOnce();

        assertThat(rerun.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(rerun.alreadyPresent()).isEqualTo(1);
        assertThat(rerun.created()).isZero();
        assertThat(archive.records()).hasSize(1);
        assertThat(archive.files()).hasSize(2);
        assertThat(archive.operationsSent().subList(requestsBefore, archive.requests().size()))
                .isNotEmpty().doesNotContain(ArchiveFaults.Operation.UPLOAD, ArchiveFaults.Operation.CREATE);
        assertThat(root.resolve("backup/2024-05-01/WS-2024-Y-0003/b.pdf")).exists();
        assertThat(inbound.resolve(".claimed")).isEmptyDirectory();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void run_afterACrashInTheMiddleOfAClaim_finishesTheClaim_andLosesNoFile(ArchiveBackend archive) throws Exception {
        drop("WS-2024-Y-0004", true, "a.pdf", "b.pdf");
        // The crashed claim: the metadata file was moved, the attachments and the marker were not.
        Path claimed = Files.createDirectories(inbound.resolve(".claimed/WS-2024-Y-0004"));
        Files.move(inbound.resolve("WS-2024-Y-0004.json"), claimed.resolve("WS-2024-Y-0004.json"));

        SyncReport report = job(archive, source(), 1).runOnce();

        assertThat(report.written()).isEqualTo(1);
        assertThat(archive.files()).extracting(SimulatedFile::fileName).containsExactly("a.pdf", "b.pdf");
        assertThat(root.resolve("backup/2024-05-01/WS-2024-Y-0004")).isDirectoryContaining(p -> p.endsWith("a.pdf"))
                .isDirectoryContaining(p -> p.endsWith("WS-2024-Y-0004.done"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void run_leavesASetWithoutMarker_andOneStillChangingWithAQuietPeriod_untouched(ArchiveBackend archive) throws Exception {
        drop("WS-2024-Y-0005", false, "half.pdf");
        drop("WS-2024-Y-0006", false, "old.pdf");
        for (String f : List.of("WS-2024-Y-0006.json", "old.pdf")) {
            Files.setLastModifiedTime(inbound.resolve(f), FileTime.from(NOW.minus(Duration.ofMinutes(10))));
        }
        Files.setLastModifiedTime(inbound.resolve("WS-2024-Y-0005.json"), FileTime.from(NOW.minus(Duration.ofMinutes(10))));
        Files.setLastModifiedTime(inbound.resolve("half.pdf"), FileTime.from(NOW.minusSeconds(5))); // still growing

        SyncReport markerOnly = job(archive, source(), 1).runOnce();
        assertThat(markerOnly.read()).isZero();
        assertThat(inbound.resolve("WS-2024-Y-0005.json")).exists();
        assertThat(inbound.resolve("WS-2024-Y-0006.json")).exists();

        FileDropSource quiet = FileDropSource.builder(inbound).clock(CLOCK).quietPeriod(Duration.ofMinutes(1)).build();
        SyncReport report = job(archive, quiet, 1).runOnce();

        assertThat(report.written()).isEqualTo(1);
        assertThat(archive.records()).extracting(SimulatedRecord::archiveNo).containsExactly("WS-2024-Y-0006");
        assertThat(inbound.resolve("WS-2024-Y-0005.json")).hasContent(Files.readString(inbound.resolve("WS-2024-Y-0005.json")));
        assertThat(inbound.resolve("half.pdf")).hasContent("WS-2024-Y-0005 half.pdf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void run_movesARejectedSetToError_withAReasonFileNamingEveryViolation_andADeadLetter(ArchiveBackend archive) throws Exception {
        Files.writeString(inbound.resolve("WS-2024-Y-0007.json"), """
                {"archiveNo": "WS-2024-Y-9999", "title": "", "docDate": "2024-02-30", "retentionPeriod": "50年",
                 "colour": "red", "files": ["missing.pdf", "../../etc/passwd"]}""");
        Files.writeString(inbound.resolve("WS-2024-Y-0007.done"), "");
        Files.writeString(inbound.resolve("WS-2024-Y-0008.json"), "{\"title\": \"broken");
        Files.writeString(inbound.resolve("WS-2024-Y-0008.done"), "");
        drop("WS-2024-Y-0009", true, "ok.pdf");

        SyncReport report = job(archive, source(), 1).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(report.written()).isEqualTo(1);
        assertThat(report.deadLettered()).isEqualTo(2);
        Path reason = root.resolve("error/WS-2024-Y-0007/WS-2024-Y-0007.reason.txt");
        assertThat(Files.readString(reason)).contains(
                "colour: is not a metadata field",
                "archiveNo: 'WS-2024-Y-9999' differs from the file name WS-2024-Y-0007.json",
                "files[1]: '../../etc/passwd' is not a path relative to the inbound directory");
        assertThat(Files.readString(root.resolve("error/WS-2024-Y-0008/WS-2024-Y-0008.reason.txt")))
                .contains("WS-2024-Y-0008.json: Unexpected end-of-input");
        assertThat(root.resolve("error/WS-2024-Y-0007/WS-2024-Y-0007.done")).exists();
        DeadLetter letter = deadLetters.list("files-to-archive", false, 10).stream()
                .filter(d -> d.key().equals("WS-2024-Y-0007")).findFirst().orElseThrow();
        assertThat(letter.stage()).isEqualTo(Rejection.Stage.VALIDATE);
        assertThat(letter.reasons()).hasSize(3);

        Files.writeString(inbound.resolve("WS-2024-Y-0010.json"), """
                {"title": "", "docDate": "2024-02-30", "retentionPeriod": "50年", "files": ["missing.pdf"]}""");
        Files.writeString(inbound.resolve("WS-2024-Y-0010.done"), "");
        job(archive, source(), 1).runOnce();
        assertThat(Files.readString(root.resolve("error/WS-2024-Y-0010/WS-2024-Y-0010.reason.txt"))).contains(
                "title: '' is required", "author: is required", "docDate: '2024-02-30' is not a real date",
                "retentionPeriod: '50年' is not a retention period", "missing.pdf' does not exist");
        assertThat(archive.records()).extracting(SimulatedRecord::archiveNo).containsExactly("WS-2024-Y-0009");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void run_whenAnUploadFailsForGood_leavesTheSetClaimed_andTheNextRunFinishesIt(ArchiveBackend archive) throws Exception {
        drop("WS-2024-Y-0011", true, "a.pdf", "b.pdf");
        archive.faults().failUpload(2);

        SyncReport failed = job(archive, source(), 1).runOnce();

        assertThat(failed.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(inbound.resolve(".claimed/WS-2024-Y-0011/b.pdf")).exists();
        assertThat(root.resolve("backup")).doesNotExist();

        SyncReport next = job(archive, source(), 1).runOnce();

        assertThat(next.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(archive.records()).hasSize(1);
        assertThat(archive.files()).extracting(SimulatedFile::fileName).containsExactly("a.pdf", "b.pdf");
        assertThat(archive.requestCount(ArchiveFaults.Operation.CREATE)).isEqualTo(1);
        assertThat(root.resolve("backup/2024-05-01/WS-2024-Y-0011")).isDirectory();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void run_rejectsASetWhoseAttachmentIsASymbolicLink_andUploadsNothing(ArchiveBackend archive) throws Exception {
        Path outside = Files.writeString(root.resolve("host-secret.txt"), "not for the archive");
        drop("WS-2024-Y-0012", true);
        Files.writeString(inbound.resolve("WS-2024-Y-0012.json"), """
                {"title": "链接", "author": "办公室", "docDate": "2024-03-01", "retentionPeriod": "永久",
                 "files": ["link.pdf"]}""");
        Files.createSymbolicLink(inbound.resolve("link.pdf"), outside);

        SyncReport report = job(archive, source(), 1).runOnce();

        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(archive.records()).isEmpty();
        assertThat(archive.files()).isEmpty();
        assertThat(Files.readString(root.resolve("error/WS-2024-Y-0012/WS-2024-Y-0012.reason.txt")))
                .contains("files[0]: 'link.pdf' is a symbolic link");
        assertThat(outside).hasContent("not for the archive");
    }

    @Test
    void builder_refusesBackupOrErrorInsideTheInboundDirectory() {
        assertThatThrownBy(() -> FileDropSource.builder(inbound).backupDir(inbound.resolve("backup")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside inbound_dir");
    }
}
