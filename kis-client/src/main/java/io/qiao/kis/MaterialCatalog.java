package io.qiao.kis;

import io.qiao.kis.model.Material;
import io.qiao.kis.model.MaterialQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The material catalogue indexed by one field, loaded whole on first use and reloaded when older than its TTL.
 * A sync resolves every line's sku through it, so the catalogue is read once per TTL instead of once per line.
 * Thread-safe; one thread loads while the others wait for that load.
 *
 * <p>When two materials share a key the first one listed wins (KIS codes are unique; custom fields may not be).
 */
public final class MaterialCatalog {
    private final Materials materials;
    private final String field;
    private final Clock clock;
    private final Duration ttl;
    private volatile Map<String, Material> index;
    private volatile Instant loadedAt;
    private int loads;

    MaterialCatalog(Materials materials, String field, Clock clock, Duration ttl) {
        this.materials = materials;
        this.field = field;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The material whose {@link #field()} equals {@code key}. */
    public Optional<Material> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(current().get(key));
    }

    public String field() {
        return field;
    }

    /** How many materials the index holds (loading it if needed). */
    public int size() {
        return current().size();
    }

    /** Drops the cache; the next lookup reloads the catalogue. */
    public synchronized void refresh() {
        index = null;
    }

    /** How many times the catalogue was read from KIS. */
    public synchronized int loads() {
        return loads;
    }

    private Map<String, Material> current() {
        Map<String, Material> i = index;
        if (i != null && !expired()) {
            return i;
        }
        synchronized (this) {
            if (index == null || expired()) {
                index = load();
                loadedAt = clock.instant();
                loads++;
            }
            return index;
        }
    }

    private boolean expired() {
        return loadedAt == null || !clock.instant().isBefore(loadedAt.plus(ttl));
    }

    private Map<String, Material> load() {
        Map<String, Material> m = new HashMap<>();
        for (Material material : materials.list(MaterialQuery.all().withPageSize(500))) {
            material.field(field).ifPresent(k -> m.putIfAbsent(k, material));
        }
        return Map.copyOf(m);
    }
}
