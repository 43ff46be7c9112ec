package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/** A 采购入库 document from {@code /open/purchasein/query} (VENDORS.md 1.9). */
public record PurchaseIn(
        long ioId,
        Long ts,
        String warehouse,
        Long poId,
        Long supplierId,
        String supplierName,
        LocalDateTime modified,
        String soId,
        String outIoId,
        String status,
        LocalDateTime ioDate,
        Long whId,
        Long wmsCoId,
        String remark,
        BigDecimal taxRate,
        String labels,
        Boolean archived,
        String mergeSoId,
        String type,
        String creatorName,
        String fStatus,
        String lId,
        List<PurchaseInItem> items,
        List<OtherInOutBatch> batchs,
        List<OtherInOutSn> sns) {

    public PurchaseIn {
        items = items == null ? List.of() : List.copyOf(items);
        batchs = batchs == null ? List.of() : List.copyOf(batchs);
        sns = sns == null ? List.of() : List.copyOf(sns);
    }
}
