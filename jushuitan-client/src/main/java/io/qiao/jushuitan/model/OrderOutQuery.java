package io.qiao.jushuitan.model;

import io.qiao.jushuitan.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The filters of {@code /open/orders/out/simple/query} (销售出库查询, dev-doc docType=8 docId=34, field rules as
 * ieu/jst-java copies them): a modified range of at most 7 days (split into 7-day windows) or up to 50 so_ids,
 * o_ids or io_ids; page_size at most 50. Immutable; build it with {@link #builder()}.
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
        this.pageSize = b.pageSize;
        if (modifiedFrom == null && soIds.isEmpty() && oIds.isEmpty() && ioIds.isEmpty()) {
            throw new IllegalArgumentException(API + ": give a modified range, so_ids, o_ids or io_ids");
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

        public Builder pageSize(int pageSize) {
            this.pageSize = Checks.pageSize(API, pageSize, MAX_PAGE_SIZE);
            return this;
        }

        public OrderOutQuery build() {
            return new OrderOutQuery(this);
        }
    }
}
