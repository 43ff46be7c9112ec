package io.qiao.jackyun.model;

import io.qiao.client.Json;
import io.qiao.jackyun.internal.JackyunDates;
import io.qiao.jackyun.internal.JackyunPaging;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Filters for {@code oms.trade.fullinfoget}. The vendor requires a time filter (here the modified range,
 * half-open, given as instants, sent in Beijing wall time) of at most 7 days per query: a longer range is walked in 7-day windows. It
 * also requires {@code fields}; {@code scrollId} is always added, since the client pages by scroll cursor.
 */
public final class TradeQuery {
    public static final int MAX_PAGE_SIZE = 200;
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** "起止时间不能超过7天" (VENDORS.md 2.5). */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    public static final List<String> DEFAULT_FIELDS = List.of(
            "tradeId", "tradeNo", "tradeStatus", "tradeType", "shopId", "shopName", "warehouseId", "warehouseCode",
            "warehouseName", "payment", "gmtCreate", "gmtModified", "payTime", "consignTime",
            "goodsDetail.goodsNo", "goodsDetail.goodsName", "goodsDetail.specName", "goodsDetail.barcode",
            "goodsDetail.sellCount", "goodsDetail.unit", "goodsDetail.sellPrice", "goodsDetail.sellTotal");

    private final LocalDateTime modifiedFrom;
    private final LocalDateTime modifiedTo;
    private final List<String> fields;
    private final Integer tradeStatus;
    private final String tradeNo;
    private final int pageSize;
    private final Duration maxWindow;

    private TradeQuery(Builder b) {
        if (b.modifiedFrom == null) {
            throw new IllegalArgumentException("modifiedFrom is required: oms.trade.fullinfoget needs a time filter");
        }
        JackyunPaging.checkRange(b.modifiedFrom, b.modifiedTo);
        this.modifiedFrom = b.modifiedFrom;
        this.modifiedTo = b.modifiedTo;
        List<String> f = new ArrayList<>(b.fields);
        if (!f.contains("scrollId")) {
            f.add("scrollId");
        }
        this.fields = List.copyOf(f);
        this.tradeStatus = b.tradeStatus;
        this.tradeNo = b.tradeNo;
        this.pageSize = b.pageSize;
        this.maxWindow = b.maxWindow;
    }

    /** Trades modified in {@code [from, to)}. */
    public static TradeQuery modifiedBetween(Instant from, Instant to) {
        return builder().modifiedFrom(from).modifiedTo(Objects.requireNonNull(to, "to")).build();
    }

    /** Trades modified at or after {@code since}. */
    public static TradeQuery modifiedSince(Instant since) {
        return builder().modifiedFrom(since).build();
    }

    /**
     * Trades modified in {@code [from, to)}, Beijing (Asia/Shanghai) wall-clock times.
     *
     * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedBetween(Instant, Instant)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static TradeQuery modifiedBetween(LocalDateTime from, LocalDateTime to) {
        return modifiedBetween(Objects.requireNonNull(from, "from").atZone(Json.SHANGHAI).toInstant(),
                Objects.requireNonNull(to, "to").atZone(Json.SHANGHAI).toInstant());
    }

    /**
     * Trades modified at or after {@code since}, a Beijing (Asia/Shanghai) wall-clock time.
     *
     * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedSince(Instant)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static TradeQuery modifiedSince(LocalDateTime since) {
        return modifiedSince(Objects.requireNonNull(since, "since").atZone(Json.SHANGHAI).toInstant());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().modifiedFrom(modifiedFrom()).modifiedTo(modifiedTo()).fields(fields).tradeStatus(tradeStatus)
                .tradeNo(tradeNo).pageSize(pageSize).maxWindow(maxWindow);
    }

    /** The inclusive start of the modified range. */
    public Instant modifiedFrom() {
        return JackyunDates.instantOrNull(modifiedFrom);
    }

    /** The exclusive end of the modified range, or null for "now". */
    public Instant modifiedTo() {
        return JackyunDates.instantOrNull(modifiedTo);
    }

    /** The {@code fields} sent, {@code scrollId} included. */
    public List<String> fields() {
        return fields;
    }

    public Integer tradeStatus() {
        return tradeStatus;
    }

    public String tradeNo() {
        return tradeNo;
    }

    public int pageSize() {
        return pageSize;
    }

    public Duration maxWindow() {
        return maxWindow;
    }

    @Override
    public String toString() {
        return "TradeQuery{modified=[" + modifiedFrom + ", " + modifiedTo + "), tradeStatus=" + tradeStatus
                + ", tradeNo=" + tradeNo + ", pageSize=" + pageSize + ", maxWindow=" + maxWindow + "}";
    }

    public static final class Builder {
        private LocalDateTime modifiedFrom;
        private LocalDateTime modifiedTo;
        private List<String> fields = DEFAULT_FIELDS;
        private Integer tradeStatus;
        private String tradeNo;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Duration maxWindow = MAX_WINDOW;

        private Builder() {
        }

        /** The inclusive start (required) of the modified range; sent as Beijing time (Asia/Shanghai). */
        public Builder modifiedFrom(Instant modifiedFrom) {
            this.modifiedFrom = LocalDateTime.ofInstant(Objects.requireNonNull(modifiedFrom, "modifiedFrom"), Json.SHANGHAI);
            return this;
        }

        /**
         * The range bound as a Beijing (Asia/Shanghai) wall-clock time.
         *
         * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedFrom(Instant)}.
         */
        @Deprecated(since = "0.2", forRemoval = true)
        public Builder modifiedFrom(LocalDateTime modifiedFrom) {
            this.modifiedFrom = Objects.requireNonNull(modifiedFrom, "modifiedFrom");
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

        public Builder fields(List<String> fields) {
            Objects.requireNonNull(fields, "fields");
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("fields must name at least one field (the vendor requires it)");
            }
            this.fields = List.copyOf(fields);
            return this;
        }

        public Builder tradeStatus(Integer tradeStatus) {
            this.tradeStatus = tradeStatus;
            return this;
        }

        public Builder tradeNo(String tradeNo) {
            this.tradeNo = tradeNo;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = JackyunPaging.checkPageSize(pageSize, MAX_PAGE_SIZE);
            return this;
        }

        /** At most {@link #MAX_WINDOW}: the vendor refuses longer ranges. */
        public Builder maxWindow(Duration maxWindow) {
            Objects.requireNonNull(maxWindow, "maxWindow");
            if (maxWindow.compareTo(MAX_WINDOW) > 0) {
                throw new IllegalArgumentException("maxWindow must be at most 7 days for oms.trade.fullinfoget, was "
                        + maxWindow);
            }
            this.maxWindow = JackyunPaging.checkWindow(maxWindow);
            return this;
        }

        public TradeQuery build() {
            return new TradeQuery(this);
        }
    }
}
