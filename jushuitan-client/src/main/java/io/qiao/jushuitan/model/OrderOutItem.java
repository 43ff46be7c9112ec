package io.qiao.jushuitan.model;

import java.math.BigDecimal;

/**
 * A line of an {@link OrderOut}. Fields from the vendor's field list as ieu/jst-java copies it
 * ({@code JstQueryOrderOutSimpleResponse.Item}); {@code ioi_id} is {@code long} here (Integer there).
 * {@code batchId}, {@code productDate}, {@code supplierId} and {@code expirationDate} come only with 批次 enabled.
 */
public record OrderOutItem(long ioiId, String oiId, String skuId, String iId, String name, String propertiesValue,
                           String unit, int qty, BigDecimal salePrice, BigDecimal saleAmount,
                           BigDecimal saleBasePrice, String combineSkuId, Boolean isGift, String outerOiId,
                           String rawSoId, String batchId, String productDate, Long supplierId,
                           String expirationDate, String pic) {
}
