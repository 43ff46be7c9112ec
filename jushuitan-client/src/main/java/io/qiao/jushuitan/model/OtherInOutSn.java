package io.qiao.jushuitan.model;

/** A serial number of an {@link OtherInOut}; present only when 唯一码 is enabled. */
public record OtherInOutSn(String skuId, String sn) {
}
