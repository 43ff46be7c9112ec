package io.qiao.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.sync.JackyunSources;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * One sync of 1,000,000 吉客云 warehouses (simulator in this JVM, no rate limit) into MariaDB through
 * {@link JdbcUpsertSink}, in a heap of 128 MB: it completes because nothing holds a window, a page stream or a
 * batch longer than it is written. Prints the peak heap: the highest heap use sampled every 20 ms (garbage
 * included), the sum of the heap pools' peaks (an upper bound), and the largest heap still live after a garbage
 * collection (the working set). The simulator and its HTTP server share the heap, so the figures are an upper
 * bound for the sync alone.
 *
 * <pre>
 * java -Xmx64m -cp ... io.qiao.bench.MemoryBench [records=1000000] [windowDays]
 * </pre>
 */
// run-all [22.5]: -Xmx64m io.qiao.bench.MemoryBench 1000000
public final class MemoryBench {
    private MemoryBench() {
    }

    /** Issue 22's heap for the target line: the sync must complete in at most this much. */
    private static final long TARGET_HEAP = 64L << 20;

    public static void main(String[] args) throws Exception {
        String command = BenchTarget.command(BenchTarget.heapOptions(), MemoryBench.class, args);
        String name = "1,000,000 records end to end in a 64 MB heap";
        try {
            run(args, command, name);
        } catch (Throwable e) {
            // An OutOfMemoryError is this bench's expected way to fail: say so as the target's verdict, then exit
            // non-zero (the simulator's threads would keep the JVM alive).
            BenchTarget.failed("22.5", name, "completes with -Xmx64m", e.getClass().getSimpleName() + ": "
                    + e.getMessage(), command).print();
            System.exit(1);
        }
    }

    private static void run(String[] args, String command, String name) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        // The warehouse source's default window is 365 days, and within a window it remembers the key of every record
        // it delivered (to drop overlap repeats): a second argument caps the window, e.g. 7 (days).
        Duration window = args.length > 1 ? Duration.ofDays(Long.parseLong(args[1])) : null;
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        AtomicLong liveAfterGc = watchLiveAfterGc();
        AtomicLong sampledPeak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampledPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                        Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        BenchDatabase db = BenchDatabase.fromSystemProperty();
        String table = System.getProperty("bench.tablePrefix", "bench_") + "memory";
        db.recreateWarehouseTable(table);
        JackyunDataSet data = JackyunDataSet.builder().warehouses(records).stockQuantities(0).stockDocuments(0)
                .trades(0).modifiedBetween(EndToEndBench.DATA_FROM, EndToEndBench.DATA_TO).build();
        try (JackyunSimulator sim = JackyunSimulator.builder().dataSet(data).containerThreads(8).build().start()) {
            JackyunClient client = JackyunClient.builder().endpoint(sim.endpoint())
                    .credentials(JackyunCredentials.of(sim.appKey(), Secret.of(sim.appSecret()))).rateLimits(RateLimits.none()).build();
            JdbcCheckpointStore checkpoints = JdbcCheckpointStore.of(db);
            checkpoints.createTablesIfMissing();
            Clock clock = Clock.systemUTC();
            SyncJob<Warehouse, EndToEndBench.WarehouseRow> job = SyncJob.builder("bench-memory-" + System.nanoTime())
                    .source(window == null ? JackyunSources.warehouses(client)
                            : JackyunSources.warehousesBuilder(client).maxWindow(window).build())
                    .map(w -> EndToEndBench.WarehouseRow.of(w.warehouseCode(), w.warehouseName(),
                            w.warehouseTypeCode(), w.blockup(), EndToEndBench.now(clock)))
                    .sink(JdbcUpsertSink.<EndToEndBench.WarehouseRow>into(db, table).key("warehouse_code")
                            .insertOnly("create_time").build())
                    .keyOf(JackyunSources::keyOf)
                    .checkpoints(checkpoints)
                    .deadLetters(new InMemoryDeadLetterStore())
                    .build();
            long t0 = System.nanoTime();
            SyncReport report = job.runOnce();
            double seconds = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            long rows = db.count(table);
            if (report.failed() || report.written() != records || rows != records) {
                throw new IllegalStateException("the sync did not complete: " + report + "; rows in table: " + rows);
            }
            long poolPeaks = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    poolPeaks += pool.getPeakUsage().getUsed();
                }
            }
            long gcs = 0;
            long gcMillis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcs += Math.max(0, gc.getCollectionCount());
                gcMillis += Math.max(0, gc.getCollectionTime());
            }
            System.out.printf(Locale.ROOT, "memory: %,d records synced into MariaDB in %.1f s (%,.0f records/s), max heap %d MB, "
                    + "source windows of %s%n", records, seconds, records / seconds, maxHeap >> 20,
                    window == null ? "365 days (default)" : window.toDays() + " days");
            System.out.printf(Locale.ROOT, "  peak heap used (sampled every 20 ms, garbage included): %d MB%n", sampledPeak.get() >> 20);
            System.out.printf(Locale.ROOT, "  sum of heap pools' peaks (upper bound)               : %d MB%n", poolPeaks >> 20);
            System.out.printf(Locale.ROOT, "  largest heap live after a GC (working set)           : %d MB%n", liveAfterGc.get() >> 20);
            System.out.printf(Locale.ROOT, "  garbage collections: %d, %d ms in total%n", gcs, gcMillis);
            db.dropIfExists(table);
            boolean met = records >= 1_000_000 && maxHeap <= TARGET_HEAP + (TARGET_HEAP / 50);
            BenchTarget.measured("22.5", name,
                    String.format(Locale.ROOT, "%,d records in %.1f s (%,.0f/s), max heap %d MB, peak used %d MB, "
                            + "live after GC %d MB, GC %d ms (load %s)", records, seconds, records / seconds,
                            maxHeap >> 20, sampledPeak.get() >> 20, liveAfterGc.get() >> 20, gcMillis,
                            JdbcUpsertBench.loadAverage().split(" ")[0]),
                    "-", "completes with -Xmx64m", met, command).print();
        }
    }

    /** The heap in use right after each collection, from the collectors' notifications. */
    private static AtomicLong watchLiveAfterGc() {
        AtomicLong max = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData());
                    long used = 0;
                    for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                        used += u.getUsed();
                    }
                    // non-heap pools (metaspace, code cache) are in the map too: subtract them
                    used -= nonHeapUsed(info);
                    max.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
        return max;
    }

    private static long nonHeapUsed(GarbageCollectionNotificationInfo info) {
        long nonHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP) {
                MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                if (u != null) {
                    nonHeap += u.getUsed();
                }
            }
        }
        return nonHeap;
    }
}
