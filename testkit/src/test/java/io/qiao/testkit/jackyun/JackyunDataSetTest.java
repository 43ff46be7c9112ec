package io.qiao.testkit.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class JackyunDataSetTest {

    @Test
    void records_areAPureFunctionOfTheirIndex() {
        JackyunDataSet a = JackyunDataSet.builder().warehouses(1_000_000).build();
        JackyunDataSet b = JackyunDataSet.builder().warehouses(1_000_000).build();
        assertThat(a.warehouse(123_456)).isEqualTo(b.warehouse(123_456));
        assertThat(a.warehouses()).hasSize(1_000_000);
        assertThat(a.warehouse(0).warehouseId()).isEqualTo(1);
    }

    @Test
    void modificationTimes_spreadOverTheRangeInIdOrder() {
        JackyunDataSet d = JackyunDataSet.builder().warehouses(10)
                .modifiedBetween(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 1, 11, 0, 0)).build();
        assertThat(d.warehouse(0).gmtModified()).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThat(d.warehouse(9).gmtModified()).isEqualTo(LocalDateTime.of(2024, 1, 10, 0, 0));
        assertThat(d.firstIndexAtOrAfter(LocalDateTime.of(2024, 1, 5, 0, 0, 1), 10)).isEqualTo(5);
        assertThat(d.firstIndexAtOrAfter(LocalDateTime.of(2030, 1, 1, 0, 0), 10)).isEqualTo(10);
    }

    @Test
    void documents_haveOneToThreeLines() {
        JackyunDataSet d = JackyunDataSet.defaults();
        assertThat(d.document(JackyunDataSet.Direction.INBOUND, 0).lines()).hasSize(1);
        assertThat(d.document(JackyunDataSet.Direction.OUTBOUND, 2).lines()).hasSize(3);
        assertThat(d.document(JackyunDataSet.Direction.OUTBOUND, 2).goodsdocNo()).isEqualTo("CK00000003");
    }

    @Test
    void builder_rejectsBadInputNamingTheField() {
        assertThatThrownBy(() -> JackyunDataSet.builder().warehouses(-1)).hasMessageContaining("warehouses");
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
        assertThatThrownBy(() -> JackyunDataSet.builder().modifiedBetween(t, t)).hasMessageContaining("must be after");
    }
}
