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

    /** A single text value: null stays null (no filter); blank is refused, since the vendor would match nothing. */
    public static String text(String api, String field, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(api + ": " + field + " must not be blank");
        }
        return value;
    }

    /** A row version ({@code start_ts}) to continue after: not negative. */
    public static long startTs(String api, long ts) {
        if (ts < 0) {
            throw new IllegalArgumentException(api + ": start_ts must not be negative, was " + ts);
        }
        return ts;
    }
}
