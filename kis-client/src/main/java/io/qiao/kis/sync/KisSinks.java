package io.qiao.kis.sync;

import io.qiao.kis.KisClient;
import io.qiao.kis.model.MiscellaneousReceipt;

/** Sync-core sinks that write into KIS. */
public final class KisSinks {
    private KisSinks() {
    }

    /**
     * A sink that maps each document to a 其他入库单 with {@code mapper} and creates it idempotently (FBillNo is the
     * key, looked up before each create so that a re-delivered bill sends no create), resolving items through the
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
