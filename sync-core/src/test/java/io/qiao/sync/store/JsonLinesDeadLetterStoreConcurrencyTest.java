package io.qiao.sync.store;

import io.qiao.sync.record.Rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run appending dead letters while an operator purges them (issue 14, bug 2): every entry is either deleted by a
 * purge that saw it or still in the file, and what is appended after the last purge is all there. The purger is
 * another store (as another host of the library would be) or another JVM.
 */
class JsonLinesDeadLetterStoreConcurrencyTest {
    private static final String JOB = "jst-inout";
    private static final String PAYLOAD = "{\"io_id\":1}";
    private static final Instant T = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void appendsWhileAnotherStorePurgesAllRepeatedly_loseNoEntry_andLaterAppendsLandInTheLiveFile() throws Exception {
        JsonLinesDeadLetterStore appender = JsonLinesDeadLetterStore.in(dir);
        JsonLinesDeadLetterStore purger = JsonLinesDeadLetterStore.in(dir);
        AtomicBoolean appending = new AtomicBoolean(true);
        AtomicInteger nonEmptyPurges = new AtomicInteger();
        AtomicLong purged = new AtomicLong();
        CompletableFuture<Void> purging = CompletableFuture.runAsync(() -> {
            while (appending.get()) {
                int n = purger.purge(JOB, false);
                purged.addAndGet(n);
                if (n > 0) {
                    nonEmptyPurges.incrementAndGet();
                }
            }
        });

        int appended = appendUntil(appender, () -> nonEmptyPurges.get() >= 5);
        appending.set(false);
        purging.get(30, TimeUnit.SECONDS);
        purged.addAndGet(purger.purge(JOB, false)); // the last purge: every entry so far is gone

        List<String> after = appendAfterTheLastPurge(appender);
        appender.close();
        purger.close();

        JsonLinesDeadLetterStore reader = JsonLinesDeadLetterStore.in(dir);
        assertThat(reader.list(JOB, true, Integer.MAX_VALUE)).extracting(DeadLetter::key)
                .as("appended after the last purge, all in the file at the path").containsExactlyElementsOf(after);
        reader.close();
        assertThat(purged.get()).as("every appended entry was seen (and deleted) by a purge").isEqualTo(appended);
        assertThat(nonEmptyPurges.get()).as("purges ran while entries were appended").isGreaterThanOrEqualTo(5);
    }

    @Test
    @Timeout(120)
    void appendsWhileAnotherJvmPurgesAllRepeatedly_loseNoEntry_andLaterAppendsLandInTheLiveFile() throws Exception {
        Path stop = dir.resolve("stop");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PurgeLoop.class.getName(), dir.toString(), JOB,
                stop.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicInteger nonEmptyPurges = new AtomicInteger();
        CompletableFuture<Long> total = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("purged ")) {
                        nonEmptyPurges.incrementAndGet();
                    } else if (line.startsWith("total ")) {
                        return Long.parseLong(line.substring("total ".length()));
                    }
                }
                return -1L;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        try {
            JsonLinesDeadLetterStore appender = JsonLinesDeadLetterStore.in(dir);
            int appended = appendUntil(appender, () -> nonEmptyPurges.get() >= 5);
            Files.writeString(stop, "stop");
            long purged = total.get(60, TimeUnit.SECONDS); // the child's last purge ran after our last append
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            List<String> after = appendAfterTheLastPurge(appender);
            appender.close();

            JsonLinesDeadLetterStore reader = JsonLinesDeadLetterStore.in(dir);
            assertThat(reader.list(JOB, true, Integer.MAX_VALUE)).extracting(DeadLetter::key)
                    .as("appended after the other JVM's last purge, all in the file at the path")
                    .containsExactlyElementsOf(after);
            reader.close();
            assertThat(purged).as("every appended entry was seen (and deleted) by the other JVM's purges")
                    .isEqualTo(appended);
            assertThat(nonEmptyPurges.get()).as("purges ran while entries were appended").isGreaterThanOrEqualTo(5);
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * Appends distinct entries, flushing every 20 as the engine does per window, until {@code enough} (at most 50 s: on
     * a loaded machine the other JVM took more than 10 s to start and purge five times, and the test failed).
     */
    private static int appendUntil(JsonLinesDeadLetterStore store, java.util.function.BooleanSupplier enough) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        int i = 0;
        while (i < 500 || (!enough.getAsBoolean() && System.nanoTime() < deadline)) {
            store.add(JOB, "k" + i, PAYLOAD, Rejection.Stage.MAP, List.of("no such sku " + i), "[w)", T);
            if (++i % 20 == 0) {
                store.flush();
            }
        }
        store.flush();
        return i;
    }

    private static List<String> appendAfterTheLastPurge(JsonLinesDeadLetterStore store) {
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> "after" + i).toList();
        keys.forEach(k -> store.add(JOB, k, PAYLOAD, Rejection.Stage.MAP, List.of("late"), "[w)", T));
        store.flush();
        return keys;
    }

    /** The other JVM: purges every entry of a job over and over until the stop file appears, then once more. */
    public static final class PurgeLoop {
        public static void main(String[] args) throws Exception {
            JsonLinesDeadLetterStore store = JsonLinesDeadLetterStore.in(Path.of(args[0]));
            Path stop = Path.of(args[2]);
            long total = 0;
            while (!Files.exists(stop)) {
                int n = store.purge(args[1], false);
                if (n > 0) {
                    System.out.println("purged " + n);
                    System.out.flush();
                }
                total += n;
            }
            total += store.purge(args[1], false);
            store.close();
            System.out.println("total " + total);
            System.out.flush();
        }
    }
}
