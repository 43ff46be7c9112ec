package io.qiao.kis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Json;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class BillCodecTest {
    private final BillCodec codec = new BillCodec(Json.newMapper());

    @Test
    void createBody_usesTheKoasShapeAndVendorFieldNames() {
        MiscellaneousReceipt bill = MiscellaneousReceipt.builder().billNo("1001").date(LocalDate.of(2024, 5, 2))
                .deptId("01").billerId("16394").warehouseId("001").note("来自聚水潭").field("FROB", 1)
                .entry(MiscellaneousReceiptEntry.builder().itemId("1.01.001").unitId("PCS").qty(5)
                        .auxPrice(new BigDecimal("10.00")).amount(new BigDecimal("50.00")).note("x").build())
                .build();

        String json = codec.createBody(bill).toString();

        assertThat(json).isEqualTo("{\"Object\":{\"Head\":{\"FBillNo\":\"1001\",\"Fdate\":\"2024-05-02\","
                + "\"FTranType\":10,\"FDeptID\":\"01\",\"FBillerID\":\"16394\",\"FDCStockID\":\"001\","
                + "\"Fnote\":\"来自聚水潭\",\"FROB\":1},\"Entry\":[{\"FItemID\":\"1.01.001\",\"FUnitID\":\"PCS\","
                + "\"FQty\":5,\"Fauxqty\":5,\"FAuxQtyMust\":5,\"FPlanMode\":14036,\"FAuxPrice\":10.00,"
                + "\"Famount\":50.00,\"FDCStockID\":\"001\",\"Fnote\":\"x\"}]}}");
    }

    @Test
    void readBill_acceptsNumbersOrStringsAndDateTimes() throws Exception {
        var node = Json.newMapper().readTree("{\"Head\":{\"FBillNo\":\"7\",\"Fdate\":\"2024-05-02T10:00:00\","
                + "\"FTranType\":\"10\",\"FID\":\"88\"},\"Entry\":[{\"FItemID\":12,\"FUnitID\":\"PCS\",\"FQty\":\"3\","
                + "\"Fauxqty\":3,\"FAuxQtyMust\":3,\"FPlanMode\":14036}]}");

        MiscellaneousReceipt b = codec.readBill(node);

        assertThat(codec.id(node)).isEqualTo(88);
        assertThat(b.date()).isEqualTo(LocalDate.of(2024, 5, 2));
        assertThat(b.dateTime()).isEqualTo(LocalDateTime.of(2024, 5, 2, 10, 0));
        assertThat(b.fdate()).isEqualTo("2024-05-02T10:00:00");
        assertThat(b.tranType()).isEqualTo(10);
        assertThat(b.entries().get(0).itemId()).isEqualTo("12");
        assertThat(b.entries().get(0).qty()).isEqualByComparingTo("3");
    }

    @Test
    void createBody_withADateTime_sendsFdateWithTheT_wholeSeconds() {
        MiscellaneousReceipt bill = MiscellaneousReceipt.builder().billNo("1002")
                .date(LocalDateTime.of(2024, 5, 2, 9, 5, 7, 123_000_000)).warehouseId("001")
                .entry(MiscellaneousReceiptEntry.builder().itemId("1.01.001").unitId("PCS").qty(1).build()).build();

        assertThat(codec.createBody(bill).path("Object").path("Head").path("Fdate").asText())
                .isEqualTo("2024-05-02T09:05:07");
    }

    @Test
    void createBody_withAMidnightDateTime_stillSendsTheTime_whileADateOnlyBillSendsTheDate() {
        MiscellaneousReceipt midnight = MiscellaneousReceipt.builder().billNo("1").date(LocalDateTime.of(2024, 5, 2, 0, 0))
                .warehouseId("001").entry(MiscellaneousReceiptEntry.builder().itemId("I").unitId("PCS").qty(1).build()).build();
        MiscellaneousReceipt dateOnly = midnight.toBuilder().date(LocalDate.of(2024, 5, 2)).build();

        assertThat(codec.createBody(midnight).path("Object").path("Head").path("Fdate").asText())
                .isEqualTo("2024-05-02T00:00:00");
        assertThat(codec.createBody(dateOnly).path("Object").path("Head").path("Fdate").asText())
                .isEqualTo("2024-05-02");
        assertThat(midnight.toBuilder().build()).isEqualTo(midnight);
    }
}
