package io.qiao.sync;

import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.FileCheckpointStore;
import io.qiao.sync.store.JsonLinesDeadLetterStore;
import io.qiao.sync.record.Rules;
import io.qiao.sync.observe.SyncStatus;
import io.qiao.sync.observe.SyncStatusListener;
import io.qiao.sync.observe.SyncStatusStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job on file stores, as a small host without a database runs it: a run that fails part-way, a "restart"
 * (new store instances over the same directory), and a second run that carries on from the file checkpoint.
 */
class FileStoresEndToEndTest {
    record Doc(String archiveNo, String title, String docDate) {
    }

    @TempDir
    Path dir;

    private SyncJob<Doc, Doc> job(List<Doc> docs, Sink<Doc> sink) {
        return SyncJob.builder("archive-push").source(ListSource.of(docs, 10))
                .validate(Rules.all(Rules.required("title", Doc::title),
                        Rules.dateFormat("doc_date", Doc::docDate, "yyyy-MM-dd")))
                .sink(sink)
                .checkpoints(FileCheckpointStore.in(dir.resolve("checkpoints")))
                .deadLetters(JsonLinesDeadLetterStore.in(dir.resolve("dead-letters")))
                .keyOf(Doc::archiveNo).recordType(Doc.class).retry(SyncRetry.none())
                .listener(new SyncStatusListener(SyncStatusStore.inDirectory(dir.resolve("status"))))
                .build();
    }

    @Test
    void failedRun_thenRestart_carriesOnFromTheFileCheckpoint_andKeepsTheDeadLetters() throws Exception {
        List<Doc> docs = IntStream.range(0, 30).mapToObj(i -> new Doc("WS-" + i, i == 7 ? "" : "文书" + i,
                i == 12 ? "2024/13/01" : "2024-05-01")).toList();
        InMemorySink<String, Doc> archive = InMemorySink.keyedBy(Doc::archiveNo);
        AtomicBoolean archiveDown = new AtomicBoolean(false);
        Sink<Doc> flaky = batch -> {
            if (archiveDown.get() && batch.stream().anyMatch(d -> d.archiveNo().equals("WS-25"))) {
                throw ApiException.builder().operation("archive.push").httpStatus(400).vendorCode("A17").build();
            }
            return archive.write(batch);
        };
        archiveDown.set(true);

        SyncReport first = job(docs, flaky).runOnce();

        assertThat(first.failed()).isTrue();
        assertThat(first.checkpointAfter()).isEqualTo(ListSource.positionAt(20));
        assertThat(first.deadLettered()).isEqualTo(2);

        archiveDown.set(false);
        SyncJob<Doc, Doc> restarted = job(docs, flaky); // new store instances over the same files
        SyncReport second = restarted.runOnce();

        assertThat(second.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(second.checkpointBefore()).isEqualTo(ListSource.positionAt(20));
        assertThat(second.read()).isEqualTo(10);
        assertThat(archive.size()).isEqualTo(28);
        List<DeadLetter> open = restarted.deadLetters().list("archive-push", false, 10);
        assertThat(open).extracting(DeadLetter::key).containsExactly("WS-7", "WS-12");
        assertThat(open.get(1).reasons()).containsExactly("doc_date: '2024/13/01' is not a date yyyy-MM-dd");
        assertThat(restarted.deadLetterSummary(java.time.Duration.ofDays(1))).containsOnlyKeys(
                "title: is required", "doc_date: '?' is not a date yyyy-MM-dd");
        SyncStatus status = SyncStatusStore.inDirectory(dir.resolve("status")).load("archive-push").orElseThrow();
        assertThat(status.runs()).isEqualTo(2);
        assertThat(status.errorCount()).isEqualTo(1);
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(Files.readString(dir.resolve("checkpoints/archive-push.checkpoint.json"))).contains("\"cursor\" : \"30\"");
    }

    @Test
    void replay_afterTheSourceDataIsCorrected_resolvesFromTheJsonLinesFile() {
        List<Doc> docs = List.of(new Doc("WS-1", "合同", "2024-05-01"), new Doc("WS-2", "发票", "2024-05-02"));
        Map<String, String> refused = new java.util.HashMap<>(Map.of("WS-2", "archive: 全宗号 missing"));
        InMemorySink<String, Doc> archive = InMemorySink.keyedBy(Doc::archiveNo, d -> refused.get(d.archiveNo()));
        job(docs, archive).runOnce();

        refused.clear();
        SyncJob<Doc, Doc> later = job(docs, archive);
        ReplayReport replay = later.replayOpen(10);

        assertThat(replay.resolved()).hasSize(1);
        assertThat(archive.get("WS-2")).isPresent();
        assertThat(later.deadLetters().list("archive-push", false, 10)).isEmpty();
        assertThat(later.purgeDeadLetters(true)).isEqualTo(1);
    }
}
