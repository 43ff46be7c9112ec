package io.qiao.jushuitan.model;

import java.math.BigDecimal;

/** A line of an {@link Order}. */
public record OrderItem(Long oiId, String skuId, String iId, String name, String propertiesValue, int qty,
                        BigDecimal price, BigDecimal amount, String outerOiId, String shopSkuId) {
}
