package io.qiao.jushuitan.model;

import io.qiao.jushuitan.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The filters of {@code /open/orders/out/simple/query} (销售出库查询, dev-doc docType=8 docId=34, field rules as
 * ieu/jst-java copies them): a modified range of at most 7 days (split into 7-day windows) or up to 50 so_ids,
 * o_ids or io_ids; page_size at most 50. Immutable; build it with {@link #builder()}.
 *
 * <p>Or the vendor's row-version mode, {@link Builder#startTs(long)}: the documents whose {@code ts} is greater than
 * the one given, in {@code ts} order, the way the docs advise against rows lost while paging by time ("用时间条件查询
 * ...可能会...引发分页查询漏单的问题，建议使用ts时间戳增量查询的方式"). It takes no range and no ids; status, shop and
 * warehouse still narrow it (<b>[INFER]</b>: the other-in/out docs say start_ts goes with the paging fields only;
 * the 销售出库 docs as copied say nothing either way).
 */
public final class OrderOutQuery {
    public static final int MAX_PAGE_SIZE = 50;
    private static final String API = "/open/orders/out/simple/query";

    private final Instant modifiedFrom;
    private final Instant modifiedTo;
    private final boolean byIoDate;
    private final String status;
    private final Long shopId;
    private final Long wmsCoId;
    private final List<String> soIds;
    private final List<Long> oIds;
    private final List<Long> ioIds;
    private final Long startTs;
    private final int pageSize;

    private OrderOutQuery(Builder b) {
        this.modifiedFrom = b.modifiedFrom;
        this.modifiedTo = b.modifiedTo;
        this.byIoDate = b.byIoDate;
        this.status = b.status;
        this.shopId = b.shopId;
        this.wmsCoId = b.wmsCoId;
        this.soIds = b.soIds;
        this.oIds = b.oIds;
        this.ioIds = b.ioIds;
        this.startTs = b.startTs;
        this.pageSize = b.pageSize;
        boolean byIds = !soIds.isEmpty() || !oIds.isEmpty() || !ioIds.isEmpty();
        if (startTs != null && (modifiedFrom != null || byIds)) {
            throw new IllegalArgumentException(API + ": start_ts reads by row version alone; drop the "
                    + (modifiedFrom != null ? "modified range" : "so_ids/o_ids/io_ids") + " or the start_ts");
        }
        if (startTs == null && modifiedFrom == null && !byIds) {
            throw new IllegalArgumentException(API + ": give a modified range, so_ids, o_ids, io_ids or start_ts");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static OrderOutQuery modifiedBetween(Instant begin, Instant end) {
        return builder().modifiedBetween(begin, end).build();
    }

    /** A builder holding this query's values, to derive a variant (another range, say). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.modifiedFrom = modifiedFrom;
        b.modifiedTo = modifiedTo;
        b.byIoDate = byIoDate;
        b.status = status;
        b.shopId = shopId;
        b.wmsCoId = wmsCoId;
        b.soIds = soIds;
        b.oIds = oIds;
        b.ioIds = ioIds;
        b.startTs = startTs;
        b.pageSize = pageSize;
        return b;
    }

    /** The start of the range (inclusive), or null when the query names documents by id. */
    public Instant modifiedFrom() {
        return modifiedFrom;
    }

    /** The end of the range (exclusive), or null. */
    public Instant modifiedTo() {
        return modifiedTo;
    }

    /** Whether the range applies to io_date (出库时间, {@code date_type} 2) rather than modified. */
    public boolean byIoDate() {
        return byIoDate;
    }

    /** WaitConfirm, Confirmed, Delete, Cancelled or OuterConfirming; null for any. */
    public String status() {
        return status;
    }

    public Long shopId() {
        return shopId;
    }

    public Long wmsCoId() {
        return wmsCoId;
    }

    public List<String> soIds() {
        return soIds;
    }

    public List<Long> oIds() {
        return oIds;
    }

    public List<Long> ioIds() {
        return ioIds;
    }

    /** The row version the listing continues after, or null when it reads by range or ids. */
    public Long startTs() {
        return startTs;
    }

    public int pageSize() {
        return pageSize;
    }

    public static final class Builder {
        private Instant modifiedFrom;
        private Instant modifiedTo;
        private boolean byIoDate;
        private String status;
        private Long shopId;
        private Long wmsCoId;
        private List<String> soIds = List.of();
        private List<Long> oIds = List.of();
        private List<Long> ioIds = List.of();
        private Long startTs;
        private int pageSize = MAX_PAGE_SIZE;

        private Builder() {
        }

        /** Documents modified in {@code [begin, end)}, sent as Shanghai wall-clock seconds. */
        public Builder modifiedBetween(Instant begin, Instant end) {
            Objects.requireNonNull(begin, "begin");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(begin)) {
                throw new IllegalArgumentException(API + ": modified end " + end + " must be after begin " + begin);
            }
            this.modifiedFrom = begin;
            this.modifiedTo = end;
            return this;
        }

        /** Apply the range to io_date (出库时间) instead of modified. */
        public Builder byIoDate(boolean byIoDate) {
            this.byIoDate = byIoDate;
            return this;
        }

        /** WaitConfirm (待出库), Confirmed (已出库), Delete, Cancelled, OuterConfirming; null for any. */
        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder shopId(Long shopId) {
            this.shopId = shopId;
            return this;
        }

        /** 出库仓编号. */
        public Builder wmsCoId(Long wmsCoId) {
            this.wmsCoId = wmsCoId;
            return this;
        }

        public Builder soIds(List<String> soIds) {
            this.soIds = Checks.ids(API, "so_ids", soIds, 50);
            return this;
        }

        public Builder oIds(List<Long> oIds) {
            this.oIds = Checks.ids(API, "o_ids", oIds, 50);
            return this;
        }

        public Builder ioIds(List<Long> ioIds) {
            this.ioIds = Checks.ids(API, "io_ids", ioIds, 50);
            return this;
        }

        /**
         * Read by row version: the documents whose {@code ts} is greater than {@code startTs} (0 for all; the last
         * {@link OrderOut#ts()} processed to continue). Excludes a range and ids. The whole walk counts as one
         * window against the client's {@link io.qiao.client.PagingLimits} (by default 10,000 pages and 30 minutes):
         * read a long backlog in several listings, each continuing after the last {@code ts} the previous one
         * delivered, or raise the limits.
         */
        public Builder startTs(long startTs) {
            this.startTs = Checks.startTs(API, startTs);
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = Checks.pageSize(API, pageSize, MAX_PAGE_SIZE);
            return this;
        }

        public OrderOutQuery build() {
            return new OrderOutQuery(this);
        }
    }
}
