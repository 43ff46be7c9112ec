package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.record.Violation;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.ApiException;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.client.TransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Property-style tests of the engine's promises. For many seeded random schedules of source page failures,
 * sink failures (before and after a partial write), dead-letter and checkpoint failures (before and after the
 * store kept the change) and simulated crashes at any of those steps, with records changing between runs:
 * re-running until a run completes leaves the sink equal to the source truth, every bad record in the
 * dead-letter store, and at no moment a checkpoint ahead of what is durably written or dead-lettered.
 */
class SyncInvariantsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    record Rec(long id, int version, Instant modified) {
        String key() {
            return Long.toString(id);
        }
    }

    /** Not transient: a run meeting it ends at once, like a process that died at this step. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    /** Failure injection; the reader and the writer each draw from their own generator. */
    static final class Faults {
        final Random random;
        volatile double rate;

        Faults(long seed, double rate) {
            this.random = new Random(seed);
            this.rate = rate;
        }

        /** null, "transient", "permanent" or "crash". */
        synchronized String next() {
            if (random.nextDouble() >= rate) {
                return null;
            }
            int kind = random.nextInt(10);
            return kind < 6 ? "transient" : kind < 7 ? "permanent" : "crash";
        }

        synchronized boolean coin() {
            return random.nextBoolean();
        }

        synchronized int upTo(int n) {
            return random.nextInt(n);
        }
    }

    static RuntimeException failure(String kind, String where) {
        return switch (kind) {
            case "transient" -> new TransportException(where, "connection reset", true, null);
            case "permanent" -> ApiException.builder().operation(where).httpStatus(400).vendorCode("E1").build();
            default -> new SimulatedCrash(where);
        };
    }

    @Test
    void randomFailureSchedules_neverLoseRecords_andNeverCommitAheadOfDurableData() {
        int failedRuns = 0;
        for (long seed = 1; seed <= 40; seed++) {
            try {
                failedRuns += runScenario(seed);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
        assertThat(failedRuns).as("runs that met an injected failure").isGreaterThan(100);
    }

    /** Returns how many runs failed before one completed. */
    private int runScenario(long seed) {
        Random scenario = new Random(seed);
        MovingClock clock = new MovingClock(T0.plus(Duration.ofDays(6)));
        Map<Long, Rec> truth = new ConcurrentHashMap<>();
        int n = 80 + scenario.nextInt(220);
        for (long id = 1; id <= n; id++) {
            truth.put(id, new Rec(id, 1, T0.plusSeconds(scenario.nextInt(6 * 24 * 3600))));
        }
        int pageSize = 1 + scenario.nextInt(9);
        int batchSize = 1 + scenario.nextInt(25);
        Faults readFaults = new Faults(seed * 31 + 1, 0.04);
        Faults writeFaults = new Faults(seed * 31 + 2, 0.08);

        Map<String, Rec> sink = new HashMap<>();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore(clock);

        TimeWindowSource.Builder<Rec> sourceBuilder = TimeWindowSource.<Rec>builder(
                        w -> pages(truth, w, pageSize, readFaults))
                .initialWatermark(T0).maxWindow(Duration.ofHours(11)).overlap(Duration.ofMinutes(5))
                .settleDelay(Duration.ZERO);
        if (seed % 8 >= 4) {
            sourceBuilder.orderedBy(Rec::modified); // pages() sorts: half the seeds also commit inside windows
        }
        TimeWindowSource<Rec> source = sourceBuilder.build();
        Sink<Rec> faultySink = batch -> {
            String before = writeFaults.next();
            if (before != null) {
                throw failure(before, "sink.write");
            }
            List<Rejection<Rec>> rejected = new ArrayList<>();
            int applied = 0;
            String after = writeFaults.next();
            int crashAt = after == null ? Integer.MAX_VALUE : writeFaults.upTo(batch.size() + 1);
            for (Rec r : batch) {
                if (applied == crashAt) {
                    throw failure(after, "sink.write after " + applied + " records"); // a partial write
                }
                if (r.id() % 17 == 0) {
                    rejected.add(Rejection.of(r, Rejection.Stage.WRITE, "KIS: 物料 " + r.id() + " 已禁用"));
                } else {
                    synchronized (sink) {
                        sink.put(r.key(), r);
                    }
                }
                applied++;
            }
            return new WriteResult<>(batch.size() - rejected.size(), rejected);
        };
        DeadLetterStore faultyDeadLetters = new ForwardingDeadLetterStore(deadLetters) {
            @Override
            public DeadLetter add(String job, String key, String payload, Rejection.Stage stage, List<String> reasons,
                                  String window, Instant now) {
                String fault = writeFaults.next();
                boolean afterStoring = fault != null && writeFaults.coin();
                if (fault != null && !afterStoring) {
                    throw failure(fault, "dead letter add");
                }
                DeadLetter d = super.add(job, key, payload, stage, reasons, window, now);
                if (fault != null) {
                    throw failure(fault, "dead letter add, after storing");
                }
                return d;
            }
        };
        // the engine catches whatever a store throws, so violations are collected, not thrown
        CheckpointStore checkedCas = new CheckpointStore() {
            @Override
            public Optional<Checkpoint> load(String job) {
                return checkpoints.load(job);
            }

            @Override
            public Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
                violations.addAll(aheadOfDurableData(position.watermark(), truth, sink, deadLetters));
                Instant previous = checkpoints.load(job).map(c -> c.position().watermark()).orElse(Instant.MIN);
                if (position.watermark().isBefore(previous)) {
                    violations.add("checkpoint moved back from " + previous + " to " + position.watermark());
                }
                return checkpoints.compareAndSet(job, expectedVersion, position);
            }
        };
        CheckpointStore checkingCheckpoints = new CheckpointStore() {
            @Override
            public Optional<Checkpoint> load(String job) {
                return checkpoints.load(job);
            }

            @Override
            public Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
                String fault = writeFaults.next();
                boolean afterStoring = fault != null && writeFaults.coin();
                if (fault != null && !afterStoring) {
                    throw failure(fault, "checkpoint");
                }
                Checkpoint c = checkedCas.compareAndSet(job, expectedVersion, position);
                if (fault != null) {
                    throw failure(fault, "checkpoint, after storing"); // the answer is lost
                }
                return c;
            }
        };

        // seeds 4k+1: a plain sink; 4k+2 and 4k+3: a transactional sink committing the checkpoint with the
        // window's last batch (4k+3 hands rejections over inside its transaction); 4k: plain again
        int flavour = (int) (seed % 4);
        Sink<Rec> sinkUnderTest = flavour == 2 || flavour == 3
                ? new AtomicSink(faultySink, sink, checkingCheckpoints, checkedCas, writeFaults, flavour == 3)
                : faultySink;
        boolean completed = false;
        int failedRuns = 0;
        long nextId = n + 1;
        for (int run = 1; run <= 400 && !completed; run++) {
            if (run > 300) {
                readFaults.rate = 0;
                writeFaults.rate = 0;
            }
            SyncJob<Rec, Rec> job = SyncJob.builder("inv").source(source)
                    .validate(r -> r.id() % 13 == 0 ? List.of(new Violation("id", r.id() + " is unlucky")) : List.of())
                    .sink(sinkUnderTest).checkpoints(checkingCheckpoints).deadLetters(faultyDeadLetters)
                    .batchSize(batchSize).fetchAhead(1 + (int) (seed % 3)).readers(1 + (int) (seed / 4 % 3))
                    .clock(clock).keyOf(Rec::key)
                    .retry(SyncRetry.of(3, Duration.ZERO, Duration.ZERO))
                    .build();
            SyncReport report = job.runOnce();
            failedRuns += report.failed() ? 1 : 0;
            assertCountsAddUp(report);
            assertThat(violations).as("checkpoint invariant violations in run " + run).isEmpty();
            completed = !report.failed() && report.checkpointAfter() != null
                    && report.checkpointAfter().watermark().equals(clock.instant());
            if (!completed && scenario.nextInt(4) == 0) {
                // records change (and new ones appear) between runs, stamped with the moving "now"
                clock.now = clock.now.plus(Duration.ofMinutes(1 + scenario.nextInt(90)));
                for (int i = 0; i < 1 + scenario.nextInt(5); i++) {
                    long id = scenario.nextBoolean() ? 1 + scenario.nextInt(n) : nextId++;
                    Rec old = truth.get(id);
                    truth.put(id, new Rec(id, old == null ? 1 : old.version() + 1,
                            clock.now.minusSeconds(1 + scenario.nextInt(60))));
                }
            }
        }
        assertThat(violations).as("checkpoint invariant violations").isEmpty();
        assertThat(completed).as("a run completed").isTrue();

        Map<String, Rec> expected = truth.values().stream().filter(r -> r.id() % 13 != 0 && r.id() % 17 != 0)
                .collect(Collectors.toMap(Rec::key, r -> r));
        assertThat(difference(sink, expected)).as("sink differs from the truth").isEmpty();
        Map<String, Rejection.Stage> dead = deadLetters.list("inv", false, Integer.MAX_VALUE).stream()
                .collect(Collectors.toMap(DeadLetter::key, DeadLetter::stage));
        Map<String, Rejection.Stage> expectedDead = new HashMap<>();
        truth.values().stream().filter(r -> r.id() % 13 == 0).forEach(r -> expectedDead.put(r.key(), Rejection.Stage.VALIDATE));
        truth.values().stream().filter(r -> r.id() % 13 != 0 && r.id() % 17 == 0)
                .forEach(r -> expectedDead.put(r.key(), Rejection.Stage.WRITE));
        assertThat(difference(dead, expectedDead)).as("dead letters differ from the bad records").isEmpty();
        return failedRuns;
    }

    /**
     * A run that dies after the k-th batch of one large window (here: the sink or its transaction fails for good in
     * batch k + 1, before anything of it is durable) leaves the checkpoint after batch k; the next run starts at
     * batch k + 1. Over both runs every record is applied exactly once: nothing lost, nothing redone. (A time-window
     * source's position is a time: the records of the batch's last time, here its last record, are read again.)
     */
    @Test
    void deathAfterBatchK_ofOneLargeWindow_nextRunResumesAtBatchKPlusOne_noRecordLostOrAppliedTwice() {
        for (String source : List.of("list", "ordered time windows")) {
            for (boolean transactional : List.of(false, true)) {
                for (int k = 0; k <= 5; k++) {
                    String scenario = source + (transactional ? ", transactional sink" : ", plain sink") + ", k=" + k;
                    deathAfterBatch(k, source.equals("list"), transactional, scenario);
                }
            }
        }
    }

    private void deathAfterBatch(int k, boolean listSource, boolean transactional, String scenario) {
        int batch = 10;
        int n = 55;  // one window of 55 records: 5 full batches and a last one of 5
        MovingClock clock = new MovingClock(T0.plus(Duration.ofDays(1)));
        List<Rec> records = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            records.add(new Rec(id, 1, T0.plusSeconds(60 * id))); // distinct times, in the order delivered
        }
        Source<Rec> source = listSource ? ListSource.of(records)
                : TimeWindowSource.<Rec>builder(w -> records.stream()
                        .filter(r -> !r.modified().isBefore(w.start()) && r.modified().isBefore(w.end())).toList())
                .orderedBy(Rec::modified).initialWatermark(T0).maxWindow(Duration.ofDays(1))
                .overlap(Duration.ZERO).settleDelay(Duration.ZERO).build();
        Map<String, Integer> applied = new java.util.TreeMap<>();
        List<Long> appliedInRun2 = new ArrayList<>();
        int[] batches = {0};
        boolean[] dying = {true};
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore(clock);
        java.util.function.Consumer<List<Rec>> apply = b -> {
            batches[0]++;
            if (dying[0] && batches[0] == k + 1) {
                throw new SimulatedCrash("in batch " + (k + 1));
            }
            b.forEach(r -> {
                applied.merge(r.key(), 1, Integer::sum);
                if (!dying[0]) {
                    appliedInRun2.add(r.id());
                }
            });
        };
        Sink<Rec> plain = b -> {
            apply.accept(b);
            return WriteResult.allWritten(b.size());
        };
        Sink<Rec> sink = !transactional ? plain : new TransactionalSink<Rec>() {
            @Override
            public WriteResult<Rec> write(List<Rec> b) {
                return plain.write(b);
            }

            @Override
            public boolean canCommitWith(CheckpointStore store) {
                return store == checkpoints;
            }

            @Override
            public Committed<Rec> writeAndCommit(List<Rec> b, String job, long expectedVersion, Position position) {
                return writeAndCommit(b, job, expectedVersion, position, r -> { });
            }

            @Override
            public Committed<Rec> writeAndCommit(List<Rec> b, String job, long expectedVersion, Position position,
                                                 java.util.function.Consumer<List<Rejection<Rec>>> beforeCommit) {
                apply.accept(b); // the batch and the checkpoint are one transaction: a death in it applies neither
                beforeCommit.accept(List.of());
                return new Committed<>(WriteResult.allWritten(b.size()),
                        checkpoints.compareAndSet(job, expectedVersion, position));
            }
        };
        SyncJob.Builder<Rec, Rec> job = SyncJob.builder("death").source(source).sink(sink).checkpoints(checkpoints)
                .deadLetters(new InMemoryDeadLetterStore()).batchSize(batch).clock(clock).keyOf(Rec::key)
                .retry(SyncRetry.of(1, Duration.ZERO, Duration.ZERO));

        SyncReport died = job.build().runOnce();
        dying[0] = false;
        SyncReport resumed = job.build().runOnce();

        assertThat(died.status()).as(scenario).isEqualTo(SyncReport.Status.FAILED);
        assertThat(died.errorSummary()).as(scenario).contains("simulated crash in batch " + (k + 1));
        assertThat(resumed.status()).as(scenario).isEqualTo(SyncReport.Status.SUCCEEDED);
        long again = listSource || k == 0 ? 0 : k * batch; // the record at the watermark's time, read again
        assertThat(appliedInRun2).as(scenario + ": the second run starts at batch k + 1")
                .first().isEqualTo(again > 0 ? again : k * batch + 1L);
        assertThat(applied).as(scenario + ": every record applied exactly once over both runs").hasSize(n)
                .allSatisfy((key, times) -> assertThat(times).as(scenario + ", record " + key)
                        .isEqualTo(Long.parseLong(key) == again ? 2 : 1));
    }

    /**
     * A transactional sink: the accepted records of a batch and the checkpoint commit together or not at all
     * (a failure before the commit rolls the records back; one after it loses only the answer).
     */
    static final class AtomicSink implements TransactionalSink<Rec> {
        private final Sink<Rec> plain;
        private final Map<String, Rec> table;
        private final CheckpointStore engineStore;
        private final CheckpointStore checkpointTable;
        private final Faults faults;
        private final boolean rejectsInsideTransaction;

        AtomicSink(Sink<Rec> plain, Map<String, Rec> table, CheckpointStore engineStore, CheckpointStore checkpointTable,
                   Faults faults, boolean rejectsInsideTransaction) {
            this.plain = plain;
            this.table = table;
            this.engineStore = engineStore;
            this.checkpointTable = checkpointTable;
            this.faults = faults;
            this.rejectsInsideTransaction = rejectsInsideTransaction;
        }

        @Override
        public WriteResult<Rec> write(List<Rec> batch) {
            return plain.write(batch);
        }

        @Override
        public boolean canCommitWith(CheckpointStore store) {
            return store == engineStore;
        }

        @Override
        public Committed<Rec> writeAndCommit(List<Rec> batch, String job, long expectedVersion, Position position) {
            return commit(batch, job, expectedVersion, position, r -> { });
        }

        @Override
        public Committed<Rec> writeAndCommit(List<Rec> batch, String job, long expectedVersion, Position position,
                                             java.util.function.Consumer<List<Rejection<Rec>>> beforeCommit) {
            return rejectsInsideTransaction
                    ? commit(batch, job, expectedVersion, position, beforeCommit)
                    : TransactionalSink.super.writeAndCommit(batch, job, expectedVersion, position, beforeCommit);
        }

        private Committed<Rec> commit(List<Rec> batch, String job, long expectedVersion, Position position,
                                      java.util.function.Consumer<List<Rejection<Rec>>> beforeCommit) {
            String before = faults.next();
            if (before != null) {
                throw failure(before, "transaction");
            }
            List<Rejection<Rec>> rejected = new ArrayList<>();
            Map<String, Rec> undo = new HashMap<>();
            synchronized (table) {
                for (Rec r : batch) {
                    if (r.id() % 17 == 0) {
                        rejected.add(Rejection.of(r, Rejection.Stage.WRITE, "KIS: 物料 " + r.id() + " 已禁用"));
                    } else {
                        undo.putIfAbsent(r.key(), table.get(r.key()));
                        table.put(r.key(), r);
                    }
                }
            }
            Checkpoint c;
            try {
                beforeCommit.accept(rejected);
                String atCommit = faults.next();
                if (atCommit != null) {
                    throw failure(atCommit, "commit");
                }
                c = checkpointTable.compareAndSet(job, expectedVersion, position);
            } catch (RuntimeException e) {
                synchronized (table) { // rollback
                    undo.forEach((k, v) -> {
                        if (v == null) {
                            table.remove(k);
                        } else {
                            table.put(k, v);
                        }
                    });
                }
                throw e;
            }
            String after = faults.next();
            if (after != null) {
                throw failure(after, "after commit"); // committed, but the answer is lost
            }
            return new Committed<>(new WriteResult<>(batch.size() - rejected.size(), rejected), c);
        }
    }

    /** Keys whose values differ, with both values: short failure messages instead of two whole maps. */
    private static <V> Map<String, String> difference(Map<String, V> actual, Map<String, V> expected) {
        Map<String, String> diff = new java.util.TreeMap<>();
        java.util.Set<String> keys = new java.util.HashSet<>(actual.keySet());
        keys.addAll(expected.keySet());
        for (String k : keys) {
            if (!java.util.Objects.equals(actual.get(k), expected.get(k))) {
                diff.put(k, "actual " + actual.get(k) + ", expected " + expected.get(k));
            }
        }
        return diff;
    }

    private static PagedIterable<Rec> pages(Map<Long, Rec> truth, TimeWindow w, int pageSize, Faults faults) {
        List<Rec> inWindow = truth.values().stream()
                .filter(r -> !r.modified().isBefore(w.start()) && r.modified().isBefore(w.end()))
                .sorted(java.util.Comparator.comparing(Rec::modified).thenComparing(Rec::id))
                .toList();
        return PagedIterable.of("query " + w, token -> {
            String fault = faults.next();
            if (fault != null) {
                throw failure(fault, "page fetch");
            }
            int from = token == null ? 0 : Integer.parseInt(token);
            int to = Math.min(inWindow.size(), from + pageSize);
            return Page.of(inWindow.subList(from, to), to < inWindow.size() ? Integer.toString(to) : null);
        });
    }

    /** Every record modified before the new watermark is in the sink (this version or newer) or dead-lettered. */
    private static List<String> aheadOfDurableData(Instant watermark, Map<Long, Rec> truth, Map<String, Rec> sink,
                                                    InMemoryDeadLetterStore deadLetters) {
        List<String> problems = new ArrayList<>();
        Map<String, DeadLetter> open = deadLetters.list("inv", false, Integer.MAX_VALUE).stream()
                .collect(Collectors.toMap(DeadLetter::key, d -> d));
        for (Rec r : truth.values()) {
            if (!r.modified().isBefore(watermark)) {
                continue;
            }
            Rec written;
            synchronized (sink) {
                written = sink.get(r.key());
            }
            boolean durable = (written != null && written.version() >= r.version()) || open.containsKey(r.key());
            if (!durable) {
                problems.add("checkpoint " + watermark + " passes " + r + ", neither written nor dead-lettered");
            }
        }
        return problems;
    }

    private static void assertCountsAddUp(SyncReport report) {
        if (!report.failed() && !report.stopped() && report.retried() == 0) {
            assertThat(report.read()).isEqualTo(report.written() + report.deadLettered() + report.skipped());
        }
        assertThat(report.written() + report.deadLettered() + report.skipped()).isLessThanOrEqualTo(report.read());
    }
}
