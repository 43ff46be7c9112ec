package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A line of an {@link OtherInOut}. Prices and amounts are decimals, never doubles. */
public record OtherInOutItem(
        long ioiId,
        Long ioId,
        String skuId,
        String iId,
        String name,
        String unit,
        String propertiesValue,
        int qty,
        BigDecimal costPrice,
        BigDecimal costAmount,
        BigDecimal salePrice,
        BigDecimal saleAmount,
        String remark,
        String batchId,
        LocalDateTime productDate,
        String supplierId,
        LocalDateTime expirationDate) {
}
