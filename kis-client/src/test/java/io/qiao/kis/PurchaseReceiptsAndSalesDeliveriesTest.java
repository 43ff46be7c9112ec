package io.qiao.kis;

import static io.qiao.kis.KisTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.kis.model.Partner;
import io.qiao.kis.model.PurchaseReceipt;
import io.qiao.kis.model.SalesDelivery;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorExtension;
import io.qiao.testkit.kis.SimulatedBill;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PurchaseReceiptsAndSalesDeliveriesTest {
    @RegisterExtension
    static final KisSimulatorExtension KIS = new KisSimulatorExtension();

    @BeforeAll
    static void baseData() {
        KisSimulator sim = KIS.simulator();
        sim.clearMaterials();
        sim.addMaterial("1.01.001", "商品A", "PCS");
        sim.addMaterial("1.01.002", "商品B", "BOX");
        if (sim.suppliers().isEmpty()) {
            sim.addSupplier("V001", "华东供应商");
            sim.addSupplier("V0011", "华东供应商二厂");
            sim.addCustomer("C001", "华南客户");
        }
    }

    private static MiscellaneousReceiptEntry line(String item, String unit, long qty) {
        return MiscellaneousReceiptEntry.builder().itemId(item).unitId(unit).qty(qty).build();
    }

    @Test
    void purchaseReceipt_create_sendsFTranType1_theSupplierInFSupplyID_andTheLines() {
        KisClient kis = clientFor(KIS.simulator()).build();
        Partner supplier = kis.suppliers().findByNumber("V001").orElseThrow();
        PurchaseReceipt bill = PurchaseReceipt.builder().billNo("WIN-1").date(LocalDateTime.of(2024, 5, 2, 10, 30))
                .supplierId(supplier.id()).warehouseId("001").field("FPOStyle", "252")
                .entry(line("1", "PCS", 5).toBuilder().auxPrice(new BigDecimal("10.00")).amount(new BigDecimal("50.00")).build())
                .build();

        BillRef ref = kis.purchaseReceipts().create(bill);

        assertThat(ref.created()).isTrue();
        SimulatedBill sent = KIS.simulator().purchaseReceipts().get(0);
        assertThat(sent.head()).containsEntry("FBillNo", "WIN-1").containsEntry("FTranType", 1)
                .containsEntry("Fdate", "2024-05-02T10:30:00").containsEntry("FSupplyID", supplier.id())
                .containsEntry("FPOStyle", "252");
        assertThat(sent.entries()).singleElement().satisfies(e -> assertThat(e).containsEntry("FItemID", "1")
                .containsEntry("FQty", 5).containsEntry("FAuxQtyMust", 5).containsEntry("FPlanMode", 14036)
                .containsEntry("FDCStockID", "001").containsEntry("Famount", 50.00));
        assertThat(KIS.simulator().bills()).isEmpty(); // not a 其他入库单
    }

    @Test
    void salesDelivery_create_sendsFTranType21_andTheCustomerInFSupplyID() {
        KisClient kis = clientFor(KIS.simulator()).build();
        Partner customer = kis.customers().findByName("华南客户").orElseThrow();
        SalesDelivery bill = SalesDelivery.builder().billNo("XOUT-1").date(LocalDate.of(2024, 5, 3))
                .customerId(customer.id()).warehouseId("002")
                .entry(line("2", "BOX", 3).toBuilder().field("FConsignPrice", 12.5).build()).build();

        kis.salesDeliveries().create(bill);

        assertThat(KIS.simulator().salesDeliveries()).singleElement().satisfies(b -> {
            assertThat(b.head()).containsEntry("FTranType", 21).containsEntry("FSupplyID", customer.id())
                    .containsEntry("Fdate", "2024-05-03");
            assertThat(b.entries().get(0)).containsEntry("FConsignPrice", 12.5).containsEntry("FUnitID", "BOX");
        });
        assertThat(customer.number()).isEqualTo("C001");
    }

    @Test
    void unknownSupplierOrMaterial_isKisRefusal_withTheVendorDescription() {
        KisClient kis = clientFor(KIS.simulator()).build();
        PurchaseReceipt unknownSupplier = PurchaseReceipt.builder().billNo("WIN-2").date(LocalDate.of(2024, 5, 2))
                .supplierId("9999").warehouseId("001").entry(line("1", "PCS", 1)).build();
        SalesDelivery unknownItem = SalesDelivery.builder().billNo("XOUT-2").date(LocalDate.of(2024, 5, 2))
                .customerId("C001").warehouseId("001").entry(line("777", "PCS", 1)).build();

        assertThatThrownBy(() -> kis.purchaseReceipts().create(unknownSupplier)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).vendorMessage()).contains("供应商(FSupplyID)[9999]在系统中不存在"));
        assertThatThrownBy(() -> kis.salesDeliveries().create(unknownItem)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).vendorMessage()).contains("物料代码(FItemID)[777]在系统中不存在"));
        assertThat(KIS.simulator().purchaseReceipts()).isEmpty();
        assertThat(KIS.simulator().salesDeliveries()).isEmpty();
    }

    @Test
    void missingPartner_isRefusedLocally_namingFSupplyID_andNothingIsSent() {
        KisClient kis = clientFor(KIS.simulator()).build();
        SalesDelivery noCustomer = SalesDelivery.builder().billNo("XOUT-3").date(LocalDate.of(2024, 5, 2))
                .warehouseId("001").entry(line("1", "PCS", 1)).build();

        assertThatThrownBy(() -> kis.salesDeliveries().create(noCustomer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid 销售出库单 XOUT-3").hasMessageContaining("Head.FSupplyID (购货单位) is required");
        assertThat(PurchaseReceipt.builder().date(LocalDate.of(2024, 5, 2)).warehouseId("1").entry(line("1", "PCS", 1))
                .build().problems()).contains("Head.FSupplyID (供应商) is required");
        assertThat(KIS.simulator().calls(KisOperation.CREATE_SALES_DELIVERY)).isZero();
    }

    @Test
    void lostCreateResponse_isFoundByFBillNo_andNotSentAgain() {
        KisClient kis = clientFor(KIS.simulator()).build();
        KIS.simulator().injectFault(KisOperation.CREATE_PURCHASE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);
        PurchaseReceipt bill = PurchaseReceipt.builder().billNo("WIN-9").date(LocalDate.of(2024, 5, 2)).supplierId("V001")
                .warehouseId("001").entry(line("1", "PCS", 1)).build();

        BillRef ref = kis.purchaseReceipts().create(bill);

        assertThat(ref.created()).isFalse();
        assertThat(ref.billNo()).isEqualTo("WIN-9");
        assertThat(KIS.simulator().purchaseReceipts()).hasSize(1);
        assertThat(KIS.simulator().calls(KisOperation.CREATE_PURCHASE_RECEIPT)).isEqualTo(1);
    }

    @Test
    void findStored_ofABatch_isOneListQuery_overItsDays() {
        KisClient kis = clientFor(KIS.simulator()).build();
        SalesDelivery a = SalesDelivery.builder().billNo("XOUT-A").date(LocalDate.of(2024, 5, 2)).customerId("C001")
                .warehouseId("001").entry(line("1", "PCS", 1)).build();
        SalesDelivery b = SalesDelivery.builder().billNo("XOUT-B").date(LocalDate.of(2024, 5, 4)).customerId("C001")
                .warehouseId("001").entry(line("1", "PCS", 1)).build();
        kis.salesDeliveries().create(a);
        int lists = KIS.simulator().calls(KisOperation.LIST_SALES_DELIVERIES);

        assertThat(kis.salesDeliveries().findStored(List.of(a, b))).containsOnlyKeys("XOUT-A");
        assertThat(KIS.simulator().calls(KisOperation.LIST_SALES_DELIVERIES) - lists).isEqualTo(1);
        assertThat(kis.salesDeliveries().createAbsent(b).created()).isTrue();
        assertThat(kis.salesDeliveries().findByBillNo("XOUT-B")).isPresent();
    }

    @Test
    void partnerLookups_matchTheCodeOrNameExactly_thoughTheSearchKeyMatchesMore() {
        KisClient kis = clientFor(KIS.simulator()).build();

        assertThat(kis.suppliers().findByNumber("V001")).map(Partner::name).contains("华东供应商");
        assertThat(kis.suppliers().findByName("华东供应商")).map(Partner::number).contains("V001");
        assertThat(kis.suppliers().list("V001").stream().map(Partner::number)).containsExactly("V001", "V0011");
        assertThat(kis.suppliers().findByNumber("V00")).isEmpty();
        assertThat(kis.customers().findByNumber("V001")).isEmpty(); // suppliers are not customers
        assertThat(kis.customers().list(null).stream().map(Partner::itemId)).allMatch(id -> id > 0);
        assertThatThrownBy(() -> kis.customers().findByNumber(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("number");
    }
}
