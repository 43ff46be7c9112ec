package io.qiao.kis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiscellaneousReceiptTest {
    static MiscellaneousReceiptEntry line(String item, long qty) {
        return MiscellaneousReceiptEntry.builder().itemId(item).unitId("PCS").qty(qty).build();
    }

    @Test
    void builder_defaultsTranTypeTenAndEntryQuantitiesAndPlanMode() {
        MiscellaneousReceipt b = MiscellaneousReceipt.builder().billNo("1001").date(LocalDate.of(2024, 5, 2))
                .warehouseId("001").entry(line("SKU-A", 5)).build();

        assertThat(b.tranType()).isEqualTo(10);
        MiscellaneousReceiptEntry e = b.entries().get(0);
        assertThat(e.auxQty()).isEqualByComparingTo("5");
        assertThat(e.auxQtyMust()).isEqualByComparingTo("5");
        assertThat(e.planMode()).isEqualTo(MiscellaneousReceiptEntry.PLAN_MODE_MTS);
        assertThat(b.problems()).isEmpty();
    }

    @Test
    void validate_withoutEntries_namesEntry() {
        MiscellaneousReceipt b = MiscellaneousReceipt.builder().billNo("1").date(LocalDate.now()).warehouseId("001").build();

        assertThatThrownBy(b::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Entry must have at least one line");
    }

    @Test
    void validate_reportsEveryBadFieldByVendorName() {
        MiscellaneousReceipt b = MiscellaneousReceipt.builder().billNo("1").tranType(null)
                .entry(MiscellaneousReceiptEntry.builder().unitId("PCS").qty(BigDecimal.ZERO).build())
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
        MiscellaneousReceipt b = MiscellaneousReceipt.builder().date(LocalDate.now())
                .entry(line("SKU-A", 1).toBuilder().warehouseId("002").build()).build();

        assertThat(b.problems()).isEmpty();
        assertThat(b.hasBillNo()).isFalse();
    }

    @Test
    void dateTime_isKeptToTheSecond_andFdateHasTheT_whileADateOnlyBillKeepsTheDateForm() {
        MiscellaneousReceipt withTime = MiscellaneousReceipt.builder().billNo("1")
                .date(LocalDateTime.of(2024, 5, 2, 13, 45, 10, 999_000_000)).warehouseId("001")
                .entry(line("SKU-A", 1)).build();
        MiscellaneousReceipt dateOnly = withTime.toBuilder().date(LocalDate.of(2024, 5, 2)).build();

        assertThat(withTime.date()).isEqualTo(LocalDate.of(2024, 5, 2));
        assertThat(withTime.dateTime()).isEqualTo(LocalDateTime.of(2024, 5, 2, 13, 45, 10));
        assertThat(withTime.fdate()).isEqualTo("2024-05-02T13:45:10");
        assertThat(withTime.toString()).contains("Fdate=2024-05-02T13:45:10");
        assertThat(withTime.toBuilder().build()).isEqualTo(withTime);
        assertThat(dateOnly.time()).isNull();
        assertThat(dateOnly.fdate()).isEqualTo("2024-05-02");
        assertThat(dateOnly.dateTime()).isEqualTo(LocalDateTime.of(2024, 5, 2, 0, 0));
    }

    @Test
    void aTimeWithoutADate_isRefusedNamingBoth() {
        assertThatThrownBy(() -> new MiscellaneousReceipt("1", null, LocalTime.NOON, 10, null, null, null, "001", null,
                null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12:00")
                .hasMessageContaining("without a date");
    }

    @Test
    void theDateOnlyConstructor_stillBuildsABillWithoutATime() {
        MiscellaneousReceipt b = new MiscellaneousReceipt("1", LocalDate.of(2024, 5, 2), 10, null, null, null, "001", null,
                null, List.of(line("SKU-A", 1)));

        assertThat(b.time()).isNull();
        assertThat(b.problems()).isEmpty();
    }
}
