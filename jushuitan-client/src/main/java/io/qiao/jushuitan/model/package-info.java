/**
 * The vendor's records as immutable values: ids as {@code long}, money as {@code BigDecimal}, times as the
 * Asia/Shanghai wall-clock {@code LocalDateTime}s the vendor sends; unknown fields are ignored.
 */
package io.qiao.jushuitan.model;
