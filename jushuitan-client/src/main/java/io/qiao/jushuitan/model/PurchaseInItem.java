package io.qiao.jushuitan.model;

import java.math.BigDecimal;

/** A line of a {@link PurchaseIn}. */
public record PurchaseInItem(long ioiId, Long ioId, String skuId, String iId, String unit, String name, int qty,
                             BigDecimal costPrice, BigDecimal costAmount, String remark, String batchNo,
                             BigDecimal taxRate) {
}
