package io.qiao.sync.store;

import io.qiao.sync.Position;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Checkpoints in a map: for tests, and for jobs whose position need not survive a restart. Thread-safe. */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final ConcurrentMap<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryCheckpointStore() {
        this(Clock.systemUTC());
    }

    /** @param clock stamps {@link Checkpoint#updatedAt()} */
    public InMemoryCheckpointStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Checkpoint> load(String job) {
        return Optional.ofNullable(checkpoints.get(Objects.requireNonNull(job, "job")));
    }

    @Override
    public Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(position, "position");
        Checkpoint[] result = new Checkpoint[1];
        checkpoints.compute(job, (k, current) -> {
            long actual = current == null ? 0 : current.version();
            if (actual != expectedVersion) {
                throw new CheckpointConflictException(job, expectedVersion, actual);
            }
            result[0] = new Checkpoint(job, position, expectedVersion + 1, clock.instant());
            return result[0];
        });
        return result[0];
    }

    @Override
    public String toString() {
        return "InMemoryCheckpointStore{" + checkpoints.size() + " jobs}";
    }
}
