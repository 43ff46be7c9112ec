package io.qiao.sync;

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
}
