package io.qiao.testkit.jushuitan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The faults a running simulator injects, changeable at any time from any thread: a queue of one-shot faults
 * for the next requests (optionally only to one path), and a periodic fault on every n-th request (for long
 * runs that must survive a steady trickle of failures).
 */
public final class JushuitanFaults {
    private record Queued(String path, JushuitanFault fault) {
    }

    private final Deque<Queued> queue = new ArrayDeque<>();
    private JushuitanFault periodic;
    private int period;
    private long counter;

    JushuitanFaults() {
    }

    /** Injects {@code fault} on each of the next {@code times} requests, whatever their path. */
    public synchronized JushuitanFaults next(JushuitanFault fault, int times) {
        return next(null, fault, times);
    }

    /** Injects {@code fault} on each of the next {@code times} requests to {@code path} (null: any). */
    public synchronized JushuitanFaults next(String path, JushuitanFault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        for (int i = 0; i < times; i++) {
            queue.addLast(new Queued(path, fault));
        }
        return this;
    }

    /** Injects {@code fault} on every {@code n}-th request from now on (n = 1: every request). */
    public synchronized JushuitanFaults every(int n, JushuitanFault fault) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        this.periodic = Objects.requireNonNull(fault, "fault");
        this.period = n;
        this.counter = 0;
        return this;
    }

    /** Removes every queued and periodic fault. */
    public synchronized void clear() {
        queue.clear();
        periodic = null;
        period = 0;
        counter = 0;
    }

    /** How many one-shot faults are still waiting. */
    public synchronized int pending() {
        return queue.size();
    }

    /** The fault for a request to {@code path}, or null; consumes a queued fault. */
    synchronized JushuitanFault take(String path) {
        for (var it = queue.iterator(); it.hasNext(); ) {
            Queued q = it.next();
            if (q.path() == null || q.path().equals(path)) {
                it.remove();
                return q.fault();
            }
        }
        if (periodic != null && ++counter % period == 0) {
            return periodic;
        }
        return null;
    }
}
