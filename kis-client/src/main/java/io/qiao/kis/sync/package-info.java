/**
 * Sync adapters for KIS: {@link io.qiao.kis.sync.KisSinks#miscellaneousReceipts(io.qiao.kis.KisClient, io.qiao.kis.sync.MiscellaneousReceiptMapper)} writes documents as 其他入库单, idempotently
 * by FBillNo, resolving items through a {@link io.qiao.sync.record.Lookup} of materials; {@code KisSinks}'
 * {@code miscellaneousDeliveries}, {@code purchaseReceipts} and {@code salesDeliveries} write 其他出库单, 采购入库单 and
 * 销售出库单 the same way ({@link io.qiao.kis.sync.StockBillSink}). All of them find the stored bills of a batch with
 * one list query and create the rest, about one API call per bill.
 *
 * <p>Needs {@code io.qiao:qiao-sync-core} on the class path: the client declares it optional, so a host that uses
 * only the client does not get the sync engine; a host that uses these adapters declares {@code qiao-sync-core}
 * itself. Nothing outside this package refers to sync-core.
 *
 * <pre>{@code
 * SyncJob<JstOtherInOut, JstOtherInOut> job = SyncJob.builder("jushuitan-otherinout-to-kis")
 *     .source(jushuitanOtherInOutSource)
 *     .sink(MiscellaneousReceiptSink.builder(kis, (doc, materials) -> toBill(doc, materials))
 *             .materialsByField("F_103").concurrency(4).build())
 *     .checkpoints(checkpoints).deadLetters(deadLetters)
 *     .build();
 * }</pre>
 */
package io.qiao.kis.sync;
