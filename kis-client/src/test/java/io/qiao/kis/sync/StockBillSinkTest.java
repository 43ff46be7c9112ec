package io.qiao.kis.sync;

import static io.qiao.kis.KisTestSupport.clientFor;
import static io.qiao.kis.sync.JstOtherInOut.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.kis.KisClient;
import io.qiao.kis.model.Material;
import io.qiao.kis.model.MiscellaneousDelivery;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.kis.model.Partner;
import io.qiao.kis.model.PurchaseReceipt;
import io.qiao.kis.model.SalesDelivery;
import io.qiao.sync.ListSource;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.SyncRetry;
import io.qiao.sync.WriteResult;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorExtension;
import io.qiao.testkit.kis.SimulatedBill;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generic stock-bill sink for 其他出库单, 采购入库单 and 销售出库单, on the KIS simulator. */
class StockBillSinkTest {
    @RegisterExtension
    static final KisSimulatorExtension KIS = new KisSimulatorExtension();

    /** 聚水潭 其它出库 -> 其他出库单: FBillNo <- io_id, Fdate <- io_date, items by the F_103 sku field. */
    static final StockBillMapper<JstOtherInOut, MiscellaneousDelivery> OUTBOUND = (doc, materials) -> {
        MiscellaneousDelivery.Builder b = MiscellaneousDelivery.builder().billNo(Long.toString(doc.io_id()))
                .date(LocalDateTime.parse(doc.io_date(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")))
                .warehouseId(String.format("%03d", doc.wh_id())).note(doc.remark());
        for (JstOtherInOut.Item i : doc.items()) {
            Material m = materials.require(i.sku_id(), "KIS material for sku_id");
            b.entry(MiscellaneousReceiptEntry.builder().itemId(Long.toString(m.itemId())).unitId(m.unitId()).qty(i.qty())
                    .build());
        }
        return b.build();
    };

    @BeforeAll
    static void baseData() {
        KisSimulator sim = KIS.simulator();
        sim.clearMaterials();
        sim.addMaterial("1.01.001", "商品A", "PCS", Map.of("F_103", "SKU-A"));
        sim.addMaterial("1.01.002", "商品B", "BOX", Map.of("F_103", "SKU-B"));
        if (sim.customers().isEmpty()) {
            sim.addCustomer("C001", "华南客户");
            sim.addSupplier("V001", "华东供应商");
        }
    }

    static List<JstOtherInOut> outbound() {
        return List.of(
                new JstOtherInOut(2001, "2024-05-02 10:00:00", "其它出库", 1, "o1", List.of(item(1, "SKU-A", 5, "10"))),
                new JstOtherInOut(2002, "2024-05-02 11:00:00", "其它出库", 1, "o2", List.of(item(2, "SKU-B", 2, "3"))),
                new JstOtherInOut(2003, "2024-05-03 09:00:00", "其它出库", 3, "o3",
                        List.of(item(3, "SKU-A", 1, "10"), item(4, "SKU-B", 4, "3"))),
                new JstOtherInOut(2004, "2024-05-03 12:00:00", "其它出库", 1, "o4", List.of(item(5, "SKU-X", 1, "1"))));
    }

    private static SyncReport run(StockBillSink<JstOtherInOut, MiscellaneousDelivery> sink, InMemoryDeadLetterStore dead) {
        return SyncJob.<JstOtherInOut, JstOtherInOut>builder("jushuitan-other-out-to-kis").source(ListSource.of(outbound(), 2))
                .sink(sink).keyOf(d -> Long.toString(d.io_id())).checkpoints(new InMemoryCheckpointStore())
                .deadLetters(dead).retry(SyncRetry.of(3, Duration.ZERO, Duration.ZERO)).build().runOnce();
    }

    @Test
    void jushuitanOtherOutbound_becomesOneMiscellaneousDeliveryPerDocument_andARerunCreatesNothing() {
        KisSimulator sim = KIS.simulator();
        KisClient kis = clientFor(sim).build();
        InMemoryDeadLetterStore dead = new InMemoryDeadLetterStore();

        SyncReport first = run(KisSinks.miscellaneousDeliveriesBuilder(kis, OUTBOUND).materialsByField("F_103").build(), dead);
        int creates = sim.calls(KisOperation.CREATE_DELIVERY);
        int lists = sim.calls(KisOperation.LIST_DELIVERIES);
        StockBillSink<JstOtherInOut, MiscellaneousDelivery> again =
                KisSinks.miscellaneousDeliveriesBuilder(kis, OUTBOUND).materialsByField("F_103").build();
        SyncReport rerun = run(again, new InMemoryDeadLetterStore());

        assertThat(first.created()).isEqualTo(3);
        assertThat(dead.list("jushuitan-other-out-to-kis", false, 10)).singleElement().satisfies(d -> {
            assertThat(d.stage()).isEqualTo(Rejection.Stage.LOOKUP);
            assertThat(d.reasons()).singleElement().asString().contains("SKU-X");
        });
        List<SimulatedBill> bills = sim.deliveries().stream().sorted(Comparator.comparing(SimulatedBill::billNo)).toList();
        assertThat(bills).extracting(SimulatedBill::billNo).containsExactly("2001", "2002", "2003");
        assertThat(bills.get(2).head()).containsEntry("FTranType", 29).containsEntry("Fdate", "2024-05-03T09:00:00")
                .containsEntry("FDCStockID", "003");
        assertThat(bills.get(2).entries()).extracting(e -> e.get("FQty")).containsExactly(1, 4);
        assertThat(creates).isEqualTo(3);
        assertThat(lists).isEqualTo(2); // one list query per batch of 2
        assertThat(rerun.created()).isZero();
        assertThat(rerun.alreadyPresent()).isEqualTo(3);
        assertThat(again.alreadyPresent()).isEqualTo(3);
        assertThat(sim.calls(KisOperation.CREATE_DELIVERY)).isEqualTo(creates);
        assertThat(sim.calls(KisOperation.LIST_DELIVERIES) - lists).isEqualTo(2);
        assertThat(sim.bills()).isEmpty();
    }

    @Test
    void purchaseReceipt_forASupplierKisDoesNotKnow_isAWriteDeadLetter_withKisDescription() {
        KisClient kis = clientFor(KIS.simulator()).build();
        StockBillSink<String, PurchaseReceipt> sink = KisSinks.purchaseReceipts(kis, (supplier, materials) ->
                PurchaseReceipt.builder().billNo("WIN-" + supplier).date(LocalDate.of(2024, 5, 2)).supplierId(supplier)
                        .warehouseId("001").entry(MiscellaneousReceiptEntry.builder()
                                .itemId(Long.toString(materials.require("1.01.001", "material").itemId())).unitId("PCS")
                                .qty(1).build()).build());

        WriteResult<String> r = sink.write(List.of("V001", "V404"));

        assertThat(r.created()).isEqualTo(1);
        assertThat(r.rejected()).singleElement().satisfies(x -> {
            assertThat(x.stage()).isEqualTo(Rejection.Stage.WRITE);
            assertThat(x.reasons().get(0)).contains("KIS refused 采购入库单 WIN-V404").contains("供应商(FSupplyID)[V404]在系统中不存在");
        });
        assertThat(KIS.simulator().purchaseReceipts()).extracting(SimulatedBill::billNo).containsExactly("WIN-V001");
    }

    @Test
    void salesDelivery_withTheCustomerLookedUpByCode_andALostAnswer_endsAsOneBill() {
        KisSimulator sim = KIS.simulator();
        KisClient kis = clientFor(sim).build();
        Partner customer = kis.customers().findByNumber("C001").orElseThrow();
        sim.injectFault(KisOperation.CREATE_SALES_DELIVERY, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);
        StockBillSink<Integer, SalesDelivery> sink = KisSinks.<Integer>salesDeliveriesBuilder(kis, (n, materials) ->
                SalesDelivery.builder().billNo("XS-" + n).date(LocalDate.of(2024, 5, 2)).customerId(customer.id())
                        .warehouseId("001").entry(MiscellaneousReceiptEntry.builder().itemId("1").unitId("PCS").qty(n)
                                .build()).build()).concurrency(1).build();

        WriteResult<Integer> r = sink.write(List.of(1, 2, 3));

        assertThat(r.written()).isEqualTo(3);
        assertThat(r.created() + r.alreadyPresent()).isEqualTo(3);
        assertThat(sim.salesDeliveries()).extracting(SimulatedBill::billNo).containsExactlyInAnyOrder("XS-1", "XS-2", "XS-3");
        assertThat(sim.salesDeliveries()).allSatisfy(b -> assertThat(b.head()).containsEntry("FSupplyID", customer.id()));
        assertThat(sim.calls(KisOperation.CREATE_SALES_DELIVERY)).isEqualTo(3);
        assertThat(sink.toString()).contains("销售出库单").contains("lookupFirst=true");
    }
}
