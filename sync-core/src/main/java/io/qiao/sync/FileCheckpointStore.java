package io.qiao.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.Json;
import io.qiao.sync.internal.Files2;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Checkpoints as one small JSON file per job in a directory:
 *
 * <pre>{"job":"jst-inout","watermark":"2024-05-01T08:00:00Z","cursor":null,"version":12,"updatedAt":"..."}</pre>
 *
 * A commit writes a temporary file, fsyncs it and renames it over the old one atomically, so a crash leaves
 * the old or the new checkpoint, never a torn file. Compare-and-set holds a file lock ({@code <job>.lock}),
 * so runners in several processes sharing the directory cannot both advance a job. A file that cannot be
 * read is an error naming the file: never a silent restart from the initial watermark.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final long LOCK_TIMEOUT_NANOS = 30_000_000_000L;

    private final Path dir;
    private final Clock clock;
    private final ObjectMapper mapper = Json.newMapper();

    private FileCheckpointStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** A store in {@code dir}, created if missing. */
    public static FileCheckpointStore in(Path dir) {
        return in(dir, Clock.systemUTC());
    }

    public static FileCheckpointStore in(Path dir, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SyncException("cannot create the checkpoint directory " + dir + ": " + e, e);
        }
        return new FileCheckpointStore(dir, clock);
    }

    /** The file that holds {@code job}'s checkpoint. */
    public Path fileOf(String job) {
        return dir.resolve(Files2.fileName(job, ".checkpoint.json"));
    }

    @Override
    public Optional<Checkpoint> load(String job) {
        Objects.requireNonNull(job, "job");
        Path file = fileOf(job);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SyncException("cannot read checkpoint file " + file + ": " + e, e);
        }
        return Optional.of(parse(job, file, bytes));
    }

    @Override
    public Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(position, "position");
        Path lockFile = dir.resolve(Files2.fileName(job, ".lock"));
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lock(ch, lockFile)) {
            long actual = load(job).map(Checkpoint::version).orElse(0L);
            if (actual != expectedVersion) {
                throw new CheckpointConflictException(job, expectedVersion, actual);
            }
            Checkpoint next = new Checkpoint(job, position, expectedVersion + 1, clock.instant());
            Files2.writeAtomically(fileOf(job), serialise(next));
            return next;
        } catch (IOException e) {
            throw new SyncException("cannot write checkpoint file " + fileOf(job) + ": " + e, e);
        }
    }

    /** Waits for the job's file lock; other threads of this JVM holding it show as an overlap, so poll. */
    private static FileLock lock(FileChannel ch, Path lockFile) throws IOException {
        long deadline = System.nanoTime() + LOCK_TIMEOUT_NANOS;
        while (true) {
            try {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // another thread of this JVM holds it
            }
            if (System.nanoTime() > deadline) {
                throw new SyncException("could not lock " + lockFile + " within 30 s: another runner holds it");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("interrupted while waiting for " + lockFile, e);
            }
        }
    }

    private byte[] serialise(Checkpoint c) throws IOException {
        ObjectNode n = mapper.createObjectNode();
        n.put("job", c.job());
        n.put("watermark", c.position().watermark().toString());
        n.put("cursor", c.position().cursor());
        n.put("version", c.version());
        n.put("updatedAt", c.updatedAt().toString());
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    }

    private Checkpoint parse(String job, Path file, byte[] bytes) {
        try {
            JsonNode n = mapper.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            String storedJob = text(n, "job");
            if (!job.equals(storedJob)) {
                throw new IllegalArgumentException("it belongs to job '" + storedJob + "'");
            }
            JsonNode version = n.get("version");
            if (version == null || !version.canConvertToLong() || version.asLong() < 1) {
                throw new IllegalArgumentException("version is missing or not a positive number");
            }
            JsonNode cursor = n.get("cursor");
            Position p = new Position(Instant.parse(text(n, "watermark")),
                    cursor == null || cursor.isNull() ? null : cursor.asText());
            return new Checkpoint(job, p, version.asLong(), Instant.parse(text(n, "updatedAt")));
        } catch (IOException | RuntimeException e) {
            throw new SyncException("checkpoint file " + file + " is corrupt (" + e.getMessage() + "); fix or "
                    + "restore it: Qiao will not silently restart job '" + job + "' from its initial watermark", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v.asText();
    }

    @Override
    public String toString() {
        return "FileCheckpointStore{" + dir + "}";
    }
}
