package io.qiao.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The faults a running simulator injects, changeable at any time from any thread. Two kinds: a queue of
 * one-shot faults for the next requests (optionally only for one target: a method or a path), and a periodic
 * fault on every n-th request (for load runs that must survive a steady trickle of failures).
 *
 * @param <F> the simulator's fault type
 * @param <S> the concrete plan, so that calls chain
 */
public abstract class FaultPlan<F, S extends FaultPlan<F, S>> {
    private record Queued<F>(String target, F fault) {
    }

    private final Deque<Queued<F>> queue = new ArrayDeque<>();
    private F periodic;
    private int period;
    private long counter;

    protected FaultPlan() {
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Injects {@code fault} on each of the next {@code times} requests, whatever their target. */
    public synchronized S next(F fault, int times) {
        return next(null, fault, times);
    }

    /** Injects {@code fault} on each of the next {@code times} requests for {@code target} (null: any). */
    public synchronized S next(String target, F fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        for (int i = 0; i < times; i++) {
            queue.addLast(new Queued<>(target, fault));
        }
        return self();
    }

    /** Injects {@code fault} on every {@code n}-th request from now on (n = 1: every request). */
    public synchronized S every(int n, F fault) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        this.periodic = Objects.requireNonNull(fault, "fault");
        this.period = n;
        this.counter = 0;
        return self();
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

    /** The fault for a request for {@code target}, or null; consumes a queued fault. For the simulators. */
    protected synchronized F take(String target) {
        for (var it = queue.iterator(); it.hasNext(); ) {
            Queued<F> q = it.next();
            if (q.target() == null || q.target().equals(target)) {
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
