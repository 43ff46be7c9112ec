package io.qiao.testkit.jushuitan;

/** A SKU the simulated documents use: seed another system's item catalogue (e.g. KIS materials) from these. */
public record SimSku(String skuId, String iId, String name, String unit) {
}
