package io.qiao.kis.sync;

import io.qiao.kis.model.Material;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.sync.record.Lookup;

/**
 * Turns one source document (a Jushuitan 其它出入库单, a row of the host's own table...) into the 其他入库单 to
 * write. Resolve each line's item with {@code materials.require(skuId, "KIS material for sku_id")}: a miss throws
 * {@link io.qiao.sync.record.LookupMissException}, which the sink turns into a dead letter naming the sku. The bill must
 * carry an FBillNo derived from the document (the old integration used Jushuitan's {@code io_id}): it is what makes
 * the write idempotent.
 *
 * @param <T> the source document type
 */
@FunctionalInterface
public interface MiscellaneousReceiptMapper<T> {
    MiscellaneousReceipt map(T document, Lookup<String, Material> materials);
}
