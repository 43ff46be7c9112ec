package io.qiao.jackyun.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One stock row of {@code erp.stockquantity.get} ({@code result.data.goodsStockQuantity[]}): the quantities of
 * one SKU in one warehouse. {@code quantityId} is the row id that the {@code maxQuantityId} cursor pages by.
 */
public record StockQuantity(
        long quantityId,
        Long goodsId,
        String goodsNo,
        String goodsName,
        Long skuId,
        String skuName,
        String skuBarcode,
        String unitName,
        Long warehouseId,
        String warehouseCode,
        String warehouseName,
        BigDecimal currentQuantity,
        BigDecimal lockingQuantity,
        BigDecimal canUseQuantity,
        BigDecimal stockInQuantity,
        BigDecimal stockOutQuantity,
        LocalDateTime gmtModified) {
}
