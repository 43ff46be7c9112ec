package io.qiao.jackyun.model;

import io.qiao.client.Json;
import io.qiao.jackyun.internal.JackyunDates;
import io.qiao.jackyun.internal.JackyunPaging;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * Filters for {@code erp.stockquantity.get}. Pages are chained by the {@code maxQuantityId} cursor, not by
 * page number. The modified range is half-open, given as instants and sent in Beijing wall time, and split into windows of at most
 * {@link #DEFAULT_MAX_WINDOW} unless told otherwise: the vendor documents no limit, integrations slice stock
 * queries by day (VENDORS.md 2.5) [inferred].
 */
public final class StockQuantityQuery {
    public static final int MAX_PAGE_SIZE = 200;
    public static final int DEFAULT_PAGE_SIZE = 200;
    public static final Duration DEFAULT_MAX_WINDOW = Duration.ofDays(1);

    private final String warehouseCode;
    private final String goodsNo;
    private final String skuBarcode;
    private final LocalDateTime modifiedFrom;
    private final LocalDateTime modifiedTo;
    private final int pageSize;
    private final Duration maxWindow;

    private StockQuantityQuery(Builder b) {
        JackyunPaging.checkRange(b.modifiedFrom, b.modifiedTo);
        this.warehouseCode = b.warehouseCode;
        this.goodsNo = b.goodsNo;
        this.skuBarcode = b.skuBarcode;
        this.modifiedFrom = b.modifiedFrom;
        this.modifiedTo = b.modifiedTo;
        this.pageSize = b.pageSize;
        this.maxWindow = b.maxWindow;
    }

    public static StockQuantityQuery all() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().warehouseCode(warehouseCode).goodsNo(goodsNo).skuBarcode(skuBarcode)
                .modifiedFrom(modifiedFrom()).modifiedTo(modifiedTo()).pageSize(pageSize).maxWindow(maxWindow);
    }

    public String warehouseCode() {
        return warehouseCode;
    }

    public String goodsNo() {
        return goodsNo;
    }

    public String skuBarcode() {
        return skuBarcode;
    }

    /** The inclusive start of the modified range, or null for none. */
    public Instant modifiedFrom() {
        return JackyunDates.instantOrNull(modifiedFrom);
    }

    /** The exclusive end of the modified range, or null for "now". */
    public Instant modifiedTo() {
        return JackyunDates.instantOrNull(modifiedTo);
    }

    public int pageSize() {
        return pageSize;
    }

    public Duration maxWindow() {
        return maxWindow;
    }

    @Override
    public String toString() {
        return "StockQuantityQuery{warehouseCode=" + warehouseCode + ", goodsNo=" + goodsNo + ", skuBarcode="
                + skuBarcode + ", modified=[" + modifiedFrom + ", " + modifiedTo + "), pageSize=" + pageSize
                + ", maxWindow=" + maxWindow + "}";
    }

    public static final class Builder {
        private String warehouseCode;
        private String goodsNo;
        private String skuBarcode;
        private LocalDateTime modifiedFrom;
        private LocalDateTime modifiedTo;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Duration maxWindow = DEFAULT_MAX_WINDOW;

        private Builder() {
        }

        public Builder warehouseCode(String warehouseCode) {
            this.warehouseCode = warehouseCode;
            return this;
        }

        public Builder goodsNo(String goodsNo) {
            this.goodsNo = goodsNo;
            return this;
        }

        public Builder skuBarcode(String skuBarcode) {
            this.skuBarcode = skuBarcode;
            return this;
        }

        /** The inclusive start of the modified range, or null; sent as Beijing time (Asia/Shanghai). */
        public Builder modifiedFrom(Instant modifiedFrom) {
            this.modifiedFrom = modifiedFrom == null ? null : LocalDateTime.ofInstant(modifiedFrom, Json.SHANGHAI);
            return this;
        }

        /**
         * The range bound as a Beijing (Asia/Shanghai) wall-clock time.
         *
         * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedFrom(Instant)}.
         */
        @Deprecated(since = "0.2", forRemoval = true)
        public Builder modifiedFrom(LocalDateTime modifiedFrom) {
            this.modifiedFrom = modifiedFrom;
            return this;
        }

        /** The exclusive end (null means "now") of the modified range; sent as Beijing time (Asia/Shanghai). */
        public Builder modifiedTo(Instant modifiedTo) {
            this.modifiedTo = modifiedTo == null ? null : LocalDateTime.ofInstant(modifiedTo, Json.SHANGHAI);
            return this;
        }

        /**
         * The range bound as a Beijing (Asia/Shanghai) wall-clock time.
         *
         * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedTo(Instant)}.
         */
        @Deprecated(since = "0.2", forRemoval = true)
        public Builder modifiedTo(LocalDateTime modifiedTo) {
            this.modifiedTo = modifiedTo;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = JackyunPaging.checkPageSize(pageSize, MAX_PAGE_SIZE);
            return this;
        }

        public Builder maxWindow(Duration maxWindow) {
            this.maxWindow = JackyunPaging.checkWindow(maxWindow);
            return this;
        }

        public StockQuantityQuery build() {
            return new StockQuantityQuery(this);
        }
    }
}
