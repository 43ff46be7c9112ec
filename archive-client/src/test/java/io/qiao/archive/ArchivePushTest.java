package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.archive.model.ArchiveFile;
import io.qiao.client.ApiException;
import io.qiao.client.RetryOptions;
import io.qiao.testkit.archive.ArchiveFaults.Operation;
import io.qiao.testkit.archive.SimulatedFile;
import io.qiao.testkit.archive.SimulatedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The idempotent push, the same tests over REST, SOAP 1.1 and SOAP 1.2 (files as base64 or MTOM): a lost answer after
 * create never duplicates the record, a failing upload is finished by the next push, files already there are not sent
 * again.
 */
class ArchivePushTest extends OverEveryArchiveBackend {

    @TempDir
    Path dir;

    private static ArchiveClient.Builder clientBuilder(ArchiveBackend archive) {
        return archive.clientBuilder().retry(RetryOptions.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ZERO)
                .jitter(0).throttleDelay(Duration.ZERO).build());
    }

    private static ArchiveClient client(ArchiveBackend archive) {
        return clientBuilder(archive).build();
    }

    private static io.qiao.archive.model.ArchiveMetadata metadata(String archiveNo) {
        return ArchiveClientTest.metadata(archiveNo);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_createsAndUploads_reportingEachFile(ArchiveBackend archive) throws Exception {
        ArchiveClient client = client(archive);
        List<ArchiveFile> files = List.of(ArchiveFile.of(write("正文.pdf", "1")), ArchiveFile.of(write("附件.ofd", "22")));

        var result = client.archives().push(metadata("P-1"), files);

        assertThat(result.record()).isEqualTo(io.qiao.archive.model.PushResult.RecordOutcome.CREATED);
        assertThat(result.isComplete()).isTrue();
        assertThat(result.files()).extracting(f -> f.outcome().name()).containsExactly("UPLOADED", "UPLOADED");
        assertThat(archive.records().get(0).files()).extracting(SimulatedFile::fileName)
                .containsExactly("正文.pdf", "附件.ofd");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_whenTheSecondUploadFails_aRepeatUploadsOnlyTheMissingFile(ArchiveBackend archive) throws Exception {
        ArchiveClient client = client(archive);
        List<ArchiveFile> files = List.of(ArchiveFile.of(write("1.pdf", "one")), ArchiveFile.of(write("2.pdf", "two")),
                ArchiveFile.of(write("3.pdf", "three")));
        archive.faults().failUpload(2);

        var first = client.archives().push(metadata("P-2"), files);
        assertThat(first.isComplete()).isFalse();
        assertThat(first.files()).extracting(f -> f.outcome().name()).containsExactly("UPLOADED", "FAILED", "UPLOADED");
        assertThat(first.failedFiles().get(0).reason()).contains("HTTP 500");

        var second = client.archives().push(metadata("P-2"), files);
        assertThat(second.record()).isEqualTo(io.qiao.archive.model.PushResult.RecordOutcome.FOUND);
        assertThat(second.files()).extracting(f -> f.outcome().name())
                .containsExactly("ALREADY_PRESENT", "UPLOADED", "ALREADY_PRESENT");
        assertThat(archive.records()).hasSize(1);
        assertThat(archive.files()).extracting(SimulatedFile::fileName)
                .containsExactlyInAnyOrder("1.pdf", "2.pdf", "3.pdf");
        assertThat(archive.requestCount(Operation.CREATE)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_whenAnUploadFailedAfterTheFileWasStored_aRepeatDoesNotUploadItAgain(ArchiveBackend archive) throws Exception {
        ArchiveClient client = client(archive);
        List<ArchiveFile> files = List.of(ArchiveFile.of(write("1.pdf", "one")));
        archive.faults().failUploadAfterStoring(1);

        assertThat(client.archives().push(metadata("P-3"), files).isComplete()).isFalse();
        var again = client.archives().push(metadata("P-3"), files);

        assertThat(again.files().get(0).outcome().name()).isEqualTo("ALREADY_PRESENT");
        assertThat(again.files().get(0).facts().sha256()).isEqualTo(ArchiveClientTest.sha256(files.get(0).path()));
        assertThat(archive.files()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_whenCreateFailedAfterTheRecordWasStored_aRepeatFindsIt_evenWithoutLookupFirst(ArchiveBackend archive) throws Exception {
        List<ArchiveFile> files = List.of(ArchiveFile.of(write("1.pdf", "one")));
        archive.faults().failCreateAfterStoring(1);
        ArchiveClient createFirst = clientBuilder(archive).lookupBeforeCreate(false).build();

        assertThatThrownBy(() -> createFirst.archives().push(metadata("P-4"), files))
                .isInstanceOf(ApiException.class).hasMessageContaining("HTTP 500");
        var again = createFirst.archives().push(metadata("P-4"), files); // create -> 409 -> found by archiveNo

        assertThat(again.record()).isEqualTo(io.qiao.archive.model.PushResult.RecordOutcome.FOUND);
        assertThat(again.isComplete()).isTrue();
        assertThat(archive.records()).hasSize(1);
        assertThat(archive.files()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_whenAFileOfTheSameNameButOtherContentIsThere_reportsItInsteadOfDuplicating(ArchiveBackend archive) throws Exception {
        ArchiveClient client = client(archive);
        Path f = write("1.pdf", "one");
        client.archives().push(metadata("P-6"), List.of(ArchiveFile.of(f)));
        Files.writeString(f, "changed content");

        var again = client.archives().push(metadata("P-6"), List.of(ArchiveFile.of(f)));

        assertThat(again.isComplete()).isFalse();
        assertThat(again.failedFiles().get(0).reason()).contains("a different file named 1.pdf is already attached");
        assertThat(archive.files()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_withMissingFilesAndBadMetadata_sendsNothing_andNamesEveryProblem(ArchiveBackend archive) {
        ArchiveClient client = client(archive);
        List<ArchiveFile> files = List.of(ArchiveFile.of(dir.resolve("missing.pdf")), ArchiveFile.of(dir));
        assertThatThrownBy(() -> client.archives().push(metadata("P-7").toBuilder().author(" ").build(), files))
                .isInstanceOfSatisfying(InvalidArchiveException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("author", "files[0]", "files[1]"))
                .hasMessageContaining("does not exist").hasMessageContaining("is a directory");
        assertThat(archive.requestCount(Operation.TOKEN)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void push_underInjectedFaults_storesEveryRecordOnceAndEveryFileOnce(ArchiveBackend archive) throws Exception {
        ArchiveClient client = client(archive);
        ArchiveBackend sim = archive;
        sim.faults().failUpload(2).failUploadAfterStoring(4).failCreateAfterStoring(3).failUpload(7)
                .resetConnection(Operation.UPLOAD, 9).status(Operation.QUERY, 5, 503).throttle(Operation.CREATE, 5)
                .failUploadAfterStoring(11);
        Map<String, List<ArchiveFile>> work = new java.util.LinkedHashMap<>();
        for (int r = 1; r <= 6; r++) {
            List<ArchiveFile> files = new ArrayList<>();
            for (int f = 1; f <= 3; f++) {
                files.add(ArchiveFile.of(write("r" + r + "-文件" + f + ".pdf", "record " + r + " file " + f)));
            }
            work.put("F-" + r, files);
        }

        int unfinished = 0;
        for (int round = 1; round <= 5 && !work.isEmpty(); round++) {
            for (var it = work.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                try {
                    if (client.archives().push(metadata(e.getKey()), e.getValue()).isComplete()) {
                        it.remove();
                    } else {
                        unfinished++;
                    }
                } catch (io.qiao.client.QiaoException failed) {
                    assertThat(failed.isRetryable()).as(failed.getMessage()).isTrue();
                    unfinished++;
                }
            }
        }

        assertThat(work).isEmpty();
        assertThat(unfinished).as("pushes the faults interrupted").isGreaterThanOrEqualTo(5);
        assertThat(sim.requestCount(Operation.UPLOAD)).isGreaterThan(18);
        assertThat(sim.records()).extracting(SimulatedRecord::archiveNo)
                .containsExactlyInAnyOrder("F-1", "F-2", "F-3", "F-4", "F-5", "F-6");
        assertThat(sim.files()).hasSize(18);
        assertThat(sim.files()).extracting(SimulatedFile::fileName).doesNotHaveDuplicates();
    }

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }
}
