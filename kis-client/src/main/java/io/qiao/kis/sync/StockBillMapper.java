package io.qiao.kis.sync;

import io.qiao.kis.model.Material;
import io.qiao.sync.record.Lookup;

/**
 * Turns one source document into the KIS bill to write (a {@link io.qiao.kis.model.MiscellaneousDelivery},
 * {@link io.qiao.kis.model.PurchaseReceipt} or {@link io.qiao.kis.model.SalesDelivery}), as
 * {@link MiscellaneousReceiptMapper} does for 其他入库单: resolve each line's item with
 * {@code materials.require(sku, "KIS material for sku_id")} (a miss becomes a LOOKUP dead letter naming it), and give
 * the bill an FBillNo derived from the document, which is what makes the write idempotent.
 *
 * @param <T> the source document type
 * @param <B> the bill type
 */
@FunctionalInterface
public interface StockBillMapper<T, B> {
    B map(T document, Lookup<String, Material> materials);
}
