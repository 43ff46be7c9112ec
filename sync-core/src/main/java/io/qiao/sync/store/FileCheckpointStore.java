package io.qiao.sync.store;

import io.qiao.sync.Position;
import io.qiao.sync.SyncException;
import io.qiao.sync.SyncJob;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.Json;
import io.qiao.sync.internal.Files2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 * read is an error naming the file: never a silent restart from the initial watermark; {@link #setAsideIfCorrupt}
 * and {@link SyncJob#resetCheckpoint} replace it on purpose.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private final Path dir;
    private final Clock clock;
    private final ObjectMapper mapper = Json.newMapper();

    private FileCheckpointStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** A store in {@code dir}; the directory is created by the first commit (a reader creates nothing). */
    public static FileCheckpointStore in(Path dir) {
        return in(dir, Clock.systemUTC());
    }

    public static FileCheckpointStore in(Path dir, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
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
            throw new SyncException(Files2.failure("read checkpoint file", file, e), e);
        }
        return Optional.of(parse(job, file, bytes));
    }

    @Override
    public Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(position, "position");
        Path file = fileOf(job);
        return locked(job, "write checkpoint file", () -> {
            long actual = load(job).map(Checkpoint::version).orElse(0L);
            if (actual == 0 && expectedVersion > 0) {
                throw new Vanished(job, expectedVersion, file);
            }
            if (actual != expectedVersion) {
                throw new CheckpointConflictException(job, expectedVersion, actual);
            }
            Checkpoint next = new Checkpoint(job, position, expectedVersion + 1, clock.instant());
            Files2.writeAtomically(file, serialise(next));
            return next;
        });
    }

    /**
     * Moves an unreadable checkpoint file aside ({@code <file>.corrupt}) so that the job can be given a new one
     * with {@link SyncJob#resetCheckpoint}; returns where the damaged file went, or empty when the file is
     * readable or absent (nothing is changed then).
     */
    public Optional<Path> setAsideIfCorrupt(String job) {
        Objects.requireNonNull(job, "job");
        Path file = fileOf(job);
        return locked(job, "move aside checkpoint file", () -> {
            try {
                load(job);
                return Optional.<Path>empty();
            } catch (SyncException unreadable) {
                if (!Files.exists(file)) {
                    throw unreadable;
                }
                Path copy = Files2.keepCorruptCopy(file);
                Files.delete(file);
                Files2.fsyncDirectory(dir);
                return Optional.of(copy);
            }
        });
    }

    /** The checkpoint file a run committed to is gone: a deleted or moved state directory, not another runner. */
    private static final class Vanished extends CheckpointConflictException {
        private final String message;

        Vanished(String job, long expectedVersion, Path file) {
            super(job, expectedVersion, 0);
            this.message = "checkpoint file " + file + " of job '" + job + "' is gone (this run had committed version "
                    + expectedVersion + "): its directory was deleted or moved; this run stops without committing, and "
                    + "the next run starts from the job's initial position";
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    private <T> T locked(String job, String operation, Files2.Locked<T> body) {
        try {
            return Files2.withLock(dir.resolve(Files2.fileName(job, ".lock")), body);
        } catch (IOException e) {
            throw new SyncException(Files2.failure(operation, fileOf(job), e), e);
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
            throw new SyncException("checkpoint file " + file + " is corrupt (" + e.getMessage() + "); every run of "
                    + "job '" + job + "' fails until it is restored or replaced by a new checkpoint (never a silent "
                    + "restart from the initial watermark)", e);
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
