package io.qiao.sync.observe;

import io.qiao.sync.SyncException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Json;
import io.qiao.sync.internal.Files2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Keeps each job's {@link SyncStatus}. In memory, or a JSON file per job ({@link #inDirectory}). */
public interface SyncStatusStore {

    Optional<SyncStatus> load(String job);

    void save(SyncStatus status);

    static SyncStatusStore inMemory() {
        ConcurrentMap<String, SyncStatus> map = new ConcurrentHashMap<>();
        return new SyncStatusStore() {
            @Override
            public Optional<SyncStatus> load(String job) {
                return Optional.ofNullable(map.get(job));
            }

            @Override
            public void save(SyncStatus status) {
                map.put(status.job(), status);
            }
        };
    }

    /**
     * One JSON file per job ({@code <job>.status.json}), replaced atomically; readable by monitoring scripts
     * and {@code jq}. A corrupt file is an error naming it when loaded; a save over it first keeps it as
     * {@code <file>.corrupt} (and says so). The directory is created by the first save: loading creates nothing.
     */
    static SyncStatusStore inDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        ObjectMapper mapper = Json.newMapper();
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SyncStatusStore.class);
        return new SyncStatusStore() {
            @Override
            public Optional<SyncStatus> load(String job) {
                Path file = dir.resolve(Files2.fileName(job, ".status.json"));
                try {
                    return Optional.of(mapper.readValue(Files.readAllBytes(file), SyncStatus.class));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                } catch (IOException | RuntimeException e) {
                    throw new SyncException("status file " + file + " cannot be read (" + e.getMessage() + ")", e);
                }
            }

            @Override
            public synchronized void save(SyncStatus status) {
                Path file = dir.resolve(Files2.fileName(status.job(), ".status.json"));
                try {
                    keepIfUnreadable(status.job(), file);
                    Files2.writeAtomically(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(status));
                } catch (IOException e) {
                    throw new SyncException(Files2.failure("write status file", file, e), e);
                }
            }

            private void keepIfUnreadable(String job, Path file) throws IOException {
                try {
                    load(job);
                } catch (SyncException unreadable) {
                    if (Files.exists(file)) {
                        Path copy = Files2.keepCorruptCopy(file);
                        log.warn("status file {} could not be read; writing it anew, the damaged file is kept as {}",
                                file, copy);
                    }
                }
            }

            @Override
            public String toString() {
                return "SyncStatusStore{" + dir + "}";
            }
        };
    }
}
