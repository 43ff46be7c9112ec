/**
 * Immutable values read from Jackyun: ids as {@code long}, money and quantities as {@code BigDecimal},
 * date-times as {@code LocalDateTime} in Beijing wall time (Asia/Shanghai), unknown fields ignored.
 */
package io.qiao.jackyun.model;
