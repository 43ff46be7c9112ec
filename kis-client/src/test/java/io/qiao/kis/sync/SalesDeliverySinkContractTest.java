package io.qiao.kis.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.kis.KisClient;
import io.qiao.kis.KisTestSupport;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.kis.model.SalesDelivery;
import io.qiao.sync.Sink;
import io.qiao.sync.testkit.SinkContract;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.SimulatedBill;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;

/**
 * The sink contract (qiao-sync-testkit) on {@link KisSinks#salesDeliveries}: the generic stock-bill sink, here for
 * 销售出库单, behaves as every sink must (a simulator of its own per sink; bills are never updated once stored).
 */
class SalesDeliverySinkContractTest extends SinkContract<SalesDelivery> {
    private final Map<Sink<SalesDelivery>, KisSimulator> simulators = new IdentityHashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private List<String> items;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Override
    protected Sink<SalesDelivery> newSink() {
        KisSimulator sim = KisSimulator.builder().build().start();
        opened.add(sim);
        List<String> ids = new ArrayList<>();
        for (String number : List.of("1.01.001", "1.01.002", "1.01.003")) {
            ids.add(Long.toString(sim.addMaterial(number, "商品" + number, "PCS").itemId()));
        }
        sim.addCustomer("C001", "客户");
        if (items == null) {
            items = ids;
        }
        assertThat(ids).isEqualTo(items);
        KisClient client = KisTestSupport.clientFor(sim).build();
        opened.add(0, client);
        Sink<SalesDelivery> sink = KisSinks.salesDeliveries(client, (bill, materials) -> bill);
        simulators.put(sink, sim);
        return sink;
    }

    private SalesDelivery bill(String no, String item, long qty, String note) {
        return SalesDelivery.builder().billNo(no).date(LocalDate.of(2024, 5, 2)).customerId("C001").warehouseId("001")
                .note(note).entry(MiscellaneousReceiptEntry.builder().itemId(item).unitId("PCS").qty(qty).build()).build();
    }

    @Override
    protected List<SalesDelivery> records() {
        return List.of(bill("XS-1", items.get(0), 1, "a"), bill("XS-2", items.get(1), 2, "b"), bill("XS-3", items.get(2), 3, "c"));
    }

    @Override
    protected SalesDelivery changed(SalesDelivery bill) {
        return bill(bill.billNo(), items.get(2), 99, "changed");
    }

    /** A bill for a customer KIS does not know: KIS refuses that bill alone. */
    @Override
    protected SalesDelivery refusedRecord() {
        return SalesDelivery.builder().billNo("XS-9").date(LocalDate.of(2024, 5, 2)).customerId("C-UNKNOWN")
                .warehouseId("001").entry(MiscellaneousReceiptEntry.builder().itemId(items.get(0)).unitId("PCS").qty(1)
                        .build()).build();
    }

    @Override
    protected boolean updatesStoredRecords() {
        return false;
    }

    @Override
    protected Object contentsOf(Sink<SalesDelivery> sink) {
        Map<String, List<Object>> bills = new TreeMap<>();
        for (SimulatedBill bill : simulators.get(sink).salesDeliveries()) {
            Map<String, Object> head = new TreeMap<>(bill.head());
            head.remove("FID");
            bills.put(bill.billNo(), List.of(head, bill.entries()));
        }
        return bills;
    }
}
