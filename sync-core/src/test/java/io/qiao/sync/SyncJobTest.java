package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointConflictException;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.store.LeaseHolder;
import io.qiao.sync.record.Lookup;
import io.qiao.sync.record.Lookups;
import io.qiao.sync.record.Mapped;
import io.qiao.sync.record.RecordValidator;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.record.Rules;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.record.Violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.client.TransportException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyncJobTest {
    record Item(String id, String sku, int qty) {
    }

    record Row(String id, long itemId, int qty) {
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC);

    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore(CLOCK);
    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();

    private static List<Item> items(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Item("io-" + i, "SKU-" + (i % 10), i)).toList();
    }

    private SyncJob.Builder<Item, Item> job(Source<Item> source) {
        return SyncJob.builder("test-job").source(source)
                .checkpoints(checkpoints).deadLetters(deadLetters).clock(CLOCK)
                .retry(SyncRetry.of(3, java.time.Duration.ZERO, java.time.Duration.ZERO))
                .keyOf(Item::id).recordType(Item.class);
    }

    @Test
    void build_withLeaseButAStoreThatGrantsNone_isRefused_namingTheStore() {
        SyncJob.Builder<Item, Item> b = job(ListSource.of(items(1))).sink(InMemorySink.keyedBy(Item::id))
                .lease(java.time.Duration.ofMinutes(2));

        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lease(PT2M)").hasMessageContaining("InMemoryCheckpointStore");
        assertThatThrownBy(() -> b.lease(java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lease ttl must be positive, was PT0S");
    }

    @Test
    void lease_longerThanADay_isRefused_namingTheValueAndTheLimit() {
        SyncJob.Builder<Item, Item> b = job(ListSource.of(items(1))).sink(InMemorySink.keyedBy(Item::id));

        assertThatThrownBy(() -> b.lease(java.time.Duration.ofDays(99_999_999_999L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lease ttl must be at most PT24H, was PT2399999999976H");
    }

    @Test
    void leaseHeldReport_namesTheHolderAndUntilWhen() {
        Instant until = Instant.parse("2024-05-01T00:02:00Z");
        SyncReport r = SyncReport.leaseHeld("j", CLOCK.instant(), new LeaseHolder("j", "pod-b", until));

        assertThat(r.failed()).isFalse();
        assertThat(r.advanced()).isFalse();
        assertThat(r).hasToString("j SKIPPED_LEASE_HELD: not run; the lease is held by 'pod-b' until " + until);
    }

    @Test
    void report_addsUpWhatTheSinkSaysEachRecordDid_createdUpdatedAlreadyPresent_andPrintsIt() {
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);
        List<Item> changed = new ArrayList<>(items(5));
        changed.set(0, new Item("io-0", "SKU-0", 99));

        SyncReport first = job(ListSource.of(items(5), 2)).batchSize(2).sink(sink).build().runOnce();
        SyncReport again = SyncJob.builder("again").source(ListSource.of(changed, 2)).sink(sink)
                .checkpoints(new InMemoryCheckpointStore(CLOCK)).deadLetters(deadLetters).clock(CLOCK)
                .recordType(Item.class).batchSize(2).build().runOnce();
        SyncReport plain = SyncJob.builder("plain").source(ListSource.of(items(3)))
                .sink(batch -> WriteResult.<Item>allWritten(batch.size())).checkpoints(checkpoints)
                .deadLetters(deadLetters).clock(CLOCK).recordType(Item.class).build().runOnce();

        assertThat(List.of(first.written(), first.created(), first.updated(), first.alreadyPresent()))
                .containsExactly(5L, 5L, 0L, 0L);
        assertThat(List.of(again.written(), again.created(), again.updated(), again.alreadyPresent()))
                .containsExactly(5L, 0L, 1L, 4L);
        assertThat(again.toString()).contains("5 read, 5 written (0 created, 1 updated, 4 already present), "
                + "0 dead-lettered");
        assertThat(plain.unclassified()).isEqualTo(3);
        assertThat(plain.toString()).contains("3 written (0 created, 0 updated, 0 already present, "
                + "3 not classified by the sink)");
    }

    @Test
    void runOnce_fromAStartFarInThePast_commitsNoCheckpointOutsideTheSaneRange_andFailsSayingWhy() {
        Instant farPast = CLOCK.instant().minus(java.time.Duration.ofDays(99_999_999_999L)); // --since 99999999999d
        List<TimeWindow> asked = new CopyOnWriteArrayList<>();
        TimeWindowSource<Item> windows = TimeWindowSource.<Item>builder(w -> {
            asked.add(w);
            if (asked.size() > 1) {
                throw new IllegalStateException("the vendor cannot format " + w.start());
            }
            return List.of();
        }).maxWindow(java.time.Duration.ofDays(7)).build();
        // the builder refuses such a watermark itself; a source of the user's own may still start there
        Source<Item> source = new Source<>() {
            @Override
            public Position initialPosition(java.time.Clock clock) {
                return Position.at(farPast);
            }

            @Override
            public java.util.Iterator<Window<Item>> windows(Position from, java.time.Clock clock) {
                return windows.windows(from, clock);
            }
        };

        SyncReport report = job(source).sink(InMemorySink.keyedBy(Item::id)).build().runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.errorSummary()).contains("would start at " + farPast)
                .contains("[1970-01-01T00:00:00Z, 2024-05-02T00:00:00Z] (the epoch to now + 1 day)");
        assertThat(checkpoints.load("test-job")).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void runOnce_fromAStoredCheckpointOutsideTheSaneRange_failsTellingHowToReset_andAResetRepairsIt() {
        Instant farPast = Instant.parse("-273788674-01-01T00:00:00Z");
        checkpoints.compareAndSet("test-job", 0, Position.at(farPast)); // written by an older version, or by hand
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);
        TimeWindowSource<Item> source = TimeWindowSource.<Item>builder(w -> {
            if (w.start().isBefore(Instant.EPOCH)) {
                throw new IllegalStateException("the vendor cannot format " + w.start()); // as a real one fails
            }
            return List.of();
        }).build();
        SyncJob<Item, Item> job = job(source).sink(sink).build();

        SyncReport stuck = job.runOnce();
        Checkpoint reset = job.resetCheckpoint(Position.at(Instant.parse("2024-04-30T00:00:00Z")));
        SyncReport repaired = job.runOnce();

        assertThat(stuck.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(stuck.error()).hasMessage("the checkpoint of job 'test-job' has watermark " + farPast
                + ", outside [1970-01-01T00:00:00Z, 2024-05-02T00:00:00Z] (the epoch to now + 1 day), so no run can "
                + "start from it; reset it to a time in that range with SyncJob.admin().resetCheckpoint (in the qiao CLI: "
                + "qiao reset test-job --since T)");
        assertThat(reset.version()).isEqualTo(2);
        assertThat(repaired.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(repaired.checkpointAfter().watermark()).isEqualTo(CLOCK.instant().minusSeconds(30));
    }

    @Test
    void resetCheckpoint_outsideTheSaneRange_isRefused_namingTheValueAndTheRange() {
        SyncJob<Item, Item> job = job(ListSource.of(items(1))).sink(InMemorySink.keyedBy(Item::id)).build();
        Instant farPast = CLOCK.instant().minus(java.time.Duration.ofDays(99_999_999_999L));
        Instant tomorrowAndASecond = CLOCK.instant().plus(java.time.Duration.ofDays(1)).plusSeconds(1);

        assertThatThrownBy(() -> job.resetCheckpoint(Position.at(farPast)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot reset job 'test-job' to watermark " + farPast + ": a checkpoint's watermark must "
                        + "lie in [1970-01-01T00:00:00Z, 2024-05-02T00:00:00Z] (the epoch to now + 1 day)");
        assertThatThrownBy(() -> job.resetCheckpoint(Position.at(tomorrowAndASecond)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(tomorrowAndASecond.toString());
        assertThat(checkpoints.load("test-job")).isEmpty();
        assertThat(job.resetCheckpoint(Position.at(Instant.EPOCH)).position().watermark()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void runOnce_whenASourceWouldCommitAWatermarkPastTomorrow_failsAndKeepsTheCheckpoint() {
        Instant future = CLOCK.instant().plus(java.time.Duration.ofDays(400));
        Source<Item> wrongClock = new Source<>() {
            @Override
            public Iterator<Window<Item>> windows(Position from, Clock clock) {
                return List.<Window<Item>>of(new Window<>() {
                    @Override
                    public String describe() {
                        return "a window ending next year";
                    }

                    @Override
                    public Position endPosition() {
                        return Position.at(future);
                    }

                    @Override
                    public Iterator<Item> records() {
                        return items(3).iterator();
                    }
                }).iterator();
            }

            @Override
            public Position initialPosition(Clock clock) {
                return Position.at(Instant.EPOCH);
            }
        };

        SyncReport report = job(wrongClock).sink(InMemorySink.keyedBy(Item::id)).build().runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.errorSummary()).contains("would commit watermark " + future)
                .contains("the checkpoint stays at none");
        assertThat(checkpoints.load("test-job")).isEmpty();
    }

    @Test
    void orderedTimeWindows_commitAfterEachBatch_untilARecordComesOutOfOrder_thenOnlyAtTheWindowsEnd() {
        Instant t = CLOCK.instant().minus(java.time.Duration.ofHours(1));
        List<Instant> inOrder = IntStream.rangeClosed(1, 9).mapToObj(i -> t.plusSeconds(i)).toList();
        List<Instant> broken = new ArrayList<>(inOrder);
        broken.set(3, t.plusMillis(500)); // the 4th record is older than the 3rd: the promised order does not hold
        List<Position> commits = new CopyOnWriteArrayList<>();
        for (List<Instant> times : List.of(inOrder, broken)) {
            commits.clear();
            InMemoryCheckpointStore inner = new InMemoryCheckpointStore(CLOCK);
            CheckpointStore store = new CheckpointStore() {
                @Override
                public java.util.Optional<Checkpoint> load(String job) {
                    return inner.load(job);
                }

                @Override
                public Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
                    commits.add(position);
                    return inner.compareAndSet(job, expectedVersion, position);
                }
            };
            TimeWindowSource<Instant> source = TimeWindowSource.<Instant>builder(w -> times)
                    .orderedBy(i -> i).initialWatermark(t).maxWindow(java.time.Duration.ofDays(1))
                    .settleDelay(java.time.Duration.ZERO).overlap(java.time.Duration.ZERO).build();
            SyncReport report = SyncJob.builder("ordered").source(source)
                    .sink(InMemorySink.<Instant, Instant>keyedBy(i -> i)).checkpoints(store).deadLetters(deadLetters)
                    .clock(CLOCK).batchSize(3).recordType(Instant.class).build().runOnce();

            assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
            if (times == inOrder) {
                assertThat(commits).containsExactly(Position.at(t.plusSeconds(3)), Position.at(t.plusSeconds(6)),
                        Position.at(CLOCK.instant()));
            } else {
                assertThat(commits).containsExactly(Position.at(t.plusSeconds(3)), Position.at(CLOCK.instant()));
            }
        }
    }

    @Test
    void runOnce_writesEveryRecordInBatchesIndependentOfWindows_andCommitsEachWindow() {
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);
        SyncJob<Item, Item> job = job(ListSource.of(items(250), 100)).batchSize(40).sink(sink).build();

        SyncReport report = job.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(report.windows()).isEqualTo(3);
        assertThat(report.pages()).isEqualTo(3);
        assertThat(report.read()).isEqualTo(250);
        assertThat(report.written()).isEqualTo(250);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.retried()).isZero();
        assertThat(report.checkpointBefore()).isNull();
        assertThat(report.checkpointAfter()).isEqualTo(ListSource.positionAt(250));
        assertThat(report.firstError()).isEmpty();
        assertThat(sink.size()).isEqualTo(250);
        // windows of 100 in batches of 40: 40+40+20 per full window, 40+10 for the last; the list's offsets let
        // the checkpoint advance after every batch
        assertThat(sink.batches()).isEqualTo(3 + 3 + 2);
        assertThat(checkpoints.load("test-job").orElseThrow().version()).isEqualTo(8);
    }

    @Test
    void runOnce_again_startsFromTheCheckpoint() {
        List<Item> all = new ArrayList<>(items(100));
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);
        job(ListSource.of(all, 50)).sink(sink).build().runOnce();
        all.addAll(IntStream.range(100, 130).mapToObj(i -> new Item("io-" + i, "S", i)).toList());

        SyncReport second = job(ListSource.of(all, 50)).sink(sink).build().runOnce();

        assertThat(second.checkpointBefore()).isEqualTo(ListSource.positionAt(100));
        assertThat(second.read()).isEqualTo(30);
        assertThat(second.checkpointAfter()).isEqualTo(ListSource.positionAt(130));
        assertThat(sink.size()).isEqualTo(130);
    }

    @Test
    void resetCheckpoint_rewindsSoThatTheNextRunReadsAgain() {
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);
        SyncJob<Item, Item> job = job(ListSource.of(items(10), 5)).sink(sink).build();
        job.runOnce();

        Checkpoint rewound = job.resetCheckpoint(ListSource.positionAt(5));
        SyncReport again = job.runOnce();

        assertThat(rewound.version()).isEqualTo(3);
        assertThat(again.read()).isEqualTo(5);
        assertThat(job.checkpoint().orElseThrow().position()).isEqualTo(ListSource.positionAt(10));
        assertThat(sink.writes()).isEqualTo(15);
    }

    @Test
    void runOnce_keepsOrderWithinAWindow() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Sink<Item> sink = batch -> {
            batch.forEach(i -> seen.add(i.id()));
            return WriteResult.allWritten(batch.size());
        };

        job(ListSource.of(items(1000), 300)).batchSize(7).fetchAhead(2).sink(sink).build().runOnce();

        assertThat(seen).containsExactlyElementsOf(items(1000).stream().map(Item::id).toList());
    }

    @Test
    void severalReaders_readWindowsInParallel_butCommitThemInOrder() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> commits = new CopyOnWriteArrayList<>();
        Sink<Item> sink = batch -> {
            batch.forEach(i -> seen.add(i.id()));
            return WriteResult.allWritten(batch.size());
        };
        SyncJob<Item, Item> job = job(ListSource.of(items(1000), 37)).batchSize(10).fetchAhead(2).readers(3)
                .sink(sink).listener(new SyncListener() {
                    @Override
                    public void checkpointCommitted(String job, String window, Checkpoint c) {
                        commits.add(c.position().cursor());
                    }
                }).build();

        SyncReport report = job.runOnce();

        assertThat(report.windows()).isEqualTo(28);
        assertThat(seen).containsExactlyElementsOf(items(1000).stream().map(Item::id).toList());
        assertThat(commits).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 28).mapToObj(w -> Integer.toString(Math.min(1000, w * 37))).toList());
    }

    @Test
    void invalidRecords_becomeDeadLettersWithEveryViolation_andTheRunGoesOn() {
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);
        RecordValidator<Item> qty = i -> i.qty() % 10 == 3 ? List.of(new Violation("qty", "'" + i.qty() + "' ends in 3"))
                : List.of();
        RecordValidator<Item> sku = i -> i.qty() == 13 ? List.of(new Violation("sku", "must not be SKU-3")) : List.of();
        SyncJob<Item, Item> job = job(ListSource.of(items(30), 30)).validate(qty).validate(sku).sink(sink).build();

        SyncReport report = job.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(report.read()).isEqualTo(30);
        assertThat(report.written()).isEqualTo(27);
        assertThat(report.deadLettered()).isEqualTo(3);
        assertThat(report.checkpointAfter()).isEqualTo(ListSource.positionAt(30));
        List<DeadLetter> dls = deadLetters.list("test-job", false, 10);
        assertThat(dls).extracting(DeadLetter::key).containsExactly("io-3", "io-13", "io-23");
        DeadLetter d13 = dls.get(1);
        assertThat(d13.stage()).isEqualTo(Rejection.Stage.VALIDATE);
        assertThat(d13.reasons()).containsExactly("qty: '13' ends in 3", "sku: must not be SKU-3");
        assertThat(d13.payload()).isEqualTo("{\"id\":\"io-13\",\"sku\":\"SKU-3\",\"qty\":13}");
        assertThat(d13.window()).isEqualTo("records [0, 30)");
        assertThat(d13.firstSeen()).isEqualTo(CLOCK.instant());
    }

    @Test
    void lookupMiss_becomesALookupDeadLetterNamingTheKey() {
        Lookup<String, Long> items = Lookups.ofMap(Map.of("SKU-0", 100L, "SKU-1", 101L));
        InMemorySink<String, Row> sink = InMemorySink.keyedBy(Row::id);
        SyncJob<Item, Row> job = job(ListSource.of(items(3), 3))
                .map(i -> new Row(i.id(), items.require(i.sku(), "KIS FItemID for sku_id"), i.qty()))
                .sink(sink).build();

        SyncReport report = job.runOnce();

        assertThat(report.written()).isEqualTo(2);
        assertThat(report.deadLettered()).isEqualTo(1);
        DeadLetter d = deadLetters.list("test-job", false, 10).get(0);
        assertThat(d.stage()).isEqualTo(Rejection.Stage.LOOKUP);
        assertThat(d.reasons()).containsExactly("KIS FItemID for sku_id: no value for 'SKU-2'");
        assertThat(sink.get("io-1")).contains(new Row("io-1", 101L, 1));
    }

    @Test
    void mapOrReject_rejectsAndSkips_withExactCounts() {
        InMemorySink<String, Row> sink = InMemorySink.keyedBy(Row::id);
        SyncJob<Item, Row> job = job(ListSource.of(items(10), 4))
                .mapOrReject(i -> i.qty() == 2 ? Mapped.<Row>rejected("qty: 2 is not allowed")
                        : i.qty() == 5 ? Mapped.<Row>missing("unit of sku", i.sku())
                        : i.qty() >= 8 ? Mapped.<Row>skipped()
                        : Mapped.to(new Row(i.id(), 1, i.qty())))
                .sink(sink).build();

        SyncReport report = job.runOnce();

        assertThat(report.read()).isEqualTo(10);
        assertThat(report.written()).isEqualTo(6);
        assertThat(report.deadLettered()).isEqualTo(2);
        assertThat(report.skipped()).isEqualTo(2);
        assertThat(report.windows()).isEqualTo(3);
        assertThat(deadLetters.list("test-job", false, 10)).extracting(DeadLetter::stage)
                .containsExactly(Rejection.Stage.MAP, Rejection.Stage.LOOKUP);
    }

    @Test
    void mapperBug_onOneRecord_isAMapDeadLetter_notAFailedRun() {
        InMemorySink<String, Row> sink = InMemorySink.keyedBy(Row::id);
        SyncJob<Item, Row> job = job(ListSource.of(items(5), 5))
                .map(i -> {
                    if (i.qty() == 4) {
                        throw new IllegalArgumentException("unit 'box' unknown");
                    }
                    return new Row(i.id(), 1, i.qty());
                })
                .sink(sink).build();

        SyncReport report = job.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(deadLetters.list("test-job", false, 10).get(0).reasons())
                .containsExactly("IllegalArgumentException: unit 'box' unknown");
    }

    @Test
    void sinkRejections_becomeWriteDeadLettersWithTheSourcePayload() {
        InMemorySink<String, Row> sink = InMemorySink.keyedBy(Row::id, r -> r.qty() == 1 ? "KIS: 单据编号重复" : null);
        SyncJob<Item, Row> job = job(ListSource.of(items(3), 3)).map(i -> new Row(i.id(), 7, i.qty()))
                .sink(sink).build();

        SyncReport report = job.runOnce();

        assertThat(report.written()).isEqualTo(2);
        assertThat(report.deadLettered()).isEqualTo(1);
        DeadLetter d = deadLetters.list("test-job", false, 10).get(0);
        assertThat(d.stage()).isEqualTo(Rejection.Stage.WRITE);
        assertThat(d.key()).isEqualTo("io-1");
        assertThat(d.payload()).isEqualTo("{\"id\":\"io-1\",\"sku\":\"SKU-1\",\"qty\":1}");
        assertThat(d.reasons()).containsExactly("KIS: 单据编号重复");
    }

    @Test
    void transientSinkFailures_areRetried_andCounted() {
        InMemorySink<String, Item> inner = InMemorySink.keyedBy(Item::id);
        AtomicInteger calls = new AtomicInteger();
        Sink<Item> flaky = batch -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new TransportException("kis.save", "connection reset", true, null);
            }
            if (n == 3) {
                throw new RuntimeException("pool", new SQLTransientConnectionException("no connection"));
            }
            return inner.write(batch);
        };
        SyncJob<Item, Item> job = job(ListSource.of(items(20), 10)).sink(flaky).build();

        SyncReport report = job.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(report.retried()).isEqualTo(2);
        assertThat(report.written()).isEqualTo(20);
        assertThat(inner.size()).isEqualTo(20);
    }

    @Test
    void windowThatStillFails_endsTheRunFailed_withTheCheckpointBeforeIt() {
        InMemorySink<String, Item> inner = InMemorySink.keyedBy(Item::id);
        ApiException busy = ApiException.builder().operation("kis.save").httpStatus(503).retryable(true).build();
        Sink<Item> sink = batch -> {
            if (batch.get(0).qty() >= 10 && batch.get(0).qty() < 20) {
                throw busy;
            }
            return inner.write(batch);
        };
        SyncJob<Item, Item> job = job(ListSource.of(items(30), 10)).sink(sink).build();

        SyncReport report = job.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.windows()).isEqualTo(1);
        assertThat(report.retried()).isEqualTo(2);
        assertThat(report.checkpointAfter()).isEqualTo(ListSource.positionAt(10));
        assertThat(report.failedWindow()).isEqualTo("records [10, 20)");
        assertThat(report.firstError()).containsSame(busy);
        assertThat(report.errorSummary()).contains("HTTP 503");
        assertThat(checkpoints.load("test-job").orElseThrow().position()).isEqualTo(ListSource.positionAt(10));
        assertThat(inner.size()).isEqualTo(10);
    }

    @Test
    void permanentFailure_isNotRetried() {
        ApiException bad = ApiException.builder().operation("kis.save").httpStatus(400).vendorCode("E01").build();
        SyncJob<Item, Item> job = job(ListSource.of(items(5), 5)).sink(b -> {
            throw bad;
        }).build();

        SyncReport report = job.runOnce();

        assertThat(report.failed()).isTrue();
        assertThat(report.retried()).isZero();
        assertThat(report.checkpointAfter()).isNull();
        assertThat(checkpoints.load("test-job")).isEmpty();
    }

    @Test
    void sourceFailingPartWay_isReadAgainFromTheWindowStart() {
        AtomicInteger reads = new AtomicInteger();
        List<Item> data = items(10);
        Source<Item> source = new Source<>() {
            @Override
            public Iterator<Window<Item>> windows(Position from, Clock clock) {
                return List.<Window<Item>>of(new Window<>() {
                    @Override
                    public String describe() {
                        return "w";
                    }

                    @Override
                    public Position endPosition() {
                        return Position.at(Instant.parse("2024-04-30T00:00:00Z"));
                    }

                    @Override
                    public Iterator<Item> records() {
                        int attempt = reads.incrementAndGet();
                        Iterator<Item> it = data.iterator();
                        return new Iterator<>() {
                            int served;

                            @Override
                            public boolean hasNext() {
                                if (attempt == 1 && served == 6) {
                                    throw new TransportException("jst.query", "read timed out", true, null);
                                }
                                return it.hasNext();
                            }

                            @Override
                            public Item next() {
                                served++;
                                return it.next();
                            }
                        };
                    }
                }).iterator();
            }

            @Override
            public Position initialPosition(Clock clock) {
                return Position.at(Instant.EPOCH);
            }
        };
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);

        SyncReport report = job(source).batchSize(4).sink(sink).build().runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(reads).hasValue(2);
        assertThat(report.retried()).isEqualTo(1);
        assertThat(sink.size()).isEqualTo(10);
        // the failed attempt delivered 6 (one full batch reached the writer, 2 did not), the retry all 10
        assertThat(report.read()).isEqualTo(6 + 10);
        assertThat(report.checkpointAfter()).isEqualTo(Position.at(Instant.parse("2024-04-30T00:00:00Z")));
    }

    @Test
    void windowFailingAfterTwoPages_countsThosePagesAndRecords_onceForEveryAttempt() {
        SyncReport report = runWithSecondWindowFailingAfterTwoPages(
                SyncRetry.of(3, java.time.Duration.ZERO, java.time.Duration.ZERO), 1000);

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.windows()).isEqualTo(1);
        assertThat(report.retried()).isEqualTo(2);
        assertThat(report.pages()).isEqualTo(3 + 3 * 2);
        assertThat(report.read()).isEqualTo(150 + 3 * 100);
        assertThat(report.written()).isEqualTo(150);
        assertThat(report.toString()).contains("1 windows, 9 pages, 450 read, 150 written");
    }

    @Test
    void windowFailingAfterTwoPages_withoutRetries_countsThem_alsoWhenPartOfItWasWritten() {
        SyncReport report = runWithSecondWindowFailingAfterTwoPages(SyncRetry.none(), 40);

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.retried()).isZero();
        assertThat(report.pages()).isEqualTo(3 + 2);
        assertThat(report.read()).isEqualTo(150 + 100);
        // the failed window's first two batches of 40 reached the sink before its third page failed
        assertThat(report.written()).isEqualTo(150 + 80);
    }

    /** Three one-day windows of three pages of 50; the second's third page fails (transiently) every time. */
    private SyncReport runWithSecondWindowFailingAfterTwoPages(dev.failsafe.RetryPolicy<Object> retry, int batch) {
        Instant start = CLOCK.instant().minus(java.time.Duration.ofDays(3));
        Instant failing = start.plus(java.time.Duration.ofDays(1));
        TimeWindowSource<Item> source = TimeWindowSource.<Item>builder(w -> PagedIterable.of(
                        "jst.query " + w, token -> {
                            int page = token == null ? 0 : Integer.parseInt(token);
                            if (w.start().equals(failing) && page == 2) {
                                throw new TransportException("jst.query", "read timed out", true, null);
                            }
                            String prefix = w.start() + "-p" + page + "-";
                            List<Item> items = IntStream.range(0, 50).mapToObj(i -> new Item(prefix + i, "S", i))
                                    .toList();
                            return Page.of(items, page < 2 ? Integer.toString(page + 1) : null);
                        }))
                .initialWatermark(start).maxWindow(java.time.Duration.ofDays(1))
                .overlap(java.time.Duration.ZERO).settleDelay(java.time.Duration.ZERO).build();
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);

        SyncReport report = job(source).retry(retry).batchSize(batch).sink(sink).build().runOnce();

        assertThat(report.failedWindow()).startsWith("[" + failing);
        assertThat(report.checkpointAfter()).isEqualTo(Position.at(failing));
        return report;
    }

    @Test
    void transactionalSink_commitsEveryBatchWithTheCheckpointAfterIt_inItsTransaction() {
        List<String> calls = new CopyOnWriteArrayList<>();
        InMemorySink<String, Item> inner = InMemorySink.keyedBy(Item::id);
        CheckpointStore store = new CheckpointStore() {
            @Override
            public java.util.Optional<Checkpoint> load(String job) {
                return checkpoints.load(job);
            }

            @Override
            public Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
                calls.add("cas " + position.cursor());
                return checkpoints.compareAndSet(job, expectedVersion, position);
            }
        };
        TransactionalSink<Item> sink = new TransactionalSink<>() {
            @Override
            public boolean canCommitWith(CheckpointStore s) {
                return s == store;
            }

            @Override
            public Committed<Item> writeAndCommit(List<Item> batch, String job, long expectedVersion, Position position) {
                calls.add("writeAndCommit " + batch.size() + " @" + position.cursor() + " v" + expectedVersion);
                WriteResult<Item> r = inner.write(batch);
                return new Committed<>(r, checkpoints.compareAndSet(job, expectedVersion, position));
            }

            @Override
            public WriteResult<Item> write(List<Item> batch) {
                calls.add("write " + batch.size());
                return inner.write(batch);
            }
        };
        SyncJob<Item, Item> job = SyncJob.builder("tx").source(ListSource.of(items(25), 10)).sink(sink)
                .checkpoints(store).deadLetters(deadLetters).batchSize(6).clock(CLOCK).build();

        SyncReport report = job.runOnce();

        assertThat(report.windows()).isEqualTo(3);
        // the default writeAndCommit learns each batch's rejections with a plain write first; the list's windows
        // say their position after each batch, so every batch commits the checkpoint with it
        assertThat(calls).containsExactly("write 6", "writeAndCommit 6 @6 v0", "write 4", "writeAndCommit 4 @10 v1",
                "write 6", "writeAndCommit 6 @16 v2", "write 4", "writeAndCommit 4 @20 v3",
                "write 5", "writeAndCommit 5 @25 v4");
        assertThat(checkpoints.load("tx").orElseThrow().version()).isEqualTo(5);
    }

    @Test
    void anotherRunnerAdvancingTheJob_failsTheRunWithoutRetrying() {
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);
        SyncJob<Item, Item> job = job(ListSource.of(items(20), 10)).sink(batch -> {
            if (batch.get(0).qty() == 0 && checkpoints.load("test-job").isEmpty()) {
                checkpoints.compareAndSet("test-job", 0, ListSource.positionAt(0)); // a rival runner
            }
            return sink.write(batch);
        }).build();

        SyncReport report = job.runOnce();

        assertThat(report.failed()).isTrue();
        assertThat(report.firstError()).get().isInstanceOf(CheckpointConflictException.class);
        assertThat(report.retried()).isZero();
        assertThat(checkpoints.load("test-job").orElseThrow().position()).isEqualTo(ListSource.positionAt(0));
    }

    @Test
    void deadLetters_areFlushedBeforeTheCheckpointMoves() {
        List<String> events = new CopyOnWriteArrayList<>();
        DeadLetterStore recording = new ForwardingDeadLetterStore(deadLetters) {
            @Override
            public void flush() {
                events.add("flush");
            }
        };
        SyncJob<Item, Item> job = SyncJob.builder("j").source(ListSource.of(items(4), 2))
                .validate(i -> i.qty() == 1 ? List.of(new Violation("qty", "is 1")) : List.of())
                .sink(InMemorySink.keyedBy(Item::id)).checkpoints(checkpoints).deadLetters(recording).clock(CLOCK)
                .listener(new SyncListener() {
                    @Override
                    public void deadLettered(String job, DeadLetter d) {
                        events.add("dead letter " + d.key());
                    }

                    @Override
                    public void checkpointCommitted(String job, String window, Checkpoint c) {
                        events.add("checkpoint " + c.position().cursor());
                    }
                })
                .keyOf(Item::id).build();

        job.runOnce();

        assertThat(events).containsExactly("dead letter io-1", "flush", "checkpoint 2", "flush", "checkpoint 4");
    }

    @Test
    void readerRunsAhead_butNeverMoreThanTheQueueAllows() throws Exception {
        int batch = 10;
        int ahead = 2;
        AtomicLong produced = new AtomicLong();
        AtomicLong maxLead = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        Iterable<Item> counting = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 2000;
            }

            @Override
            public Item next() {
                produced.incrementAndGet();
                return new Item("io-" + i, "S", i++);
            }
        };
        Sink<Item> slow = records -> {
            maxLead.accumulateAndGet(produced.get() - consumed.get(), Math::max);
            consumed.addAndGet(records.size());
            Thread.onSpinWait();
            return WriteResult.allWritten(records.size());
        };
        SyncJob<Item, Item> job = job(FullRefreshSource.of(() -> counting)).batchSize(batch).fetchAhead(ahead)
                .sink(slow).build();

        SyncReport report = job.runOnce();

        assertThat(report.written()).isEqualTo(2000);
        // the queue holds `ahead` batches, the reader fills one more, the writer holds the one it writes
        assertThat(maxLead.get()).isLessThanOrEqualTo((long) (ahead + 2) * batch + 1);
    }

    @Test
    void requestStop_finishesTheCurrentBatch_andStops() throws Exception {
        CountDownLatch inFirstBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InMemorySink<String, Item> inner = InMemorySink.keyedBy(Item::id);
        Sink<Item> sink = b -> {
            inFirstBatch.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return inner.write(b);
        };
        SyncJob<Item, Item> job = job(ListSource.of(items(100), 5)).batchSize(5).sink(sink).build();
        SyncReport[] report = new SyncReport[1];
        Thread runner = new Thread(() -> report[0] = job.runOnce());
        runner.start();
        assertThat(inFirstBatch.await(10, TimeUnit.SECONDS)).isTrue();

        job.requestStop();
        release.countDown();
        runner.join(10_000);

        assertThat(report[0].stopped()).isTrue();
        assertThat(report[0].status()).isEqualTo(SyncReport.Status.STOPPED);
        assertThat(report[0].written()).isEqualTo(5);
        assertThat(report[0].windows()).isEqualTo(1);
        assertThat(checkpoints.load("test-job").orElseThrow().position()).isEqualTo(ListSource.positionAt(5));
    }

    @Test
    void requestStop_whileWaitingForASlowSource_stopsWithoutWaitingForIt() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Iterable<Item> slow = () -> {
            fetching.countDown();
            try {
                never.await(30, TimeUnit.SECONDS); // a vendor that does not answer; interrupted on stop
            } catch (InterruptedException e) {
                throw new io.qiao.client.TransportException("jst.query", "interrupted", true, e);
            }
            return items(1).iterator();
        };
        SyncJob<Item, Item> job = job(FullRefreshSource.of(() -> slow)).sink(InMemorySink.keyedBy(Item::id)).build();
        SyncReport[] report = new SyncReport[1];
        Thread runner = new Thread(() -> report[0] = job.runOnce());
        runner.start();
        assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();

        job.requestStop();
        runner.join(20_000);

        assertThat(runner.isAlive()).isFalse();
        assertThat(report[0].stopped()).isTrue();
        assertThat(report[0].failed()).isFalse();
        assertThat(report[0].read()).isZero();
        assertThat(checkpoints.load("test-job")).isEmpty();
        never.countDown();
    }

    @Test
    void runOnce_whileRunning_isRefused() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SyncJob<Item, Item> job = job(ListSource.of(items(1), 1)).sink(b -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return WriteResult.allWritten(b.size());
        }).build();
        Thread t = new Thread(job::runOnce);
        t.start();
        inside.await(10, TimeUnit.SECONDS);

        assertThatThrownBy(job::runOnce).isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        release.countDown();
        t.join(10_000);
        assertThat(job.isRunning()).isFalse();
    }

    @Test
    void replay_withTodaysLookup_resolvesWhatNowGoesThrough() {
        Map<String, Long> kisItems = new HashMap<>(Map.of("SKU-0", 100L));
        Lookup<String, Long> lookup = Lookups.ofMap(kisItems);
        InMemorySink<String, Row> sink = InMemorySink.keyedBy(Row::id);
        SyncJob<Item, Row> job = job(ListSource.of(items(3), 3))
                .map(i -> new Row(i.id(), lookup.require(i.sku(), "FItemID"), i.qty())).sink(sink).build();
        job.runOnce();
        List<DeadLetter> open = deadLetters.list("test-job", false, 10);
        assertThat(open).hasSize(2);

        kisItems.put("SKU-1", 101L);
        ReplayReport replay = job.replay(open.stream().map(DeadLetter::id).toList());

        assertThat(replay.attempted()).isEqualTo(2);
        assertThat(replay.resolved()).containsExactly(open.get(0).id());
        assertThat(replay.failedAgain()).containsOnlyKeys(open.get(1).id());
        assertThat(sink.get("io-1")).contains(new Row("io-1", 101L, 1));
        List<DeadLetter> stillOpen = deadLetters.list("test-job", false, 10);
        assertThat(stillOpen).hasSize(1);
        assertThat(stillOpen.get(0).attempts()).isEqualTo(2);
        assertThat(job.purgeDeadLetters(true)).isEqualTo(1);
        assertThat(job.deadLetterSummary(java.time.Duration.ofDays(1)))
                .containsExactly(Map.entry("FItemID: no value for '?'", 1L));
    }

    @Test
    void recordFixedAtTheSource_resolvesItsOpenDeadLetter_whenItIsWrittenLater() {
        List<Item> monday = List.of(new Item("io-1", "", 1), new Item("io-2", "SKU-2", 2));
        List<Item> tuesday = List.of(new Item("io-1", "SKU-1", 1));
        RecordValidator<Item> skuRequired = Rules.required("sku", Item::sku);
        InMemorySink<String, Item> sink = InMemorySink.keyedBy(Item::id);
        job(ListSource.of(monday, 2)).validate(skuRequired).sink(sink).build().runOnce();
        assertThat(deadLetters.list("test-job", false, 10)).extracting(DeadLetter::key).containsExactly("io-1");

        SyncReport fixed = SyncJob.builder("test-job").source(ListSource.of(tuesday, 1)).validate(skuRequired)
                .sink(sink).checkpoints(new InMemoryCheckpointStore()).deadLetters(deadLetters).keyOf(Item::id)
                .clock(CLOCK).build().runOnce();

        assertThat(fixed.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(deadLetters.list("test-job", false, 10)).isEmpty();
        assertThat(deadLetters.list("test-job", true, 10)).singleElement().satisfies(d -> assertThat(d.resolved()).isTrue());
        assertThat(sink.get("io-1")).contains(new Item("io-1", "SKU-1", 1));
    }

    @Test
    void replay_withoutRecordType_explainsWhatToSet() {
        SyncJob<Item, Item> job = SyncJob.builder("j").source(ListSource.of(items(1)))
                .validate(i -> List.of(new Violation("id", "bad")))
                .sink(InMemorySink.keyedBy(Item::id)).checkpoints(checkpoints).deadLetters(deadLetters).build();
        job.runOnce();

        ReplayReport r = job.replayOpen(10);

        assertThat(r.resolved()).isEmpty();
        assertThat(r.failedAgain().values().iterator().next().get(0)).contains("recordType");
    }

    @Test
    void build_withoutRequiredParts_namesThem() {
        assertThatThrownBy(() -> SyncJob.builder("j").source(ListSource.of(items(1))).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sync job 'j' is missing sink, checkpoints, deadLetters");
    }

    @Test
    void listenerThatThrows_doesNotChangeTheOutcome() {
        List<String> events = new CopyOnWriteArrayList<>();
        SyncJob<Item, Item> job = job(ListSource.of(items(3), 2)).sink(InMemorySink.keyedBy(Item::id))
                .listener(new SyncListener() {
                    @Override
                    public void batchWritten(String job, String window, int written, int rejected) {
                        throw new IllegalStateException("metrics backend down");
                    }
                })
                .listener(new SyncListener() {
                    @Override
                    public void runStarted(String job, Position from) {
                        events.add("started " + from.cursor());
                    }

                    @Override
                    public void windowStarted(String job, String window) {
                        events.add("window " + window);
                    }

                    @Override
                    public void runFinished(SyncReport report) {
                        events.add("finished " + report.status());
                    }
                })
                .build();

        SyncReport report = job.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(events).containsExactly("started 0", "window records [0, 2)", "window records [2, 3)",
                "finished SUCCEEDED");
    }
}
