package io.qiao.sync.record;

import io.qiao.sync.internal.Limits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Stock {@link Lookup}s: over a map, over a function, and a bounded, expiring cache in front of another. */
public final class Lookups {
    private Lookups() {
    }

    /** Looks keys up in {@code map} (not copied: a map the host refreshes is seen as it changes). */
    public static <K, V> Lookup<K, V> ofMap(Map<K, V> map) {
        Objects.requireNonNull(map, "map");
        return key -> Optional.ofNullable(map.get(key));
    }

    /** Calls {@code fn}; a null result is a miss. */
    public static <K, V> Lookup<K, V> of(Function<? super K, ? extends V> fn) {
        Objects.requireNonNull(fn, "fn");
        return key -> Optional.ofNullable(fn.apply(key));
    }

    /** A cache in front of {@code delegate}; configure it with the returned builder. */
    public static <K, V> CacheBuilder<K, V> cached(Lookup<K, V> delegate) {
        return new CacheBuilder<>(delegate);
    }

    public static final class CacheBuilder<K, V> {
        private final Lookup<K, V> delegate;
        private int maxSize = 10_000;
        private Duration ttl = Duration.ofMinutes(10);
        private boolean cacheMisses = true;
        private Clock clock = Clock.systemUTC();

        private CacheBuilder(Lookup<K, V> delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /** At most this many keys; the least recently used goes first. Default 10,000. */
        public CacheBuilder<K, V> maxSize(int maxSize) {
            if (maxSize < 1) {
                throw new IllegalArgumentException("maxSize must be at least 1, was " + maxSize);
            }
            this.maxSize = maxSize;
            return this;
        }

        /** How long an answer is trusted; default 10 minutes. */
        public CacheBuilder<K, V> ttl(Duration ttl) {
            this.ttl = Limits.positive(ttl, "ttl");
            return this;
        }

        /** Whether misses are cached too (so a missing SKU does not cost a query per record); default true. */
        public CacheBuilder<K, V> cacheMisses(boolean cacheMisses) {
            this.cacheMisses = cacheMisses;
            return this;
        }

        public CacheBuilder<K, V> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public CachedLookup<K, V> build() {
            return new CachedLookup<>(delegate, maxSize, ttl, cacheMisses, clock);
        }
    }

    /**
     * A size-bounded LRU cache with a time to live. Thread-safe; a key missing from the cache is looked up
     * while holding no lock, so a slow delegate does not block other keys (two threads may both look up the
     * same new key once).
     */
    public static final class CachedLookup<K, V> implements Lookup<K, V> {
        private record Entry<V>(Optional<V> value, Instant expires) {
        }

        private final Lookup<K, V> delegate;
        private final Duration ttl;
        private final boolean cacheMisses;
        private final Clock clock;
        private final LinkedHashMap<K, Entry<V>> entries;
        private long hits;
        private long misses;

        private CachedLookup(Lookup<K, V> delegate, int maxSize, Duration ttl, boolean cacheMisses, Clock clock) {
            this.delegate = delegate;
            this.ttl = ttl;
            this.cacheMisses = cacheMisses;
            this.clock = clock;
            this.entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                    return size() > maxSize;
                }
            };
        }

        @Override
        public Optional<V> find(K key) {
            Instant now = clock.instant();
            synchronized (this) {
                Entry<V> e = entries.get(key);
                if (e != null && now.isBefore(e.expires())) {
                    hits++;
                    return e.value();
                }
                misses++;
            }
            @SuppressWarnings("unchecked")
            Optional<V> value = (Optional<V>) delegate.find(key);
            if (value == null) {
                value = Optional.empty();
            }
            if (value.isPresent() || cacheMisses) {
                synchronized (this) {
                    entries.put(key, new Entry<>(value, now.plus(ttl)));
                }
            }
            return value;
        }

        /** Forgets every cached answer (after the reference data changed). */
        public synchronized void invalidateAll() {
            entries.clear();
        }

        public synchronized int size() {
            return entries.size();
        }

        /** Answers served from the cache. */
        public synchronized long hits() {
            return hits;
        }

        /** Answers that went to the delegate. */
        public synchronized long misses() {
            return misses;
        }
    }
}
