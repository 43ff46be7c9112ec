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
 * <p>A key that is not found reloads the catalogue once the loaded copy is older than the miss interval (default
 * 1 minute), so a material added in KIS is seen soon after (a dead letter replayed a minute later goes through),
 * while a batch full of unknown skus costs at most one reload per interval.
 *
 * <p>When two materials share a key the first one listed wins (KIS codes are unique; custom fields may not be).
 */
public final class MaterialCatalog {
    private final Materials materials;
    private final String field;
    private final Clock clock;
    private final Duration ttl;
    private final Duration missReload;
    private volatile Map<String, Material> index;
    private volatile Instant loadedAt;
    private int loads;

    MaterialCatalog(Materials materials, String field, Clock clock, Duration ttl, Duration missReload) {
        this.materials = materials;
        this.field = field;
        this.clock = clock;
        this.ttl = ttl;
        this.missReload = missReload;
    }

    /** The material whose {@link #field()} equals {@code key}. */
    public Optional<Material> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Material m = current().get(key);
        if (m == null && olderThan(missReload)) {
            m = reloadIfOlderThan(missReload).get(key);
        }
        return Optional.ofNullable(m);
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
        if (i != null && !olderThan(ttl)) {
            return i;
        }
        return reloadIfOlderThan(ttl);
    }

    /** Reloads unless another thread just did (the check is repeated under the lock). */
    private synchronized Map<String, Material> reloadIfOlderThan(Duration age) {
        if (index == null || olderThan(age)) {
            index = load();
            loadedAt = clock.instant();
            loads++;
        }
        return index;
    }

    private boolean olderThan(Duration age) {
        Instant at = loadedAt;
        return at == null || !clock.instant().isBefore(at.plus(age));
    }

    private Map<String, Material> load() {
        Map<String, Material> m = new HashMap<>();
        for (Material material : materials.list(MaterialQuery.all().withPageSize(500))) {
            material.field(field).ifPresent(k -> m.putIfAbsent(k, material));
        }
        return Map.copyOf(m);
    }
}
