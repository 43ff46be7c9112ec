package io.qiao.jushuitan.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;

/** The stock of one SKU from {@code /open/inventory/query} (VENDORS.md 1.9). Quantities are whole units. */
public record Inventory(
        String skuId,
        String iId,
        String name,
        Long qty,
        Long orderLock,
        Long pickLock,
        Long virtualQty,
        Long purchaseQty,
        Long returnQty,
        Long inQty,
        Long defectiveQty,
        Long lockQty,
        Long minQty,
        Long maxQty,
        @JsonProperty("customize_qty_1") Long customizeQty1,
        @JsonProperty("customize_qty_2") Long customizeQty2,
        @JsonProperty("customize_qty_3") Long customizeQty3,
        Long allocateQty,
        Long saleRefundQty,
        LocalDateTime modified,
        Long ts) {
}
