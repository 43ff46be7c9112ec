package io.qiao.sync.store;

import io.qiao.sync.record.Rejection;
import io.qiao.sync.internal.DeadLetterEntries;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Dead letters in memory: for tests and for trying a job out. Thread-safe (one lock; dead letters are rare). */
public final class InMemoryDeadLetterStore implements DeadLetterStore {
    private final Map<String, DeadLetter> entries = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized DeadLetter add(String job, String key, String payload, Rejection.Stage stage,
                                       List<String> reasons, String window, Instant now) {
        DeadLetterEntries.checkAdd(job, payload, stage, reasons, now);
        DeadLetter existing = key == null ? null : findOpen(job, key);
        DeadLetter entry = existing == null
                ? new DeadLetter(Long.toString(nextId++), job, key, payload, stage, reasons, window, now, now, 1, false)
                : DeadLetterEntries.seenAgain(existing, payload, stage, reasons, window, now);
        entries.put(entry.id(), entry);
        return entry;
    }

    @Override
    public synchronized List<DeadLetter> list(String job, boolean includeResolved, int limit) {
        DeadLetterEntries.checkLimit(limit);
        return entries.values().stream()
                .filter(d -> d.job().equals(job) && (includeResolved || !d.resolved()))
                .sorted(DeadLetterEntries.OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void resolve(String job, List<String> ids, Instant now) {
        for (String id : ids) {
            DeadLetter d = entries.get(id);
            if (d != null && d.job().equals(job) && !d.resolved()) {
                entries.put(id, DeadLetterEntries.resolved(d));
            }
        }
    }

    @Override
    public synchronized int purge(String job, boolean resolvedOnly) {
        int before = entries.size();
        entries.values().removeIf(d -> d.job().equals(job) && (!resolvedOnly || d.resolved()));
        return before - entries.size();
    }

    @Override
    public synchronized Map<String, Long> summary(String job, Instant from, Instant to) {
        return DeadLetterSummary.of(entries.values().stream()
                .filter(d -> d.job().equals(job) && !d.resolved() && DeadLetterEntries.within(d.lastSeen(), from, to))
                .map(DeadLetter::reasons)
                .collect(Collectors.toList()));
    }

    @Override
    public synchronized Optional<DeadLetter> find(String job, String id) {
        DeadLetter d = entries.get(id);
        return d != null && d.job().equals(job) ? Optional.of(d) : Optional.empty();
    }

    private DeadLetter findOpen(String job, String key) {
        return entries.values().stream()
                .filter(d -> !d.resolved() && d.job().equals(job) && key.equals(d.key()))
                .min(Comparator.comparing(DeadLetter::firstSeen))
                .orElse(null);
    }

    @Override
    public synchronized String toString() {
        return "InMemoryDeadLetterStore{" + entries.size() + " entries}";
    }
}
