package io.qiao.kis.model;

import java.time.LocalDate;

/**
 * Which 其他入库单 to list.
 *
 * <p><b>[INFER]</b> The list API's filter names are not documented; Qiao sends {@code FBillNo}, {@code BeginDate}
 * and {@code EndDate} next to {@code CurrentPage}/{@code ItemsOfPage}. Because a server that ignores a filter would
 * return more rows, a lookup by bill number also checks each row's FBillNo itself.
 *
 * @param billNo   only this FBillNo, or null
 * @param dateFrom Fdate from (inclusive), or null
 * @param dateTo   Fdate to (inclusive), or null
 * @param pageSize ItemsOfPage, 1..1000
 */
public record ReceiptQuery(String billNo, LocalDate dateFrom, LocalDate dateTo, int pageSize) {
    public static final int DEFAULT_PAGE_SIZE = 100;

    public ReceiptQuery {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be in 1..1000, was " + pageSize);
        }
        if (dateFrom != null && dateTo != null && dateTo.isBefore(dateFrom)) {
            throw new IllegalArgumentException("dateTo " + dateTo + " is before dateFrom " + dateFrom);
        }
    }

    public static ReceiptQuery all() {
        return new ReceiptQuery(null, null, null, DEFAULT_PAGE_SIZE);
    }

    public static ReceiptQuery byBillNo(String billNo) {
        if (billNo == null || billNo.isBlank()) {
            throw new IllegalArgumentException("billNo must not be blank");
        }
        return new ReceiptQuery(billNo, null, null, DEFAULT_PAGE_SIZE);
    }

    public static ReceiptQuery between(LocalDate from, LocalDate to) {
        return new ReceiptQuery(null, from, to, DEFAULT_PAGE_SIZE);
    }

    public ReceiptQuery withPageSize(int pageSize) {
        return new ReceiptQuery(billNo, dateFrom, dateTo, pageSize);
    }
}
