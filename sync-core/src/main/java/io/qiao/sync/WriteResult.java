package io.qiao.sync;

import java.util.List;

/**
 * What a sink did with a batch: how many records it durably wrote, and those it refused one by one (a
 * constraint violation, a lookup miss, a vendor validation error). Refused records become dead letters.
 */
public record WriteResult<T>(int written, List<Rejection<T>> rejected) {
    public WriteResult {
        rejected = List.copyOf(rejected);
        if (written < 0) {
            throw new IllegalArgumentException("written must not be negative, was " + written);
        }
    }

    public static <T> WriteResult<T> allWritten(int written) {
        return new WriteResult<>(written, List.of());
    }
}
