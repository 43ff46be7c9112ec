package io.qiao.sync;

import io.qiao.sync.record.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An idempotent sink into a map, upserting by key: for tests, samples and trying a job out. Thread-safe.
 *
 * @param <K> the key type
 * @param <T> the record type
 */
public final class InMemorySink<K, T> implements Sink<T> {
    private final Function<? super T, ? extends K> keyOf;
    private final Function<? super T, String> refuse;
    private final Map<K, T> records = new LinkedHashMap<>();
    private long batches;
    private long writes;

    private InMemorySink(Function<? super T, ? extends K> keyOf, Function<? super T, String> refuse) {
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.refuse = refuse;
    }

    public static <K, T> InMemorySink<K, T> keyedBy(Function<? super T, ? extends K> keyOf) {
        return new InMemorySink<>(keyOf, t -> null);
    }

    /**
     * A sink that refuses, one by one, the records for which {@code refuse} gives a reason (as a database
     * constraint or a vendor's validation would); null means "accept".
     */
    public static <K, T> InMemorySink<K, T> keyedBy(Function<? super T, ? extends K> keyOf,
                                                  Function<? super T, String> refuse) {
        return new InMemorySink<>(keyOf, Objects.requireNonNull(refuse, "refuse"));
    }

    @Override
    public synchronized WriteResult<T> write(List<T> batch) {
        batches++;
        int created = 0;
        int updated = 0;
        int alreadyPresent = 0;
        List<Rejection<T>> rejected = new ArrayList<>();
        for (T record : batch) {
            String reason = refuse.apply(record);
            if (reason != null) {
                rejected.add(Rejection.of(record, Rejection.Stage.WRITE, reason));
                continue;
            }
            K key = keyOf.apply(record);
            boolean had = records.containsKey(key);
            T before = records.put(key, record);
            if (!had) {
                created++;
            } else if (Objects.equals(before, record)) {
                alreadyPresent++;
            } else {
                updated++;
            }
            writes++;
        }
        return WriteResult.of(created, updated, alreadyPresent, rejected);
    }

    public synchronized Optional<T> get(K key) {
        return Optional.ofNullable(records.get(key));
    }

    /** A copy of the current contents, in first-written order. */
    public synchronized Map<K, T> records() {
        return new LinkedHashMap<>(records);
    }

    public synchronized int size() {
        return records.size();
    }

    /** How many batches were written (each call of {@link #write}). */
    public synchronized long batches() {
        return batches;
    }

    /** How many records were written in total, repeats included. */
    public synchronized long writes() {
        return writes;
    }
}
