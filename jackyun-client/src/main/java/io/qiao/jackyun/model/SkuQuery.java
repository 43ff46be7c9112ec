package io.qiao.jackyun.model;

import io.qiao.client.Json;
import io.qiao.jackyun.internal.JackyunDates;
import io.qiao.jackyun.internal.JackyunPaging;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Filters for {@code erp.storage.goodslist} (货品, one row per SKU). Two ways through the catalogue, as the vendor's
 * doc describes them:
 * <ul>
 *   <li>with a modified range (half-open, given as instants, sent in Beijing wall time as
 *       {@code startDateModifiedSku}/{@code endDateModifiedSku}, or the {@code ...Goods} pair when
 *       {@link Builder#modifiedBy} says so), pages by {@code pageIndex} from 0 inside windows of at most
 *       {@link #DEFAULT_MAX_WINDOW};</li>
 *   <li>without one, walks the {@code maxSkuId} cursor ("首次同步，传参maxSkuId…第一次传0…不用翻页"), the doc's advice
 *       for a first full load.</li>
 * </ul>
 * The list filters are sent comma-separated, as the doc defines them ({@code goodsNos} "多个用,号隔开",
 * {@code skuBarcodes} "逗号隔开") [CONFLICT: one live integration sends them as JSON arrays; the doc's form is kept].
 */
public final class SkuQuery {
    /** 200 rows a page were served live (antgit2024/ai-costing-system: "pageSize=200 returns 200 rows"). */
    public static final int MAX_PAGE_SIZE = 200;
    public static final int DEFAULT_PAGE_SIZE = 200;
    /**
     * [INFER] The vendor documents no window limit for this method and a 30-day window was answered live (antgit); longer
     * ones were not tried. Raise it with {@link Builder#maxWindow} if the tenant accepts more.
     */
    public static final Duration DEFAULT_MAX_WINDOW = Duration.ofDays(30);

    /** Which modification time the range filters on. */
    public enum ModifiedTime {
        /** 规格修改时间: {@code startDateModifiedSku}/{@code endDateModifiedSku}; moves on every SKU edit. */
        SKU("startDateModifiedSku", "endDateModifiedSku"),
        /** 货品修改时间: {@code startDateModifiedGoods}/{@code endDateModifiedGoods}. */
        GOODS("startDateModifiedGoods", "endDateModifiedGoods");

        private final String startParam;
        private final String endParam;

        ModifiedTime(String startParam, String endParam) {
            this.startParam = startParam;
            this.endParam = endParam;
        }

        public String startParam() {
            return startParam;
        }

        public String endParam() {
            return endParam;
        }
    }

    private final LocalDateTime modifiedFrom;
    private final LocalDateTime modifiedTo;
    private final ModifiedTime modifiedBy;
    private final List<String> goodsNos;
    private final List<String> skuBarcodes;
    private final Boolean blockup;
    private final Boolean skuBlockup;
    private final boolean includeDeleted;
    private final int pageSize;
    private final Duration maxWindow;

    private SkuQuery(Builder b) {
        JackyunPaging.checkRange(b.modifiedFrom, b.modifiedTo);
        this.modifiedFrom = b.modifiedFrom;
        this.modifiedTo = b.modifiedTo;
        this.modifiedBy = b.modifiedBy;
        this.goodsNos = b.goodsNos;
        this.skuBarcodes = b.skuBarcodes;
        this.blockup = b.blockup;
        this.skuBlockup = b.skuBlockup;
        this.includeDeleted = b.includeDeleted;
        this.pageSize = b.pageSize;
        this.maxWindow = b.maxWindow;
    }

    /** Every SKU, walked by the {@code maxSkuId} cursor. */
    public static SkuQuery all() {
        return builder().build();
    }

    /** SKUs modified at or after {@code since} (SKU modification time). */
    public static SkuQuery modifiedSince(Instant since) {
        return builder().modifiedFrom(Objects.requireNonNull(since, "since")).build();
    }

    /** SKUs modified in {@code [from, to)} (SKU modification time). */
    public static SkuQuery modifiedBetween(Instant from, Instant to) {
        return builder().modifiedFrom(Objects.requireNonNull(from, "from")).modifiedTo(Objects.requireNonNull(to, "to"))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().modifiedFrom(modifiedFrom()).modifiedTo(modifiedTo()).modifiedBy(modifiedBy)
                .goodsNos(goodsNos).skuBarcodes(skuBarcodes).blockup(blockup).skuBlockup(skuBlockup)
                .includeDeleted(includeDeleted).pageSize(pageSize).maxWindow(maxWindow);
    }

    /** The inclusive start of the modified range, or null: the listing then walks the {@code maxSkuId} cursor. */
    public Instant modifiedFrom() {
        return JackyunDates.instantOrNull(modifiedFrom);
    }

    /** The exclusive end of the modified range, or null for "now". */
    public Instant modifiedTo() {
        return JackyunDates.instantOrNull(modifiedTo);
    }

    public ModifiedTime modifiedBy() {
        return modifiedBy;
    }

    /** {@code goodsNos}, empty for no filter. */
    public List<String> goodsNos() {
        return goodsNos;
    }

    /** {@code skuBarcodes}, empty for no filter. */
    public List<String> skuBarcodes() {
        return skuBarcodes;
    }

    /** {@code isBlockup}: only disabled (true) or only enabled (false) goods; null for both. */
    public Boolean blockup() {
        return blockup;
    }

    /** {@code skuIsBlockup}: only disabled (true) or only enabled (false) SKUs; null for both. */
    public Boolean skuBlockup() {
        return skuBlockup;
    }

    /** {@code isQueryDelete=1}: deleted goods come back too. */
    public boolean includeDeleted() {
        return includeDeleted;
    }

    public int pageSize() {
        return pageSize;
    }

    /** The longest modified range sent in one query, or null for no limit. */
    public Duration maxWindow() {
        return maxWindow;
    }

    @Override
    public String toString() {
        return "SkuQuery{modified=[" + modifiedFrom + ", " + modifiedTo + ") by " + modifiedBy + ", goodsNos="
                + goodsNos + ", skuBarcodes=" + skuBarcodes + ", blockup=" + blockup + ", skuBlockup=" + skuBlockup
                + ", includeDeleted=" + includeDeleted + ", pageSize=" + pageSize + ", maxWindow=" + maxWindow + "}";
    }

    public static final class Builder {
        private LocalDateTime modifiedFrom;
        private LocalDateTime modifiedTo;
        private ModifiedTime modifiedBy = ModifiedTime.SKU;
        private List<String> goodsNos = List.of();
        private List<String> skuBarcodes = List.of();
        private Boolean blockup;
        private Boolean skuBlockup;
        private boolean includeDeleted;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Duration maxWindow = DEFAULT_MAX_WINDOW;

        private Builder() {
        }

        /** The inclusive start of the modified range, or null; sent as Beijing time (Asia/Shanghai). */
        public Builder modifiedFrom(Instant modifiedFrom) {
            this.modifiedFrom = modifiedFrom == null ? null : LocalDateTime.ofInstant(modifiedFrom, Json.SHANGHAI);
            return this;
        }

        /** The exclusive end (null means "now") of the modified range; sent as Beijing time (Asia/Shanghai). */
        public Builder modifiedTo(Instant modifiedTo) {
            this.modifiedTo = modifiedTo == null ? null : LocalDateTime.ofInstant(modifiedTo, Json.SHANGHAI);
            return this;
        }

        /** Which modification time the range means; {@link ModifiedTime#SKU} unless set. */
        public Builder modifiedBy(ModifiedTime modifiedBy) {
            this.modifiedBy = Objects.requireNonNull(modifiedBy, "modifiedBy");
            return this;
        }

        /** 货品编号, exact; several are sent as one comma-separated {@code goodsNos}. */
        public Builder goodsNos(List<String> goodsNos) {
            this.goodsNos = codes(goodsNos, "goodsNos");
            return this;
        }

        /** 条码, exact; several are sent as one comma-separated {@code skuBarcodes}. */
        public Builder skuBarcodes(List<String> skuBarcodes) {
            this.skuBarcodes = codes(skuBarcodes, "skuBarcodes");
            return this;
        }

        public Builder blockup(Boolean blockup) {
            this.blockup = blockup;
            return this;
        }

        public Builder skuBlockup(Boolean skuBlockup) {
            this.skuBlockup = skuBlockup;
            return this;
        }

        /** Also list deleted goods ({@code isQueryDelete=1}); the vendor leaves them out otherwise. */
        public Builder includeDeleted(boolean includeDeleted) {
            this.includeDeleted = includeDeleted;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = JackyunPaging.checkPageSize(pageSize, MAX_PAGE_SIZE);
            return this;
        }

        /** Splits a longer modified range into windows of at most this length (null: no splitting). */
        public Builder maxWindow(Duration maxWindow) {
            this.maxWindow = JackyunPaging.checkWindow(maxWindow);
            return this;
        }

        public SkuQuery build() {
            return new SkuQuery(this);
        }

        /** A comma inside a code would split it into two on the vendor's side. */
        private static List<String> codes(List<String> values, String name) {
            Objects.requireNonNull(values, name);
            for (String v : values) {
                if (v == null || v.isBlank() || v.indexOf(',') >= 0) {
                    throw new IllegalArgumentException(name + " must hold non-blank codes without commas (they are "
                            + "sent comma-separated), got '" + v + "'");
                }
            }
            return List.copyOf(values);
        }
    }
}
