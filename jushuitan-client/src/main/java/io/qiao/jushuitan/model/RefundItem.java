package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A line of a {@link Refund} (ieu/jst-java {@code JstQuerySingleRefundResponse...Items}). {@code qty} is what was
 * applied for, {@code rQty} what the warehouse received. <b>[INFER]</b> {@code asiId} is {@code long} (Integer in
 * ieu).
 *
 * @param type 退货, 换货, 补发, 其它
 */
public record RefundItem(long asiId, Long asId, String skuId, String iId, String name, String propertiesValue,
                         String skuType, int qty, Integer rQty, Integer defectiveQty, BigDecimal price,
                         BigDecimal amount, BigDecimal shopAmount, Boolean isGift, String type, String outerOiId,
                         String combineSkuId, String shopSkuId, LocalDateTime receiveDate, String pic,
                         String remark) {
}
