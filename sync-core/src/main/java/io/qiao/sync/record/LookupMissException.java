package io.qiao.sync.record;

import io.qiao.sync.SyncException;
import java.util.Objects;

/**
 * A mapper met a key that its reference data does not know. Not an error of the run: the engine records the
 * record as a {@link Rejection.Stage#LOOKUP LOOKUP} dead letter whose reason names the key, and goes on.
 * Throw it from a mapper (or use {@link Lookup#require(Object, String)}).
 */
public class LookupMissException extends SyncException {
    private final String what;
    private final transient Object key;

    public LookupMissException(String what, Object key) {
        super(Objects.requireNonNull(what, "what") + ": no value for '" + key + "'");
        this.what = what;
        this.key = key;
    }

    /** What was looked up, e.g. "KIS FItemID for sku_id". */
    public String what() {
        return what;
    }

    /** The key that was not found. */
    public Object key() {
        return key;
    }
}
