package io.qiao.jushuitan.internal;

import java.util.List;
import java.util.Objects;

/** Argument checks whose messages name the field and say what is wrong with the value. */
public final class Checks {
    private Checks() {
    }

    public static int pageSize(String api, int size, int max) {
        if (size < 1 || size > max) {
            throw new IllegalArgumentException(api + ": page_size must be between 1 and " + max + ", was " + size);
        }
        return size;
    }

    public static <T> List<T> ids(String api, String field, List<T> ids, int max) {
        Objects.requireNonNull(ids, field);
        if (ids.size() > max) {
            throw new IllegalArgumentException(api + ": " + field + " takes at most " + max + " values, was "
                    + ids.size() + "; split the list into several queries");
        }
        for (T id : ids) {
            if (id == null || id.toString().isBlank()) {
                throw new IllegalArgumentException(api + ": " + field + " contains an empty value");
            }
        }
        return List.copyOf(ids);
    }
}
