package io.qiao.kis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OtherInboundBillTest {
    static OtherInboundEntry line(String item, long qty) {
        return OtherInboundEntry.builder().itemId(item).unitId("PCS").qty(qty).build();
    }

    @Test
    void builder_defaultsTranTypeTenAndEntryQuantitiesAndPlanMode() {
        OtherInboundBill b = OtherInboundBill.builder().billNo("1001").date(LocalDate.of(2024, 5, 2))
                .warehouseId("001").entry(line("SKU-A", 5)).build();

        assertThat(b.tranType()).isEqualTo(10);
        OtherInboundEntry e = b.entries().get(0);
        assertThat(e.auxQty()).isEqualByComparingTo("5");
        assertThat(e.auxQtyMust()).isEqualByComparingTo("5");
        assertThat(e.planMode()).isEqualTo(OtherInboundEntry.PLAN_MODE_MTS);
        assertThat(b.problems()).isEmpty();
    }

    @Test
    void validate_withoutEntries_namesEntry() {
        OtherInboundBill b = OtherInboundBill.builder().billNo("1").date(LocalDate.now()).warehouseId("001").build();

        assertThatThrownBy(b::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Entry must have at least one line");
    }

    @Test
    void validate_reportsEveryBadFieldByVendorName() {
        OtherInboundBill b = OtherInboundBill.builder().billNo("1").tranType(null)
                .entry(OtherInboundEntry.builder().unitId("PCS").qty(BigDecimal.ZERO).build())
                .entry(line("SKU-B", -2).toBuilder().auxPrice(new BigDecimal("-1")).build())
                .build();

        assertThat(b.problems()).containsExactly(
                "Head.Fdate is required",
                "Head.FTranType is required",
                "Entry[1].FItemID is required",
                "Entry[1].FQty must be greater than 0, was 0",
                "Entry[1].Fauxqty must be greater than 0, was 0",
                "Entry[1].FAuxQtyMust must be greater than 0, was 0",
                "Entry[1].FDCStockID is required (on the line or on the head)",
                "Entry[2].FQty must be greater than 0, was -2",
                "Entry[2].Fauxqty must be greater than 0, was -2",
                "Entry[2].FAuxQtyMust must be greater than 0, was -2",
                "Entry[2].FAuxPrice must not be negative, was -1",
                "Entry[2].FDCStockID is required (on the line or on the head)");
        assertThatThrownBy(b::validate).hasMessageStartingWith("invalid 其他入库单 1: Head.Fdate is required;");
    }

    @Test
    void validate_lineWarehouseSatisfiesFdcStockId() {
        OtherInboundBill b = OtherInboundBill.builder().date(LocalDate.now())
                .entry(line("SKU-A", 1).toBuilder().warehouseId("002").build()).build();

        assertThat(b.problems()).isEmpty();
        assertThat(b.hasBillNo()).isFalse();
    }
}
