package io.qiao.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of results and the token to fetch the next one.
 *
 * @param items     the records of this page, in the vendor's order
 * @param nextToken the continuation for the next page, or null when this is the last page
 */
public record Page<T>(List<T> items, String nextToken) {
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }

    public static <T> Page<T> of(List<T> items, String nextToken) {
        return new Page<>(items, nextToken);
    }

    public boolean hasNext() {
        return nextToken != null;
    }

    public Optional<String> continuation() {
        return Optional.ofNullable(nextToken);
    }
}
