package io.qiao.kis.sync;

import io.qiao.kis.KisClient;
import io.qiao.kis.model.OtherInboundBill;

/** Sync-core sinks that write into KIS. */
public final class KisSinks {
    private KisSinks() {
    }

    /**
     * A sink that maps each document to a 其他入库单 with {@code mapper} and creates it idempotently (FBillNo is the
     * key, looked up before each create so that a re-delivered bill sends no create), resolving items through the
     * client's material catalogue keyed by FNumber, 4 writes in flight. Use {@link OtherInboundSink#builder} to
     * change the lookup, the concurrency or {@link OtherInboundSink.Builder#lookupFirst(boolean) lookupFirst}.
     */
    public static <T> OtherInboundSink<T> otherInbound(KisClient client, OtherInboundMapper<T> mapper) {
        return OtherInboundSink.builder(client, mapper).build();
    }

    /** For jobs whose own mapper already produces bills: writes them as they are. */
    public static OtherInboundSink<OtherInboundBill> otherInboundBills(KisClient client) {
        return OtherInboundSink.<OtherInboundBill>builder(client, (bill, materials) -> bill).build();
    }
}
