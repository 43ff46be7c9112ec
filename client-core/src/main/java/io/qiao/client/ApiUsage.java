package io.qiao.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-operation call counts, errors and latency percentiles: "one view of all API assets". Register it as
 * an {@link ApiCallListener} on every client, then read {@link #snapshot()} or print {@link #table()}.
 *
 * <p>Latencies go into fixed logarithmic buckets (about 4% wide, 1 µs to ~20 min), so memory stays constant
 * however many calls are recorded and percentiles are accurate to a bucket.
 */
public final class ApiUsage implements ApiCallListener {
    private final Map<String, Stats> byOperation = new ConcurrentHashMap<>();

    @Override
    public void onCall(ApiCallEvent event) {
        byOperation.computeIfAbsent(event.operation(), k -> new Stats()).record(event);
    }

    /** Immutable figures for one operation. Latencies are of single attempts. */
    public record OperationStats(String operation, long calls, long errors, long throttled, long retries,
                                 Duration p50, Duration p95, Duration p99, Duration max) {
    }

    /** Figures per operation, sorted by operation name. */
    public List<OperationStats> snapshot() {
        List<OperationStats> out = new ArrayList<>();
        byOperation.forEach((op, s) -> out.add(s.snapshot(op)));
        out.sort(Comparator.comparing(OperationStats::operation));
        return out;
    }

    /** A fixed-width text table of {@link #snapshot()}. */
    public String table() {
        List<OperationStats> rows = snapshot();
        int w = Math.max(9, rows.stream().mapToInt(r -> r.operation().length()).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %8s %7s %9s %7s %9s %9s %9s%n",
                "operation", "calls", "errors", "throttled", "retries", "p50 ms", "p95 ms", "p99 ms"));
        for (OperationStats r : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %8d %7d %9d %7d %9.1f %9.1f %9.1f%n",
                    r.operation(), r.calls(), r.errors(), r.throttled(), r.retries(),
                    millis(r.p50()), millis(r.p95()), millis(r.p99())));
        }
        return sb.toString();
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1_000_000.0;
    }

    private static final class Stats {
        private static final double GROWTH = 1.04;
        private static final int BUCKETS = 550; // 1 µs * 1.04^550 ≈ 2.4e9 µs
        private final LongAdder calls = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LongAdder throttled = new LongAdder();
        private final LongAdder retries = new LongAdder();
        private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
        private volatile long maxNanos;

        void record(ApiCallEvent e) {
            calls.increment();
            if (e.outcome() != ApiCallEvent.Outcome.SUCCESS) {
                errors.increment();
            }
            if (e.outcome() == ApiCallEvent.Outcome.THROTTLED) {
                throttled.increment();
            }
            if (e.attempt() > 1) {
                retries.increment();
            }
            long nanos = e.duration().toNanos();
            histogram.incrementAndGet(bucket(nanos));
            if (nanos > maxNanos) {
                maxNanos = nanos; // a racy max is fine for a report
            }
        }

        static int bucket(long nanos) {
            double micros = Math.max(1.0, nanos / 1000.0);
            int b = (int) (Math.log(micros) / Math.log(GROWTH));
            return Math.min(BUCKETS - 1, Math.max(0, b));
        }

        static Duration upperBound(int bucket) {
            return Duration.ofNanos((long) (Math.pow(GROWTH, bucket + 1) * 1000));
        }

        OperationStats snapshot(String op) {
            long[] counts = new long[BUCKETS];
            long total = 0;
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] = histogram.get(i);
                total += counts[i];
            }
            return new OperationStats(op, calls.sum(), errors.sum(), throttled.sum(), retries.sum(),
                    percentile(counts, total, 0.50), percentile(counts, total, 0.95), percentile(counts, total, 0.99),
                    Duration.ofNanos(maxNanos));
        }

        private Duration percentile(long[] counts, long total, double p) {
            if (total == 0) {
                return Duration.ZERO;
            }
            long rank = (long) Math.ceil(p * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    Duration bound = upperBound(i);
                    return bound.toNanos() > maxNanos && maxNanos > 0 ? Duration.ofNanos(maxNanos) : bound;
                }
            }
            return Duration.ofNanos(maxNanos);
        }
    }
}
