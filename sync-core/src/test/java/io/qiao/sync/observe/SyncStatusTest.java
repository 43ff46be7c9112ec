package io.qiao.sync.observe;

import io.qiao.sync.MovingClock;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.store.LeaseHolder;
import io.qiao.sync.ListSource;
import io.qiao.sync.Position;
import io.qiao.sync.SyncException;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.SyncRetry;
import io.qiao.sync.record.Violation;
import io.qiao.sync.WriteResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncStatusTest {
    @TempDir
    Path dir;

    @Test
    void statusListener_keepsTotalsLastSuccessAndErrorsAcrossRuns_inAFile() throws Exception {
        SyncStatusStore store = SyncStatusStore.inDirectory(dir);
        SyncStatusListener status = new SyncStatusListener(store);
        AtomicBoolean broken = new AtomicBoolean();
        MovingClock clock = new MovingClock(Instant.parse("2024-05-01T00:00:00Z"));
        List<Integer> data = new java.util.ArrayList<>(List.of(1, 2, 3));
        SyncJob.Builder<Integer, Integer> b = SyncJob.builder("status-job").source(ListSource.of(data, 2))
                .validate(i -> i == 2 ? List.of(new Violation("i", "is 2")) : List.of())
                .sink(batch -> {
                    if (broken.get()) {
                        throw ApiException.builder().operation("kis.save").httpStatus(400).vendorCode("E9").build();
                    }
                    return WriteResult.allWritten(batch.size());
                })
                .checkpoints(new InMemoryCheckpointStore()).deadLetters(new InMemoryDeadLetterStore())
                .retry(SyncRetry.none()).clock(clock).listener(status).listener(new LoggingSyncListener());
        SyncJob<Integer, Integer> job = b.build();

        job.runOnce();
        Instant firstRun = clock.now;
        clock.now = clock.now.plusSeconds(300);
        data.add(4);
        broken.set(true);
        SyncJob<Integer, Integer> job2 = b.source(ListSource.of(data, 2)).build();
        job2.runOnce();

        SyncStatus s = SyncStatusStore.inDirectory(dir).load("status-job").orElseThrow();
        assertThat(s.runs()).isEqualTo(2);
        assertThat(s.lastRunAt()).isEqualTo(clock.now);
        assertThat(s.lastStatus()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(s.lastSuccessAt()).isEqualTo(firstRun);
        assertThat(s.totalRead()).isEqualTo(4); // the second run read record 4, then failed writing it
        assertThat(s.totalWritten()).isEqualTo(2);
        assertThat(s.totalDeadLettered()).isEqualTo(1);
        assertThat(s.errorCount()).isEqualTo(1);
        assertThat(s.consecutiveFailures()).isEqualTo(1);
        assertThat(s.lastError()).contains("code E9");
        assertThat(s.watermark()).isEqualTo(Instant.EPOCH);
        assertThat(Files.readString(dir.resolve("status-job.status.json"))).contains("\"totalWritten\" : 2");
    }

    @Test
    void after_aRunSkippedBecauseAnotherReplicaHoldsTheLease_changesNothing() {
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        SyncStatus ran = SyncStatus.initial("j").after(new SyncReport("j", SyncReport.Status.SUCCEEDED, t,
                java.time.Duration.ofSeconds(1), 1, 1, 5, 5, 0, 0, 0, null, Position.at(t), null, null, false));

        SyncStatus skipped = ran.after(new SyncReport("j", SyncReport.Status.SKIPPED_LEASE_HELD, t.plusSeconds(60),
                java.time.Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, false,
                new LeaseHolder("j", "pod-b", t.plusSeconds(120))));

        assertThat(skipped).isEqualTo(ran);
    }

    @Test
    void after_aFailedRunWhoseErrorRepeatsAJdbcUrl_keepsItsPasswordOutOfLastError() {
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        SyncException error = new SyncException("cannot read: No suitable driver found for "
                + "jdbc:mysql://probe:DbPw@127.0.0.1:3306/x?sslpassword=DbPw", null);

        SyncStatus s = SyncStatus.initial("j").after(new SyncReport("j", SyncReport.Status.FAILED, t,
                java.time.Duration.ofSeconds(1), 0, 0, 0, 0, 0, 0, 0, null, null, null, error, false));

        assertThat(s.lastError()).contains("jdbc:mysql://probe:").contains("@127.0.0.1:3306/x").doesNotContain("DbPw");
    }

    @Test
    void aRunEndedByAStopRequest_isStoppedInTheReportAndTheStatusFile_notSucceeded() throws Exception {
        java.util.concurrent.CountDownLatch inFirstBatch = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        SyncJob<Integer, Integer> job = SyncJob.<Integer, Integer>builder("stopped-job")
                .source(ListSource.of(List.of(1, 2, 3, 4, 5, 6), 2)).batchSize(2)
                .sink(batch -> {
                    inFirstBatch.countDown();
                    try {
                        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return WriteResult.allWritten(batch.size());
                })
                .checkpoints(new InMemoryCheckpointStore()).deadLetters(new InMemoryDeadLetterStore())
                .listener(new SyncStatusListener(SyncStatusStore.inDirectory(dir))).build();
        SyncReport[] report = new SyncReport[1];
        Thread runner = new Thread(() -> report[0] = job.runOnce());
        runner.start();
        assertThat(inFirstBatch.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        job.requestStop();
        release.countDown();
        runner.join(10_000);

        assertThat(report[0].status()).isEqualTo(SyncReport.Status.STOPPED);
        assertThat(report[0].written()).isEqualTo(2);
        SyncStatus s = SyncStatusStore.inDirectory(dir).load("stopped-job").orElseThrow();
        assertThat(s.lastStatus()).isEqualTo(SyncReport.Status.STOPPED);
        assertThat(s.errorCount()).isZero();
        assertThat(Files.readString(dir.resolve("stopped-job.status.json"))).contains("\"STOPPED\"");
    }

    @Test
    void corruptStatusFile_isNamed() throws Exception {
        Files.writeString(dir.resolve("j.status.json"), "{oops");

        assertThatThrownBy(() -> SyncStatusStore.inDirectory(dir).load("j"))
                .hasMessageContaining(dir.resolve("j.status.json").toString());
    }

    @Test
    void inMemory_roundTrips() {
        SyncStatusStore s = SyncStatusStore.inMemory();
        s.save(SyncStatus.initial("a"));
        assertThat(s.load("a")).contains(SyncStatus.initial("a"));
        assertThat(s.load("b")).isEmpty();
    }

    @Test
    void garbageStatusFile_isRewrittenByTheNextRun_keepingTheDamagedBytesInACorruptCopy() throws Exception {
        Path file = dir.resolve("status-job.status.json");
        Files.writeString(file, "\u0000\u0000garbage{");
        SyncJob<Integer, Integer> job = SyncJob.builder("status-job").source(ListSource.of(List.of(1, 2), 2))
                .sink(batch -> WriteResult.allWritten(batch.size()))
                .checkpoints(new InMemoryCheckpointStore()).deadLetters(new InMemoryDeadLetterStore())
                .retry(SyncRetry.none()).listener(new SyncStatusListener(SyncStatusStore.inDirectory(dir))).build();

        job.runOnce();

        SyncStatus s = SyncStatusStore.inDirectory(dir).load("status-job").orElseThrow();
        assertThat(s.runs()).isEqualTo(1);
        assertThat(s.totalWritten()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("status-job.status.json.corrupt"))).isEqualTo("\u0000\u0000garbage{");
    }

    @Test
    void loadingFromADirectoryThatDoesNotExist_createsNothing() {
        Path missing = dir.resolve("status");
        assertThat(SyncStatusStore.inDirectory(missing).load("j")).isEmpty();
        assertThat(missing).doesNotExist();
    }
}
