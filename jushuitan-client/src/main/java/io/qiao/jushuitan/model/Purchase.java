package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A 采购单 (purchase order) from {@code /open/purchase/query}. Fields from the vendor's field list as ieu/jst-java
 * copies it ({@code JstQueryPurchaseResponse}); flowerfine/carp reads the same list key {@code datas}. Times are
 * Asia/Shanghai wall-clock.
 *
 * <p><b>[INFER]</b> ids are {@code long} (Integer in ieu); {@code taxRate} is a decimal (Integer in ieu, a
 * {@code Number} on the lines); {@code poDate}, {@code confirmDate} and {@code finishTime} are read as date-times
 * (the docs give no format; a bare date is read as its start of day).
 *
 * @param status        Creating 草拟, WaitConfirm 待审核, Confirmed 已确认, Finished 完成, Cancelled 作废, Delete 删除
 * @param seller        the supplier's name
 * @param receiveStatus Timeout, Received, Part_Received, Not_Received
 */
public record Purchase(
        long poId,
        LocalDateTime poDate,
        String soId,
        String status,
        Long supplierId,
        String seller,
        BigDecimal taxRate,
        String purchaserName,
        String sendAddress,
        String term,
        String itemType,
        String labels,
        String remark,
        LocalDateTime confirmDate,
        LocalDateTime finishTime,
        LocalDateTime modified,
        Long wmsCoId,
        String receiveStatus,
        BigDecimal moreRate,
        BigDecimal freight,
        String mergePoId,
        List<PurchaseItem> items) {

    public Purchase {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
