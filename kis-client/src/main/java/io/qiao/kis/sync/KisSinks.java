package io.qiao.kis.sync;

import io.qiao.kis.KisClient;
import io.qiao.kis.model.MiscellaneousDelivery;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.PurchaseReceipt;
import io.qiao.kis.model.SalesDelivery;

/** Sync-core sinks that write into KIS. */
public final class KisSinks {
    private KisSinks() {
    }

    /**
     * A sink that maps each document to a 其他入库单 with {@code mapper} and creates it idempotently (FBillNo is the
     * key; the stored bills of each batch are found with one list query first, so a re-delivered bill sends no
     * create and a new one costs about one call), resolving items through the
     * client's material catalogue keyed by FNumber, 4 writes in flight. Use {@link MiscellaneousReceiptSink#builder}
     * to change the lookup, the concurrency or
     * {@link MiscellaneousReceiptSink.Builder#lookupFirst(boolean) lookupFirst}.
     */
    public static <T> MiscellaneousReceiptSink<T> miscellaneousReceipts(KisClient client,
                                                                        MiscellaneousReceiptMapper<T> mapper) {
        return MiscellaneousReceiptSink.builder(client, mapper).build();
    }

    /** For jobs whose own mapper already produces 其他入库单: writes them as they are. */
    public static MiscellaneousReceiptSink<MiscellaneousReceipt> miscellaneousReceipts(KisClient client) {
        return MiscellaneousReceiptSink.<MiscellaneousReceipt>builder(client, (bill, materials) -> bill).build();
    }

    /**
     * A sink that maps each document (e.g. a 聚水潭 其它出库 record) to a 其他出库单 and creates it idempotently, as
     * {@link #miscellaneousReceipts(KisClient, MiscellaneousReceiptMapper)} does for 其他入库单: one list query per
     * batch finds the stored ones, the rest are created. {@link #miscellaneousDeliveriesBuilder} changes the
     * material lookup, the concurrency or lookupFirst.
     */
    public static <T> StockBillSink<T, MiscellaneousDelivery> miscellaneousDeliveries(
            KisClient client, StockBillMapper<T, MiscellaneousDelivery> mapper) {
        return miscellaneousDeliveriesBuilder(client, mapper).build();
    }

    /** The builder of {@link #miscellaneousDeliveries}. */
    public static <T> StockBillSink.Builder<T, MiscellaneousDelivery> miscellaneousDeliveriesBuilder(
            KisClient client, StockBillMapper<T, MiscellaneousDelivery> mapper) {
        return StockBillSink.builder(client, BillKinds::miscellaneousDeliveries, mapper);
    }

    /** A sink of 采购入库单 (外购入库单), idempotent by FBillNo like the others; the mapper names the supplier. */
    public static <T> StockBillSink<T, PurchaseReceipt> purchaseReceipts(KisClient client,
                                                                         StockBillMapper<T, PurchaseReceipt> mapper) {
        return purchaseReceiptsBuilder(client, mapper).build();
    }

    /** The builder of {@link #purchaseReceipts}. */
    public static <T> StockBillSink.Builder<T, PurchaseReceipt> purchaseReceiptsBuilder(
            KisClient client, StockBillMapper<T, PurchaseReceipt> mapper) {
        return StockBillSink.builder(client, BillKinds::purchaseReceipts, mapper);
    }

    /** A sink of 销售出库单, idempotent by FBillNo like the others; the mapper names the customer. */
    public static <T> StockBillSink<T, SalesDelivery> salesDeliveries(KisClient client,
                                                                      StockBillMapper<T, SalesDelivery> mapper) {
        return salesDeliveriesBuilder(client, mapper).build();
    }

    /** The builder of {@link #salesDeliveries}. */
    public static <T> StockBillSink.Builder<T, SalesDelivery> salesDeliveriesBuilder(
            KisClient client, StockBillMapper<T, SalesDelivery> mapper) {
        return StockBillSink.builder(client, BillKinds::salesDeliveries, mapper);
    }

    /**
     * The old name.
     *
     * @deprecated one name per KIS document; use {@link #miscellaneousReceipts(KisClient, MiscellaneousReceiptMapper)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static <T> MiscellaneousReceiptSink<T> otherInbound(KisClient client, MiscellaneousReceiptMapper<T> mapper) {
        return miscellaneousReceipts(client, mapper);
    }

    /**
     * The old name.
     *
     * @deprecated one name per KIS document; use {@link #miscellaneousReceipts(KisClient)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public static MiscellaneousReceiptSink<MiscellaneousReceipt> otherInboundBills(KisClient client) {
        return miscellaneousReceipts(client);
    }
}
