package io.qiao.kis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.kis.KisClient;
import io.qiao.kis.KisTestSupport;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.sync.Sink;
import io.qiao.sync.testkit.SinkContract;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.SimulatedBill;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;

/**
 * The sink contract (qiao-sync-testkit) on {@link KisSinks#miscellaneousReceipts(KisClient)}, writing into a KIS
 * simulator of its own for every sink the suite makes. KIS bills are never updated once stored, so a later version
 * of a bill must leave the first one.
 */
class MiscellaneousReceiptSinkContractTest extends SinkContract<MiscellaneousReceipt> {
    private final Map<Sink<MiscellaneousReceipt>, KisSimulator> simulators = new IdentityHashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** The FItemIDs of the materials every simulator holds (the same in each: ids are given in order). */
    private List<String> items;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Override
    protected Sink<MiscellaneousReceipt> newSink() {
        KisSimulator sim = KisSimulator.builder().build().start();
        opened.add(sim);
        List<String> ids = new ArrayList<>();
        for (String number : List.of("1.01.001", "1.01.002", "1.01.003", "1.01.004")) {
            ids.add(Long.toString(sim.addMaterial(number, "商品" + number, "PCS").itemId()));
        }
        if (items == null) {
            items = ids;
        }
        assertThat(ids).as("material ids of a new simulator").isEqualTo(items);
        KisClient client = KisTestSupport.clientFor(sim).build();
        opened.add(0, client);
        Sink<MiscellaneousReceipt> sink = KisSinks.miscellaneousReceipts(client);
        simulators.put(sink, sim);
        return sink;
    }

    @Override
    protected List<MiscellaneousReceipt> records() {
        return List.of(KisTestSupport.bill("QT-1", items.get(0), items.get(1)), KisTestSupport.bill("QT-2", items.get(2)),
                KisTestSupport.bill("QT-3", items.get(0)));
    }

    @Override
    protected MiscellaneousReceipt changed(MiscellaneousReceipt bill) {
        return MiscellaneousReceipt.builder().billNo(bill.billNo()).date(bill.date()).warehouseId(bill.warehouseId())
                .note("changed").entry(MiscellaneousReceiptEntry.builder().itemId(items.get(3)).unitId("PCS").qty(99).build())
                .build();
    }

    /** A bill whose line names a material KIS does not hold: KIS refuses that bill alone. */
    @Override
    protected MiscellaneousReceipt refusedRecord() {
        return KisTestSupport.bill("QT-9", "987654");
    }

    @Override
    protected boolean updatesStoredRecords() {
        return false;
    }

    /** The bills stored, by FBillNo, each as its head and lines as sent; without the FID KIS numbers them by. */
    @Override
    protected Object contentsOf(Sink<MiscellaneousReceipt> sink) {
        Map<String, List<Object>> bills = new TreeMap<>();
        for (SimulatedBill bill : simulators.get(sink).bills()) {
            // KIS numbers bills in the order they arrive, and the sink writes a batch's bills in parallel.
            Map<String, Object> head = new TreeMap<>(bill.head());
            head.remove("FID");
            bills.put(bill.billNo(), List.of(head, bill.entries()));
        }
        return bills;
    }
}
