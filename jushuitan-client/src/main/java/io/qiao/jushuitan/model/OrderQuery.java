package io.qiao.jushuitan.model;

import io.qiao.client.spi.WallClockWindow;
import io.qiao.jushuitan.internal.Checks;
import io.qiao.jushuitan.internal.JstPaging;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/** The filters of {@code /open/orders/single/query} (VENDORS.md 1.9). Ranges of any length are split into 7-day windows. */
public final class OrderQuery {
    public static final int MAX_PAGE_SIZE = 100;
    private static final String API = "/open/orders/single/query";

    /** Which time the range applies to. */
    public enum DateType {
        MODIFIED(0), ORDER_DATE(2), SEND_DATE(3);

        private final int code;

        DateType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final WallClockWindow range;
    private final DateType dateType;
    private final Long shopId;
    private final String status;
    private final List<String> soIds;
    private final List<Long> oIds;
    private final int pageSize;

    private OrderQuery(Builder b) {
        this.range = b.range;
        this.dateType = b.dateType;
        this.shopId = b.shopId;
        this.status = b.status;
        this.soIds = b.soIds;
        this.oIds = b.oIds;
        this.pageSize = b.pageSize;
        if (range == null && soIds.isEmpty() && oIds.isEmpty()) {
            throw new IllegalArgumentException(API + ": give a modified range, so_ids or o_ids");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's values, to derive a variant (another range, say). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.range = range;
        b.dateType = dateType;
        b.shopId = shopId;
        b.status = status;
        b.soIds = soIds;
        b.oIds = oIds;
        b.pageSize = pageSize;
        return b;
    }

    public static OrderQuery modifiedBetween(Instant begin, Instant end) {
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

    /** Which time the range applies to. */
    public DateType dateType() {
        return dateType;
    }

    /** The page size asked of the vendor. */
    public int pageSize() {
        return pageSize;
    }

    /** The shop filter, or null for every shop. */
    public Long shopId() {
        return shopId;
    }

    /** The status filter, or null for every status. */
    public String status() {
        return status;
    }

    public List<String> soIds() {
        return soIds;
    }

    public List<Long> oIds() {
        return oIds;
    }

    public static final class Builder {
        private WallClockWindow range;
        private DateType dateType = DateType.MODIFIED;
        private Long shopId;
        private String status;
        private List<String> soIds = List.of();
        private List<Long> oIds = List.of();
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

        public Builder dateType(DateType dateType) {
            this.dateType = Objects.requireNonNull(dateType, "dateType");
            return this;
        }

        public Builder shopId(long shopId) {
            this.shopId = shopId;
            return this;
        }

        /** WaitPay, Delivering, Merged, Question, Split, WaitOuterSent, WaitConfirm, WaitFConfirm, Sent, Cancelled. */
        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder soIds(List<String> soIds) {
            this.soIds = Checks.ids(API, "so_ids", soIds, 20);
            return this;
        }

        public Builder oIds(List<Long> oIds) {
            this.oIds = Checks.ids(API, "o_ids", oIds, 100);
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = Checks.pageSize(API, pageSize, MAX_PAGE_SIZE);
            return this;
        }

        public OrderQuery build() {
            return new OrderQuery(this);
        }
    }
}
