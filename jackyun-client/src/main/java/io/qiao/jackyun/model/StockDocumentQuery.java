package io.qiao.jackyun.model;

import io.qiao.client.Json;
import io.qiao.jackyun.internal.JackyunDates;
import io.qiao.jackyun.internal.JackyunPaging;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Filters for {@code erp.storage.goodsdocin.v2} / {@code erp.storage.goodsdocout.v2}. The vendor requires
 * {@code selelctFields} (its spelling); {@link #DEFAULT_FIELDS} asks for every field of
 * {@link io.qiao.jackyun.model.StockDocument}. The modified range is half-open, given as instants and sent in Beijing wall time, split
 * into windows of at most {@link #DEFAULT_MAX_WINDOW} [inferred: the vendor's limit for this method is not
 * published; lower it with {@link Builder#maxWindow} if Jackyun answers subCode 0050030002].
 *
 * <p>{@link Builder#inouttypes} keeps only documents of the given types ({@code StockDocumentTypes}, e.g. 采购入库
 * {@code 101}). No type parameter of these two methods is documented or used by any caller found, so the filter is
 * applied by the client to the pages it reads: the requests, and their paging, are those of the unfiltered listing.
 */
public final class StockDocumentQuery {
    public static final int MAX_PAGE_SIZE = 200;
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final Duration DEFAULT_MAX_WINDOW = Duration.ofDays(7);
    public static final List<String> DEFAULT_FIELDS = List.of(
            "recId", "goodsdocNo", "inOutDate", "inouttype", "inouttypeName", "warehouseCode", "warehouseName",
            "companyName", "billNo", "sourceBillNo", "vendCustomerName", "logisticNo", "logisticName", "redStatus",
            "goodsdocRemark", "gmtCreate", "gmtModified", "goodsNo", "goodsName", "skuName", "skuBarcode",
            "unitName", "quantity", "batchNo", "baceCurrencyCostPrice", "baceCurrencyCostAmount");

    private final LocalDateTime modifiedFrom;
    private final LocalDateTime modifiedTo;
    private final String billNo;
    private final List<String> fields;
    private final Set<String> inouttypes;
    private final int pageSize;
    private final Duration maxWindow;

    private StockDocumentQuery(Builder b) {
        JackyunPaging.checkRange(b.modifiedFrom, b.modifiedTo);
        this.modifiedFrom = b.modifiedFrom;
        this.modifiedTo = b.modifiedTo;
        this.billNo = b.billNo;
        this.fields = b.fields;
        this.inouttypes = b.inouttypes;
        this.pageSize = b.pageSize;
        this.maxWindow = b.maxWindow;
    }

    /** Records modified in {@code [from, to)}. */
    public static StockDocumentQuery modifiedBetween(Instant from, Instant to) {
        return builder().modifiedFrom(Objects.requireNonNull(from, "from")).modifiedTo(Objects.requireNonNull(to, "to"))
                .build();
    }

    /**
     * Records modified in {@code [from, to)}, Beijing (Asia/Shanghai) wall-clock times.
     *
     * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedBetween(Instant, Instant)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static StockDocumentQuery modifiedBetween(LocalDateTime from, LocalDateTime to) {
        return modifiedBetween(Objects.requireNonNull(from, "from").atZone(Json.SHANGHAI).toInstant(),
                Objects.requireNonNull(to, "to").atZone(Json.SHANGHAI).toInstant());
    }

    /** Records modified at or after {@code since}. */
    public static StockDocumentQuery modifiedSince(Instant since) {
        return builder().modifiedFrom(Objects.requireNonNull(since, "since")).build();
    }

    /**
     * Records modified at or after {@code since}, a Beijing (Asia/Shanghai) wall-clock time.
     *
     * @deprecated every client takes {@link Instant} ranges; use {@link #modifiedSince(Instant)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static StockDocumentQuery modifiedSince(LocalDateTime since) {
        return modifiedSince(Objects.requireNonNull(since, "since").atZone(Json.SHANGHAI).toInstant());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().modifiedFrom(modifiedFrom()).modifiedTo(modifiedTo()).billNo(billNo).fields(fields)
                .inouttypes(inouttypes).pageSize(pageSize).maxWindow(maxWindow);
    }

    /** The inclusive start of the modified range, or null for none. */
    public Instant modifiedFrom() {
        return JackyunDates.instantOrNull(modifiedFrom);
    }

    /** The exclusive end of the modified range, or null for "now". */
    public Instant modifiedTo() {
        return JackyunDates.instantOrNull(modifiedTo);
    }

    public String billNo() {
        return billNo;
    }

    public List<String> fields() {
        return fields;
    }

    /** The {@code inouttype} codes kept, empty for every type. */
    public Set<String> inouttypes() {
        return inouttypes;
    }

    public int pageSize() {
        return pageSize;
    }

    public Duration maxWindow() {
        return maxWindow;
    }

    @Override
    public String toString() {
        return "StockDocumentQuery{modified=[" + modifiedFrom + ", " + modifiedTo + "), billNo=" + billNo
                + ", fields=" + fields.size() + ", inouttypes=" + inouttypes + ", pageSize=" + pageSize + ", maxWindow=" + maxWindow + "}";
    }

    public static final class Builder {
        private LocalDateTime modifiedFrom;
        private LocalDateTime modifiedTo;
        private String billNo;
        private List<String> fields = DEFAULT_FIELDS;
        private Set<String> inouttypes = Set.of();
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Duration maxWindow = DEFAULT_MAX_WINDOW;

        private Builder() {
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

        public Builder billNo(String billNo) {
            this.billNo = billNo;
            return this;
        }

        /** The {@code selelctFields} to ask for; must not be empty. */
        public Builder fields(List<String> fields) {
            Objects.requireNonNull(fields, "fields");
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("fields (selelctFields) must name at least one field");
            }
            this.fields = List.copyOf(fields);
            return this;
        }

        /**
         * Keeps only documents whose {@code inouttype} is one of {@code codes} (empty: every type); the filter is the
         * client's (see the class comment). {@code inouttype} is asked for in {@code selelctFields} whenever types are
         * set, since the filter needs it.
         */
        public Builder inouttypes(Collection<String> codes) {
            Objects.requireNonNull(codes, "inouttypes");
            for (String code : codes) {
                if (code == null || code.isBlank()) {
                    throw new IllegalArgumentException("inouttypes must hold non-blank codes (e.g. \"101\"), got '"
                            + code + "'");
                }
            }
            this.inouttypes = Set.copyOf(codes);
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

        public StockDocumentQuery build() {
            return new StockDocumentQuery(this);
        }
    }
}
