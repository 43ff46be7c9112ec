package io.qiao.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How far one window of a listing may page before Qiao decides the vendor is paging without end. A vendor that
 * keeps answering "more pages follow" (聚水潭 {@code has_next}, 吉客云 full pages, KIS {@code TotalPages}) would
 * otherwise keep a run busy, silent and holding its lock for ever; each limit ends the listing with a
 * {@link PagingException} instead.
 *
 * <p>A window is one time window of a listing (a seven-day slice of a 聚水潭 query, one window of a sync run),
 * or the whole listing when it is not split into windows. The defaults are {@value #DEFAULT_MAX_PAGES_PER_WINDOW}
 * pages and {@link #DEFAULT_TIME_BUDGET_PER_WINDOW 30 minutes} per window: at the vendors' page sizes and rate
 * limits that is far beyond any real window (10,000 pages of 50 is half a million records in seven days; 30
 * minutes at 4 calls a second is 7,200 pages), and it bounds how long a runaway loop holds a run. Set them on
 * a client's builder with {@code pagingLimits(...)}. Immutable.
 */
public final class PagingLimits {
    /** Pages one window may take before its listing is stopped. */
    public static final int DEFAULT_MAX_PAGES_PER_WINDOW = 10_000;
    /** How long one window may page, by the client's clock, before its listing is stopped. */
    public static final Duration DEFAULT_TIME_BUDGET_PER_WINDOW = Duration.ofMinutes(30);

    private static final PagingLimits DEFAULTS = new PagingLimits(DEFAULT_MAX_PAGES_PER_WINDOW,
            DEFAULT_TIME_BUDGET_PER_WINDOW);

    private final int maxPagesPerWindow;
    private final Duration timeBudgetPerWindow;

    private PagingLimits(int maxPagesPerWindow, Duration timeBudgetPerWindow) {
        this.maxPagesPerWindow = maxPagesPerWindow;
        this.timeBudgetPerWindow = timeBudgetPerWindow;
    }

    public static PagingLimits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public int maxPagesPerWindow() {
        return maxPagesPerWindow;
    }

    public Duration timeBudgetPerWindow() {
        return timeBudgetPerWindow;
    }

    @Override
    public String toString() {
        return "PagingLimits{maxPagesPerWindow=" + maxPagesPerWindow + ", timeBudgetPerWindow="
                + timeBudgetPerWindow + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PagingLimits p && p.maxPagesPerWindow == maxPagesPerWindow
                && p.timeBudgetPerWindow.equals(timeBudgetPerWindow);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxPagesPerWindow, timeBudgetPerWindow);
    }

    public static final class Builder {
        private int maxPagesPerWindow;
        private Duration timeBudgetPerWindow;

        private Builder(PagingLimits from) {
            this.maxPagesPerWindow = from.maxPagesPerWindow;
            this.timeBudgetPerWindow = from.timeBudgetPerWindow;
        }

        /** @throws IllegalArgumentException unless at least 1 */
        public Builder maxPagesPerWindow(int pages) {
            if (pages < 1) {
                throw new IllegalArgumentException("maxPagesPerWindow must be at least 1, was " + pages);
            }
            this.maxPagesPerWindow = pages;
            return this;
        }

        /** @throws IllegalArgumentException unless positive and at most a day (one window paging longer is stuck) */
        public Builder timeBudgetPerWindow(Duration budget) {
            this.timeBudgetPerWindow = Durations.positive(budget, "timeBudgetPerWindow", Duration.ofDays(1));
            return this;
        }

        public PagingLimits build() {
            return new PagingLimits(maxPagesPerWindow, timeBudgetPerWindow);
        }
    }
}
