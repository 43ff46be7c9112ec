package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A line of a {@link Purchase} (ieu/jst-java {@code JstQueryPurchaseResponse...Item}). {@code qty} is the ordered
 * quantity, not what arrived: that is {@code inQty}, or the 采购入库 documents. <b>[INFER]</b> {@code poiId} is
 * {@code long} (Integer in ieu); the quality-check and received quantities, a {@code Number} in ieu, are decimals.
 *
 * @param isDelivery 2 全部上架, 1 部分上架, 0 未上架
 */
public record PurchaseItem(long poiId, Long poId, String skuId, String iId, String name, int qty, BigDecimal price,
                           BigDecimal taxRate, LocalDateTime deliveryDate, String remark, BigDecimal qcQty,
                           BigDecimal qcQualityQty, BigDecimal qcDefectiveQty, BigDecimal inQty,
                           BigDecimal returnQty, Integer isDelivery) {
}
