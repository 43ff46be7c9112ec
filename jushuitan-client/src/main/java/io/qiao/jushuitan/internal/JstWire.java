package io.qiao.jushuitan.internal;

import io.qiao.client.spi.WallClockWindow;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the resources read from the query and request value types in {@code io.qiao.jushuitan.model} that is no part
 * of their public surface: the biz fields sent on the wire and the wall-clock window to page through. Each value type
 * registers its own readers from its static initializer, so these stay private to it; since a reader is only asked
 * for with an instance in hand, the type is initialised (and registered) by then.
 */
public final class JstWire {
    private static final Map<Class<?>, Function<Object, Map<String, Object>>> BIZ = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Function<Object, WallClockWindow>> RANGE = new ConcurrentHashMap<>();

    private JstWire() {
    }

    /**
     * Registers the readers of one value type; called once, from that type's static initializer.
     *
     * @param type  the value type
     * @param biz   its biz fields as sent (snake_case), without paging and time fields
     * @param range its wall-clock window, or null for a type that has none
     * @throws IllegalStateException if the type registered already
     */
    public static <T> void register(Class<T> type, Function<T, Map<String, Object>> biz,
            Function<T, WallClockWindow> range) {
        Objects.requireNonNull(biz, "biz");
        if (BIZ.putIfAbsent(type, v -> biz.apply(type.cast(v))) != null) {
            throw new IllegalStateException(type.getName() + " registered its wire readers already");
        }
        if (range != null) {
            RANGE.put(type, v -> range.apply(type.cast(v)));
        }
    }

    /** The biz fields of {@code value} as sent (snake_case). */
    public static Map<String, Object> biz(Object value) {
        return reader(BIZ, value).apply(value);
    }

    /** The wall-clock window of {@code value}, or null for none (the query names records by id). */
    public static WallClockWindow range(Object value) {
        return reader(RANGE, value).apply(value);
    }

    private static <R> Function<Object, R> reader(Map<Class<?>, Function<Object, R>> readers, Object value) {
        Function<Object, R> reader = readers.get(value.getClass());
        if (reader == null) {
            throw new IllegalStateException(value.getClass().getName() + " has no wire readers registered");
        }
        return reader;
    }
}
