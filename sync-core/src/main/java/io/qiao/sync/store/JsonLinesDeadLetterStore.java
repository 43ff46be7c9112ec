package io.qiao.sync.store;

import io.qiao.sync.record.Rejection;
import io.qiao.sync.internal.DeadLetterEntries;
import io.qiao.sync.internal.Files2;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Dead letters as append-only JSON Lines, one file per job ({@code <job>.dead-letters.jsonl}) in a directory.
 * Every change (a new entry, a record seen again, a resolve) appends the entry's whole new state as one line,
 * so the file is a readable history and the last line of an id is its current state:
 *
 * <pre>jq -s 'group_by(.id) | map(last) | map(select(.resolved | not)) | .[] | {key, stage, reasons}' orders.dead-letters.jsonl
 * jq -r '.payload | fromjson | .io_id' orders.dead-letters.jsonl</pre>
 *
 * Appends are fsynced in {@link #flush()}, which the engine calls before moving a checkpoint (one fsync per
 * window instead of one per record). {@link #purge} rewrites the file atomically.
 *
 * <p>Several processes and threads may share a directory (a run appending while an operator purges): every write
 * holds the job's lock ({@code <job>.dead-letters.jsonl.lock}, an OS file lock plus a JVM-wide lock) and first
 * reads what others appended; an appender that finds the file replaced (a purge) or gone appends to the file now
 * at the path, so no append lands in a file that was renamed away. Entries a run appended to a file deleted before
 * they were flushed are written again into a new one. Reads take no lock and never change a file.
 *
 * <p>A torn last line (a crash while appending) is ignored by reads; the next write keeps the file as it was in
 * {@code <file>.corrupt} and then repairs it (cuts the torn line, or ends a complete one). A corrupt line
 * elsewhere is an error naming the file and line.
 *
 * <p>This class keeps the store's semantics (de-duplication by key, resolving, purging, the summary); one job's file,
 * its locking and catching up is {@code JsonLinesJobFile}, the line format {@code DeadLetterLines}.
 */
public final class JsonLinesDeadLetterStore implements DeadLetterStore, Closeable {
    private final Path dir;
    private final Map<String, JsonLinesJobFile> jobs = new HashMap<>();

    private JsonLinesDeadLetterStore(Path dir) {
        this.dir = dir;
    }

    /**
     * A store in {@code dir}. The directory is created by the first write, not here: a store used only to read
     * (qiao status on a read-only state directory) creates nothing.
     */
    public static JsonLinesDeadLetterStore in(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return new JsonLinesDeadLetterStore(dir);
    }

    /** The file that holds {@code job}'s dead letters. */
    public Path fileOf(String job) {
        return dir.resolve(Files2.fileName(job, ".dead-letters.jsonl"));
    }

    @Override
    public synchronized DeadLetter add(String job, String key, String payload, Rejection.Stage stage,
                                       List<String> reasons, String window, Instant now) {
        DeadLetterEntries.checkAdd(job, payload, stage, reasons, now);
        JsonLinesJobFile f = file(job);
        return f.locked("append to", () -> {
            f.refresh(true);
            DeadLetter existing = key == null ? null : f.openByKey.get(key);
            DeadLetter entry = existing == null
                    ? new DeadLetter(Long.toString(f.nextId++), job, key, payload, stage, reasons, window, now, now, 1,
                    false)
                    : DeadLetterEntries.seenAgain(existing, payload, stage, reasons, window, now);
            f.append(entry);
            return entry;
        });
    }

    @Override
    public synchronized List<DeadLetter> list(String job, boolean includeResolved, int limit) {
        DeadLetterEntries.checkLimit(limit);
        JsonLinesJobFile f = file(job);
        f.refresh(false);
        return f.entries.values().stream()
                .filter(d -> includeResolved || !d.resolved())
                .sorted(DeadLetterEntries.OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<DeadLetter> find(String job, String id) {
        JsonLinesJobFile f = file(job);
        f.refresh(false);
        return Optional.ofNullable(f.entries.get(id));
    }

    @Override
    public synchronized void resolve(String job, List<String> ids, Instant now) {
        JsonLinesJobFile f = file(job);
        f.locked("append to", () -> {
            f.refresh(true);
            for (String id : ids) {
                DeadLetter d = f.entries.get(id);
                if (d != null && !d.resolved()) {
                    f.append(DeadLetterEntries.resolved(d));
                }
            }
            return null;
        });
    }

    @Override
    public synchronized int purge(String job, boolean resolvedOnly) {
        JsonLinesJobFile f = file(job);
        return f.locked("rewrite", () -> {
            f.refresh(true);
            List<DeadLetter> kept = f.entries.values().stream().filter(d -> resolvedOnly && !d.resolved()).toList();
            int purged = f.entries.size() - kept.size();
            if (purged > 0) {
                f.rewrite(kept);
            }
            return purged;
        });
    }

    @Override
    public synchronized Map<String, Long> summary(String job, Instant from, Instant to) {
        JsonLinesJobFile f = file(job);
        f.refresh(false);
        return DeadLetterSummary.of(f.entries.values().stream()
                .filter(d -> !d.resolved() && DeadLetterEntries.within(d.lastSeen(), from, to))
                .map(DeadLetter::reasons)
                .collect(Collectors.toList()));
    }

    @Override
    public synchronized void flush() {
        for (JsonLinesJobFile f : jobs.values()) {
            f.sync();
        }
    }

    /** Flushes and closes the open files; the store reopens them if used again. */
    @Override
    public synchronized void close() {
        try {
            flush();
        } finally {
            for (JsonLinesJobFile f : jobs.values()) {
                f.closeChannel();
            }
            jobs.clear();
        }
    }

    private JsonLinesJobFile file(String job) {
        Objects.requireNonNull(job, "job");
        return jobs.computeIfAbsent(job, j -> new JsonLinesJobFile(j, fileOf(j)));
    }

    @Override
    public String toString() {
        return "JsonLinesDeadLetterStore{" + dir + "}";
    }
}
