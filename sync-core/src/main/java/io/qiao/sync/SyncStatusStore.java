package io.qiao.sync;

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
     * and {@code jq}. A corrupt file is an error naming it.
     */
    static SyncStatusStore inDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SyncException("cannot create the status directory " + dir + ": " + e, e);
        }
        ObjectMapper mapper = Json.newMapper();
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
                    Files2.writeAtomically(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(status));
                } catch (IOException e) {
                    throw new SyncException("cannot write status file " + file + ": " + e, e);
                }
            }

            @Override
            public String toString() {
                return "SyncStatusStore{" + dir + "}";
            }
        };
    }
}
