package io.qiao.jushuitan.model;

import io.qiao.client.spi.WallClockWindow;
import io.qiao.jushuitan.internal.Checks;
import io.qiao.jushuitan.internal.JstPaging;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The filters of {@code /open/sku/query} (商品查询; field rules as ieu/jst-java copies them): a modified (or, with
 * {@link Builder#byCreated(boolean)}, created) range split into 7-day windows, or up to 20 sku_ids, a name, an
 * exact name or 辅助码 (sku_codes); page_size at most 50. The vendor advises short ranges ("尽量缩小时间查询范围为一小时")
 * for speed; the windows here are the 7-day cap. Immutable; build it with {@link #builder()}.
 */
public final class SkuQuery {
    public static final int MAX_PAGE_SIZE = 50;
    /** The vendor's cap on sku_ids per query. */
    public static final int MAX_SKU_IDS = 20;
    private static final String API = "/open/sku/query";

    private final WallClockWindow range;
    private final boolean byCreated;
    private final List<String> skuIds;
    private final List<String> iIds;
    private final List<String> skuCodes;
    private final String name;
    private final String exactlyName;
    private final int pageSize;

    private SkuQuery(Builder b) {
        this.range = b.range;
        this.byCreated = b.byCreated;
        this.skuIds = b.skuIds;
        this.iIds = b.iIds;
        this.skuCodes = b.skuCodes;
        this.name = b.name;
        this.exactlyName = b.exactlyName;
        this.pageSize = b.pageSize;
        if (range == null && skuIds.isEmpty() && skuCodes.isEmpty() && name == null && exactlyName == null) {
            throw new IllegalArgumentException(API + ": give a modified range, sku_ids, sku_codes, name or exactly_name");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SkuQuery modifiedBetween(Instant begin, Instant end) {
        return builder().modifiedBetween(begin, end).build();
    }

    /** A builder holding this query's values, to derive a variant (another range, say). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.range = range;
        b.byCreated = byCreated;
        b.skuIds = skuIds;
        b.iIds = iIds;
        b.skuCodes = skuCodes;
        b.name = name;
        b.exactlyName = exactlyName;
        b.pageSize = pageSize;
        return b;
    }

    /** The inclusive start of the time range, or null for a query without one. */
    public Instant modifiedBegin() {
        return JstPaging.startOrNull(range);
    }

    /** The exclusive end of the time range, or null. */
    public Instant modifiedEnd() {
        return JstPaging.endOrNull(range);
    }

    /** Whether the range applies to the created time ({@code date_field} created) rather than modified. */
    public boolean byCreated() {
        return byCreated;
    }

    public List<String> skuIds() {
        return skuIds;
    }

    public List<String> iIds() {
        return iIds;
    }

    public List<String> skuCodes() {
        return skuCodes;
    }

    /** A name to search for (模糊), or null. */
    public String name() {
        return name;
    }

    /** A name to match exactly, or null. */
    public String exactlyName() {
        return exactlyName;
    }

    public int pageSize() {
        return pageSize;
    }

    public static final class Builder {
        private WallClockWindow range;
        private boolean byCreated;
        private List<String> skuIds = List.of();
        private List<String> iIds = List.of();
        private List<String> skuCodes = List.of();
        private String name;
        private String exactlyName;
        private int pageSize = MAX_PAGE_SIZE;

        private Builder() {
        }

        /** SKUs modified in {@code [begin, end)}, sent as Shanghai wall-clock seconds (begin down, end up). */
        public Builder modifiedBetween(Instant begin, Instant end) {
            this.range = JstPaging.range(Objects.requireNonNull(begin, "begin"), Objects.requireNonNull(end, "end"));
            return this;
        }

        /** Apply the range to the created time ({@code date_field} "created") instead of modified. */
        public Builder byCreated(boolean byCreated) {
            this.byCreated = byCreated;
            return this;
        }

        /** At most {@value SkuQuery#MAX_SKU_IDS}; sent as one comma-separated string, as the vendor takes them. */
        public Builder skuIds(List<String> skuIds) {
            this.skuIds = Checks.ids(API, "sku_ids", skuIds, MAX_SKU_IDS);
            return this;
        }

        /** 款式编码; a filter, not enough alone (the vendor wants a range or sku ids besides). */
        public Builder iIds(List<String> iIds) {
            this.iIds = Checks.ids(API, "i_ids", iIds, 50);
            return this;
        }

        /** 辅助码; sent as one comma-separated string. <b>[INFER]</b> cap of 20, as for sku_ids. */
        public Builder skuCodes(List<String> skuCodes) {
            this.skuCodes = Checks.ids(API, "sku_codes", skuCodes, MAX_SKU_IDS);
            return this;
        }

        /** One name, matched partly (模糊). */
        public Builder name(String name) {
            this.name = Checks.text(API, "name", name);
            return this;
        }

        /** One name, matched exactly. */
        public Builder exactlyName(String exactlyName) {
            this.exactlyName = Checks.text(API, "exactly_name", exactlyName);
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = Checks.pageSize(API, pageSize, MAX_PAGE_SIZE);
            return this;
        }

        public SkuQuery build() {
            return new SkuQuery(this);
        }
    }
}
