package io.qiao.kis;

import static io.qiao.kis.KisTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.MiscellaneousDelivery;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorExtension;
import io.qiao.testkit.kis.SimulatedBill;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 其他出库单 against the simulator: the typed request as stored, lookup-before-create, and the vendor's refusals. */
class MiscellaneousDeliveriesTest {
    @RegisterExtension
    static final KisSimulatorExtension KIS = new KisSimulatorExtension();

    @BeforeAll
    static void catalogue() {
        KisSimulator sim = KIS.simulator();
        sim.clearMaterials();
        sim.addMaterial("SKU-A", "商品A", "PCS");
    }

    private static MiscellaneousDeliveries deliveries() {
        return clientFor(KIS.simulator()).build().miscellaneousDeliveries();
    }

    private static MiscellaneousDelivery delivery(String billNo) {
        return MiscellaneousDelivery.builder().billNo(billNo).date(LocalDateTime.of(2024, 5, 3, 9, 30, 15))
                .warehouseId("001").deptId("783").note("聚水潭 其它出库").field("Fuse", "样品")
                .entry(MiscellaneousReceiptEntry.builder().itemId("SKU-A").unitId("PCS").qty(new BigDecimal("3"))
                        .batchNo("B1").build())
                .build();
    }

    @Test
    void create_sendsTheTypedRequest_andKisStoresItAsAnOtherOutboundBill() {
        int receipts = KIS.simulator().billCount();

        BillRef ref = deliveries().create(delivery("JST-OUT-1"));

        assertThat(ref.created()).isTrue();
        SimulatedBill stored = KIS.simulator().deliveries().get(0);
        assertThat(stored.billNo()).isEqualTo("JST-OUT-1");
        assertThat(ref.id()).isEqualTo(stored.id());
        assertThat(stored.head()).containsEntry("FTranType", 29).containsEntry("Fdate", "2024-05-03T09:30:15")
                .containsEntry("FDeptID", "783").containsEntry("FDCStockID", "001").containsEntry("Fnote", "聚水潭 其它出库")
                .containsEntry("Fuse", "样品");
        assertThat(stored.entries()).hasSize(1);
        assertThat(stored.entries().get(0)).containsEntry("FItemID", "SKU-A").containsEntry("FUnitID", "PCS")
                .containsEntry("FQty", 3).containsEntry("Fauxqty", 3).containsEntry("FAuxQtyMust", 3)
                .containsEntry("FPlanMode", 14036).containsEntry("FDCStockID", "001").containsEntry("FBatchNo", "B1");
        assertThat(KIS.simulator().billCount()).as("no 其他入库单 touched").isEqualTo(receipts);
        assertThat(KIS.simulator().calls(KisOperation.CREATE_DELIVERY)).isEqualTo(1);
    }

    @Test
    void create_whenTheResponseIsLostAfterKisStoredIt_findsTheBill_andDoesNotCreateItAgain() {
        KIS.simulator().injectFault(KisOperation.CREATE_DELIVERY, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);

        BillRef ref = deliveries().create(delivery("JST-OUT-2"));

        assertThat(ref.created()).isFalse();
        assertThat(ref.billNo()).isEqualTo("JST-OUT-2");
        assertThat(KIS.simulator().deliveries()).hasSize(1);
        assertThat(KIS.simulator().calls(KisOperation.CREATE_DELIVERY)).isEqualTo(1);
        assertThat(KIS.simulator().calls(KisOperation.LIST_DELIVERIES)).isEqualTo(1);
    }

    @Test
    void createIfAbsent_looksUpFirst_andSkipsAStoredBill() {
        MiscellaneousDeliveries deliveries = deliveries();
        BillRef first = deliveries.createIfAbsent(delivery("JST-OUT-3"));

        BillRef second = deliveries.createIfAbsent(delivery("JST-OUT-3"));

        assertThat(first.created()).isTrue();
        assertThat(second).isEqualTo(new BillRef(first.id(), "JST-OUT-3", false));
        assertThat(KIS.simulator().calls(KisOperation.CREATE_DELIVERY)).isEqualTo(1);
        assertThat(KIS.simulator().calls(KisOperation.LIST_DELIVERIES)).isEqualTo(2);
        assertThat(deliveries.findByBillNo("JST-OUT-3")).contains(second);
        assertThat(deliveries.findByBillNo("nope")).isEmpty();
    }

    @Test
    void create_sameBillNoAsAnOtherInboundBill_isAnotherBill() {
        clientFor(KIS.simulator()).build().miscellaneousReceipts().create(KisTestSupport.bill("JST-SAME", "SKU-A"));

        BillRef ref = deliveries().create(delivery("JST-SAME"));

        assertThat(ref.created()).isTrue();
        assertThat(KIS.simulator().deliveries()).extracting(SimulatedBill::billNo).containsExactly("JST-SAME");
    }

    @Test
    void create_invalidBill_failsLocallyNamingTheField_withoutARequest() {
        MiscellaneousDelivery bad = MiscellaneousDelivery.builder().billNo("X").date(LocalDateTime.of(2024, 5, 3, 0, 0))
                .entry(MiscellaneousReceiptEntry.builder().itemId("SKU-A").unitId("PCS").qty(BigDecimal.ONE).build())
                .build();

        assertThatThrownBy(() -> deliveries().create(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("其他出库单 X").hasMessageContaining("FDCStockID");
        assertThat(KIS.simulator().calls(KisOperation.CREATE_DELIVERY)).isZero();
    }

    /** The simulator refuses what KIS would: a 其他出库单 with the 其他入库单's FTranType. */
    @Test
    void create_withTheInboundTranType_isRefusedByKisNamingFTranType() {
        MiscellaneousDelivery wrong = MiscellaneousDelivery.builder().billNo("JST-OUT-9").date(LocalDateTime.of(2024, 5, 3, 0, 0))
                .tranType(10).warehouseId("001")
                .entry(MiscellaneousReceiptEntry.builder().itemId("SKU-A").unitId("PCS").qty(BigDecimal.ONE).build())
                .build();

        assertThatThrownBy(() -> deliveries().create(wrong)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("其他出库单", "FTranType", "29"));
        assertThat(KIS.simulator().deliveries()).isEmpty();
    }
}
