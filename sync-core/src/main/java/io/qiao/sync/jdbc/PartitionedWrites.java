package io.qiao.sync.jdbc;

import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * {@link JdbcUpsertSink}'s parallel writer ({@code writers(n)}, n > 1): a batch's rows cut into up to n slices of
 * one size, each written on its own connection at the same time, the calling thread writing the first. Why: one
 * connection leaves one of the database's cores idle while the other executes, and the client binds one statement
 * while the server runs another.
 *
 * <p>The rows of a batch have one row per key (the sink collapses a batch by key before it gets here), so no two
 * connections ever write the same key, and each slice keeps the batch's order. Nor two keys that the database may
 * take for one: MySQL's and MariaDB's default collations ignore case, accents and trailing spaces, so {@code 'WH01'}
 * and {@code 'wh01 '} are two keys to the sink and one row to the table. A row whose key equals an earlier slice's
 * key but for those goes into that slice, after it in the batch's order, so the batch's later record wins as with
 * one writer (on a case-sensitive column the two stay two rows; only the slice changes).
 *
 * <p>Slices rather than partitions by key hash: every slice of a full batch has the same number of rows, so each
 * connection runs one statement size and prepares it once. Hash partitions vary by a few rows from batch to batch,
 * and each new size is a statement the server prepares again on each connection: 23 of the 80 statements of 20,000
 * new rows over 4 connections, against 4 with slices; the parallel writer's inserts went from 1.8x to 2.4x Spring
 * Batch's writer (PeerUpsertBench). And the slices of a batch in key order lock disjoint ranges of the index.
 *
 * <p>Its threads belong to the sink (no shared pool): at most n - 1 daemon threads, made on first use and ended
 * after 30 idle seconds, so a sink that is dropped leaves nothing running. Thread-safe.
 */
final class PartitionedWrites {
    /** Fewer rows than this in a partition cost more in round trips and commits than the overlap gains. */
    static final int MIN_ROWS_PER_PARTITION = 100;
    /** Unicode's combining marks: what is left of accents once text is decomposed (NFD). */
    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");

    private final int writers;
    private final ThreadPoolExecutor threads;

    /** @param table names the threads, for thread dumps */
    PartitionedWrites(int writers, String table) {
        this.writers = writers;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(writers - 1, writers - 1, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "qiao-jdbc-writer-" + table + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.threads.allowCoreThreadTimeOut(true);
    }

    /**
     * {@code rows} (one per key) cut into slices in their order: as many as the writers, but none with fewer than
     * {@link #MIN_ROWS_PER_PARTITION} rows on average; all of one size but the last, unless a row joins an earlier
     * slice whose key it matches but for case, accents or trailing spaces ({@link #looseKey}); one (the list itself)
     * for a small batch.
     *
     * @param keyIndexes where the key columns are among a row's values
     */
    <T> List<List<UpsertRows.Row<T>>> split(List<UpsertRows.Row<T>> rows, int[] keyIndexes) {
        int n = Math.min(writers, rows.size() / MIN_ROWS_PER_PARTITION);
        if (n <= 1) {
            return List.of(rows);
        }
        int size = (rows.size() + n - 1) / n;
        List<List<UpsertRows.Row<T>>> parts = new ArrayList<>(n);
        for (int from = 0; from < rows.size(); from += size) {
            parts.add(new ArrayList<>(size + 8));
        }
        Map<Object, Integer> sliceOfKey = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            UpsertRows.Row<T> row = rows.get(i);
            Integer first = sliceOfKey.putIfAbsent(looseKey(row.values(), keyIndexes), i / size);
            parts.get(first != null ? first : i / size).add(row);
        }
        return parts;
    }

    /**
     * A row's key as a case- and accent-insensitive, trailing-space-blind collation sees it: text lower-cased, its
     * accents and trailing spaces dropped; other values as they are. Equal for more keys than any one collation
     * equates does no harm: such keys only share a slice.
     */
    static Object looseKey(Object[] values, int[] keyIndexes) {
        return UpsertRows.key(values, keyIndexes, PartitionedWrites::loose);
    }

    private static Object loose(Object value) {
        if (!(value instanceof CharSequence text)) {
            return UpsertRows.exact(value); // binary and the rest: compared as the sink collapsed the batch
        }
        String s = text.toString();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        s = s.substring(0, end);
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (!ascii) {
            s = ACCENTS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** One partition's work; it opens, commits and closes its own connection. */
    @FunctionalInterface
    interface Task<T, R> {
        R write(List<UpsertRows.Row<T>> partition) throws SQLException;
    }

    /**
     * Runs {@code task} on every partition at once and returns the results in partition order. It returns or throws
     * only when every partition has finished, so no write is still running when the caller commits a checkpoint or
     * retries. The first failure is thrown with the others suppressed on it; partitions that committed stay
     * committed.
     */
    <T, R> List<R> run(List<List<UpsertRows.Row<T>>> parts, Task<T, R> task) throws SQLException {
        List<Future<R>> others = new ArrayList<>(parts.size() - 1);
        for (int i = 1; i < parts.size(); i++) {
            List<UpsertRows.Row<T>> part = parts.get(i);
            others.add(threads.submit(() -> task.write(part)));
        }
        List<R> results = new ArrayList<>(parts.size());
        Throwable failure = null;
        try {
            results.add(task.write(parts.get(0)));
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<R> f : others) {
            while (true) {
                try {
                    results.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;  // the partitions are bounded by the driver's timeouts: wait for them
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof SQLException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return results;
    }

    int writers() {
        return writers;
    }
}
