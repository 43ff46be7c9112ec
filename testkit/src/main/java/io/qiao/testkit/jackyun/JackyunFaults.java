package io.qiao.testkit.jackyun;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The faults a running simulator injects, changeable at any time from any thread. Two kinds: a queue of
 * one-shot faults for the next requests (optionally only of one method), and a periodic fault on every n-th
 * request (for load runs that must survive a steady trickle of failures).
 */
public final class JackyunFaults {
    private record Queued(String method, JackyunFault fault) {
    }

    private final Deque<Queued> queue = new ArrayDeque<>();
    private JackyunFault periodic;
    private int period;
    private long counter;

    JackyunFaults() {
    }

    /** Injects {@code fault} on each of the next {@code times} requests, whatever their method. */
    public synchronized JackyunFaults next(JackyunFault fault, int times) {
        return next(null, fault, times);
    }

    /** Injects {@code fault} on each of the next {@code times} requests of {@code method} (null: any). */
    public synchronized JackyunFaults next(String method, JackyunFault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        for (int i = 0; i < times; i++) {
            queue.addLast(new Queued(method, fault));
        }
        return this;
    }

    /** Injects {@code fault} on every {@code n}-th request from now on (n = 1: every request). */
    public synchronized JackyunFaults every(int n, JackyunFault fault) {
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

    /** The fault for a request of {@code method}, or null; consumes a queued fault. */
    synchronized JackyunFault take(String method) {
        for (var it = queue.iterator(); it.hasNext(); ) {
            Queued q = it.next();
            if (q.method() == null || q.method().equals(method)) {
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
