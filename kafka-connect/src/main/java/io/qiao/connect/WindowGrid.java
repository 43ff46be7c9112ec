package io.qiao.connect;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the tasks of one source connector share the time axis: a fixed grid of windows of {@link #size()} starting at
 * the epoch, window {@code k} covering {@code [epoch + k*size, epoch + (k+1)*size)}; task {@code i} of {@code n}
 * owns the windows with {@code k % n == i}.
 *
 * <p>The grid is anchored at the epoch, not at {@code qiao.since}, so that every task computes the same grid whatever
 * "now" was when its configuration was made ({@code qiao.since=7d} means a different instant on every restart), and
 * the windows a task owns never depend on anything but the window size and {@code tasks.max}.
 */
final class WindowGrid {
    private final Duration size;
    private final int task;
    private final int tasks;

    WindowGrid(Duration size, int task, int tasks) {
        Objects.requireNonNull(size, "size");
        if (size.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("window size must be at least one second, was " + size);
        }
        if (tasks < 1 || task < 0 || task >= tasks) {
            throw new IllegalArgumentException("task " + task + " of " + tasks + " does not exist");
        }
        this.size = size;
        this.task = task;
        this.tasks = tasks;
    }

    Duration size() {
        return size;
    }

    /** The range this task reads next when everything of its windows before {@code watermark} is done. */
    Range next(Instant watermark) {
        long k = Math.floorDiv(watermark.getEpochSecond(), size.toSeconds());
        if (start(k + 1).compareTo(watermark) <= 0) {
            k++;
        }
        long owned = k + Math.floorMod(task - k, tasks);
        Instant start = start(owned);
        return new Range(start.isAfter(watermark) ? start : watermark, start(owned + 1));
    }

    private Instant start(long k) {
        return Instant.ofEpochSecond(Math.multiplyExact(k, size.toSeconds()));
    }

    /**
     * The part of an owned grid window still to read: from {@code start} (the watermark, or the window's start) to
     * the window's end. What is read of it at once is cut at "now - settle delay".
     */
    record Range(Instant start, Instant windowEnd) {
    }
}
