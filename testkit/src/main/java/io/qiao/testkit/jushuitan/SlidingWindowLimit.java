package io.qiao.testkit.jushuitan;

import java.util.ArrayDeque;

/**
 * "At most {@code permits} requests in any {@code windowNanos}", counted over the arrival times of accepted
 * requests: the strictest reading of the vendor's "一秒不超过5次" / "一分钟不超过100次". A refused request
 * does not use up a permit.
 */
final class SlidingWindowLimit {
    private final int permits;
    private final long windowNanos;
    private final ArrayDeque<Long> arrivals = new ArrayDeque<>();

    SlidingWindowLimit(int permits, long windowNanos) {
        this.permits = permits;
        this.windowNanos = windowNanos;
    }

    boolean isFull(long now) {
        while (!arrivals.isEmpty() && now - arrivals.peekFirst() >= windowNanos) {
            arrivals.pollFirst();
        }
        return arrivals.size() >= permits;
    }

    void record(long now) {
        arrivals.addLast(now);
    }

    void clear() {
        arrivals.clear();
    }
}
