package io.qiao.jushuitan.model;

import io.qiao.client.spi.WallClockWindow;
import io.qiao.jushuitan.internal.Checks;
import io.qiao.jushuitan.internal.JstPaging;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/** The filters of {@code /open/purchasein/query} (VENDORS.md 1.9). The vendor returns only Confirmed unless statuses are given. */
public final class PurchaseInQuery {
    public static final int MAX_PAGE_SIZE = 50;
    private static final String API = "/open/purchasein/query";

    private final WallClockWindow range;
    private final boolean byIoDate;
    private final List<Long> poIds;
    private final List<Long> ioIds;
    private final List<String> soIds;
    private final List<String> statuses;
    private final int pageSize;

    private PurchaseInQuery(Builder b) {
        this.range = b.range;
        this.byIoDate = b.byIoDate;
        this.poIds = b.poIds;
        this.ioIds = b.ioIds;
        this.soIds = b.soIds;
        this.statuses = b.statuses;
        this.pageSize = b.pageSize;
        if (range == null && poIds.isEmpty() && ioIds.isEmpty() && soIds.isEmpty()) {
            throw new IllegalArgumentException(API + ": give a modified range, po_ids, io_ids or so_ids");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's values, to derive a variant (another range, say). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.range = range;
        b.byIoDate = byIoDate;
        b.poIds = poIds;
        b.ioIds = ioIds;
        b.soIds = soIds;
        b.statuses = statuses;
        b.pageSize = pageSize;
        return b;
    }

    public static PurchaseInQuery modifiedBetween(Instant begin, Instant end) {
        return builder().modifiedBetween(begin, end).build();
    }

    /** The inclusive start of the time range, or null for a query by ids. */
    public Instant modifiedBegin() {
        return JstPaging.startOrNull(range);
    }

    /** The exclusive end of the time range, or null for a query by ids. */
    public Instant modifiedEnd() {
        return JstPaging.endOrNull(range);
    }

    /** Whether the range applies to the inbound date rather than the modified time. */
    public boolean byIoDate() {
        return byIoDate;
    }

    /** The page size asked of the vendor. */
    public int pageSize() {
        return pageSize;
    }

    public List<Long> poIds() {
        return poIds;
    }

    public List<Long> ioIds() {
        return ioIds;
    }

    public List<String> soIds() {
        return soIds;
    }

    /** The statuses asked for; empty for the vendor's default (Confirmed only). */
    public List<String> statuses() {
        return statuses;
    }

    public static final class Builder {
        private WallClockWindow range;
        private boolean byIoDate;
        private List<Long> poIds = List.of();
        private List<Long> ioIds = List.of();
        private List<String> soIds = List.of();
        private List<String> statuses = List.of();
        private int pageSize = MAX_PAGE_SIZE;

        private Builder() {
        }

        /** Records modified in {@code [begin, end)}, sent as Shanghai wall-clock seconds (begin down, end up). */
        public Builder modifiedBetween(Instant begin, Instant end) {
            this.range = JstPaging.range(Objects.requireNonNull(begin, "begin"), Objects.requireNonNull(end, "end"));
            return this;
        }

        /**
         * The range as Shanghai wall-clock times, as the vendor shows them.
         *
         * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedBetween(Instant, Instant)}.
         */
        @Deprecated(since = "0.2", forRemoval = true)
        public Builder modifiedBetween(LocalDateTime begin, LocalDateTime end) {
            this.range = JstPaging.range(Objects.requireNonNull(begin, "begin"), Objects.requireNonNull(end, "end"));
            return this;
        }

        /** Apply the range to io_date (出入库时间) instead of modified. */
        public Builder byIoDate(boolean byIoDate) {
            this.byIoDate = byIoDate;
            return this;
        }

        public Builder poIds(List<Long> poIds) {
            this.poIds = Checks.ids(API, "po_ids", poIds, 30);
            return this;
        }

        public Builder ioIds(List<Long> ioIds) {
            this.ioIds = Checks.ids(API, "io_ids", ioIds, 30);
            return this;
        }

        public Builder soIds(List<String> soIds) {
            this.soIds = Checks.ids(API, "so_ids", soIds, 50);
            return this;
        }

        /** WaitConfirm, Confirmed, Cancelled, Delete, Archive, OuterConfirming. */
        public Builder statuses(String... statuses) {
            this.statuses = Checks.ids(API, "statuss", List.of(statuses), 10);
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = Checks.pageSize(API, pageSize, MAX_PAGE_SIZE);
            return this;
        }

        public PurchaseInQuery build() {
            return new PurchaseInQuery(this);
        }
    }
}
