package io.qiao.jushuitan.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A payment of an {@link Order}. */
public record OrderPay(String payId, String outerPayId, LocalDateTime payDate, BigDecimal amount, String payment,
                       String status) {
}
