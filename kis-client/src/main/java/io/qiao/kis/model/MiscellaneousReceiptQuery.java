package io.qiao.kis.model;

import java.time.LocalDate;

/**
 * Which 其他入库单 to list.
 *
 * <p><b>[INFER]</b> The list API's filter names are not documented, and no public caller found sends any filter to
 * a KIS bill list (a PHP SDK, a Java OA integration and a TypeScript MES send only {@code CurrentPage},
 * {@code ItemsOfPage} and sometimes {@code AccountDb}). Qiao sends {@code FBillNo}, {@code BeginDate} and
 * {@code EndDate} next to them. Because a server that ignores a filter returns more rows, a lookup by bill number
 * checks each row's FBillNo itself (a date filter a server ignores widens the list; it is not re-checked).
 *
 * @param billNo   only this FBillNo, or null
 * @param dateFrom Fdate from (inclusive), or null
 * @param dateTo   Fdate to (inclusive), or null
 * @param pageSize ItemsOfPage, 1..1000
 */
public record MiscellaneousReceiptQuery(String billNo, LocalDate dateFrom, LocalDate dateTo, int pageSize) {
    public static final int DEFAULT_PAGE_SIZE = 100;

    public MiscellaneousReceiptQuery {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be in 1..1000, was " + pageSize);
        }
        if (dateFrom != null && dateTo != null && dateTo.isBefore(dateFrom)) {
            throw new IllegalArgumentException("dateTo " + dateTo + " is before dateFrom " + dateFrom);
        }
    }

    public static MiscellaneousReceiptQuery all() {
        return new MiscellaneousReceiptQuery(null, null, null, DEFAULT_PAGE_SIZE);
    }

    public static MiscellaneousReceiptQuery byBillNo(String billNo) {
        if (billNo == null || billNo.isBlank()) {
            throw new IllegalArgumentException("billNo must not be blank");
        }
        return new MiscellaneousReceiptQuery(billNo, null, null, DEFAULT_PAGE_SIZE);
    }

    public static MiscellaneousReceiptQuery between(LocalDate from, LocalDate to) {
        return new MiscellaneousReceiptQuery(null, from, to, DEFAULT_PAGE_SIZE);
    }

    public MiscellaneousReceiptQuery withPageSize(int pageSize) {
        return new MiscellaneousReceiptQuery(billNo, dateFrom, dateTo, pageSize);
    }

    /** A builder for every filter: nothing set lists all 其他入库单, {@value #DEFAULT_PAGE_SIZE} a page. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's values, to derive a variant. */
    public Builder toBuilder() {
        return new Builder().billNo(billNo).dateFrom(dateFrom).dateTo(dateTo).pageSize(pageSize);
    }

    /** Collects the filters; {@link #build()} checks them. */
    public static final class Builder {
        private String billNo;
        private LocalDate dateFrom;
        private LocalDate dateTo;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder() {
        }

        /** Only this FBillNo; null for any. */
        public Builder billNo(String billNo) {
            this.billNo = billNo;
            return this;
        }

        /** Fdate from (inclusive); null for no lower bound. */
        public Builder dateFrom(LocalDate dateFrom) {
            this.dateFrom = dateFrom;
            return this;
        }

        /** Fdate to (inclusive); null for no upper bound. */
        public Builder dateTo(LocalDate dateTo) {
            this.dateTo = dateTo;
            return this;
        }

        /** Both ends of the Fdate range, inclusive. */
        public Builder between(LocalDate from, LocalDate to) {
            return dateFrom(from).dateTo(to);
        }

        /** ItemsOfPage, 1..1000. */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** The query; a bad page size or a reversed range is refused here, naming the field. */
        public MiscellaneousReceiptQuery build() {
            return new MiscellaneousReceiptQuery(billNo, dateFrom, dateTo, pageSize);
        }
    }
}
