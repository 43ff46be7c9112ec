package io.qiao.kis.sync;

import io.qiao.kis.model.BillRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What {@link BillSink} needs to know of one KIS bill type: its name in messages, its key, its local checks, and the
 * two calls of a batch (find the stored ones, create the rest). One instance per bill type and client.
 *
 * @param <B> the typed bill
 */
interface BillKind<B> {
    /** The bill's name in messages and dead letters, e.g. 其他入库单. */
    String name();

    String billNo(B bill);

    boolean hasBillNo(B bill);

    /** Every reason KIS would refuse the bill that is known locally, each naming the vendor field. */
    List<String> problems(B bill);

    /** The stored ones among {@code bills}, keyed by FBillNo (one list query per batch). */
    Map<String, BillRef> findStored(Collection<B> bills);

    /** Creates a bill believed absent; looks it up only after an unclear outcome or a refusal. */
    BillRef createAbsent(B bill);
}
