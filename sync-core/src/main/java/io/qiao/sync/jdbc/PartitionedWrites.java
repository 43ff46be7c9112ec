package io.qiao.sync.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link JdbcUpsertSink}'s parallel writer ({@code writers(n)}, n > 1): a batch's rows split by the hash of their
 * key into up to n partitions, each written on its own connection at the same time, the calling thread writing the
 * first. Rows with one key always fall into one partition, and each partition keeps the batch's order, so no two
 * connections ever write the same key and the last record of a key still wins. Why: one connection leaves one of
 * the database's cores idle while the other executes, and the client binds one statement while the server runs
 * another.
 *
 * <p>Its threads belong to the sink (no shared pool): at most n - 1 daemon threads, made on first use and ended
 * after 30 idle seconds, so a sink that is dropped leaves nothing running. Thread-safe.
 */
final class PartitionedWrites {
    /** Fewer rows than this in a partition cost more in round trips and commits than the overlap gains. */
    static final int MIN_ROWS_PER_PARTITION = 100;

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
     * {@code rows} cut into partitions by key: as many as the writers, but none with fewer than
     * {@link #MIN_ROWS_PER_PARTITION} rows on average; one (the list itself) for a small batch.
     */
    <T> List<List<UpsertRows.Row<T>>> split(List<UpsertRows.Row<T>> rows, int[] keyIndexes) {
        int n = Math.min(writers, rows.size() / MIN_ROWS_PER_PARTITION);
        if (n <= 1) {
            return List.of(rows);
        }
        List<List<UpsertRows.Row<T>>> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(new ArrayList<>(rows.size() / n + 16));
        }
        for (UpsertRows.Row<T> row : rows) {
            parts.get(partition(row.values(), keyIndexes, n)).add(row);
        }
        parts.removeIf(List::isEmpty);
        return parts;
    }

    /** The partition of a row: a function of its key's values only, so equal keys meet in one partition. */
    static int partition(Object[] values, int[] keyIndexes, int partitions) {
        int h = 1;
        for (int k : keyIndexes) {
            Object v = values[k];
            h = 31 * h + (v instanceof byte[] b ? Arrays.hashCode(b) : v.hashCode());
        }
        h *= 0x9E3779B9;          // spread: keys such as consecutive numbers must not pile up in one partition
        return Math.floorMod(h ^ (h >>> 16), partitions);
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
