package io.qiao.jushuitan.model;

import io.qiao.client.spi.WallClockWindow;
import io.qiao.jushuitan.internal.Checks;
import io.qiao.jushuitan.internal.JstPaging;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The filters of {@code /open/inventory/query} (VENDORS.md 1.9). */
public final class InventoryQuery {
    public static final int MAX_PAGE_SIZE = 100;
    private static final String API = "/open/inventory/query";

    private final WallClockWindow range;
    private final Long wmsCoId;
    private final List<String> skuIds;
    private final List<String> iIds;
    private final Boolean hasLockQty;
    private final int pageSize;

    private InventoryQuery(Builder b) {
        this.range = b.range;
        this.wmsCoId = b.wmsCoId;
        this.skuIds = b.skuIds;
        this.iIds = b.iIds;
        this.hasLockQty = b.hasLockQty;
        this.pageSize = b.pageSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's values, to derive a variant (another range, say). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.range = range;
        b.wmsCoId = wmsCoId;
        b.skuIds = skuIds;
        b.iIds = iIds;
        b.hasLockQty = hasLockQty;
        b.pageSize = pageSize;
        return b;
    }

    public static InventoryQuery modifiedBetween(Instant begin, Instant end) {
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

    /** The page size asked of the vendor. */
    public int pageSize() {
        return pageSize;
    }

    /** The warehouse (分仓) filter, or null for every warehouse. */
    public Long wmsCoId() {
        return wmsCoId;
    }

    public List<String> skuIds() {
        return skuIds;
    }

    public List<String> iIds() {
        return iIds;
    }

    /** Whether only records with (true) or without (false) locked quantity are asked for; null for both. */
    public Boolean hasLockQty() {
        return hasLockQty;
    }

    public static final class Builder {
        private WallClockWindow range;
        private Long wmsCoId;
        private List<String> skuIds = List.of();
        private List<String> iIds = List.of();
        private Boolean hasLockQty;
        private int pageSize = MAX_PAGE_SIZE;

        private Builder() {
        }

        public Builder modifiedBetween(Instant begin, Instant end) {
            this.range = JstPaging.range(Objects.requireNonNull(begin, "begin"), Objects.requireNonNull(end, "end"));
            return this;
        }

        public Builder wmsCoId(long wmsCoId) {
            this.wmsCoId = wmsCoId;
            return this;
        }

        public Builder skuIds(List<String> skuIds) {
            this.skuIds = Checks.ids(API, "sku_ids", skuIds, 100);
            return this;
        }

        public Builder iIds(List<String> iIds) {
            this.iIds = Checks.ids(API, "i_ids", iIds, 100);
            return this;
        }

        public Builder hasLockQty(boolean hasLockQty) {
            this.hasLockQty = hasLockQty;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = Checks.pageSize(API, pageSize, MAX_PAGE_SIZE);
            return this;
        }

        public InventoryQuery build() {
            return new InventoryQuery(this);
        }
    }
}
