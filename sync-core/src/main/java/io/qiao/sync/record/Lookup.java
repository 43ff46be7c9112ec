package io.qiao.sync.record;

import java.util.Optional;

/**
 * Reference data for mapping, such as "Jushuitan sku_id -> KIS FItemID". A miss is an empty result: the
 * caller turns it into a dead letter naming the key, never an exception that stops the run.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface Lookup<K, V> {
    Optional<V> find(K key);

    /**
     * The value for {@code key}, or a {@link LookupMissException} naming the key. Call it inside a mapper:
     * the engine turns the exception into a {@link Rejection.Stage#LOOKUP LOOKUP} dead letter and goes on.
     *
     * @param what what is looked up, for the reason, e.g. "KIS FItemID for sku_id"
     */
    default V require(K key, String what) {
        return find(key).orElseThrow(() -> new LookupMissException(what, key));
    }

    /** {@link #require(Object, String)} with a generic description. */
    default V require(K key) {
        return require(key, "lookup");
    }
}
