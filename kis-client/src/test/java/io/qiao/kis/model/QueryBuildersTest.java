package io.qiao.kis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The KIS queries have builder() and toBuilder() like every other query (issue 15). */
class QueryBuildersTest {
    private static final LocalDate MAY_1 = LocalDate.of(2024, 5, 1);
    private static final LocalDate MAY_7 = LocalDate.of(2024, 5, 7);

    @Test
    void miscellaneousReceiptQuery_builder_setsEveryFilter_andToBuilderRoundTrips() {
        MiscellaneousReceiptQuery q = MiscellaneousReceiptQuery.builder().billNo("QTRK-1").between(MAY_1, MAY_7)
                .pageSize(20).build();

        assertThat(q).isEqualTo(new MiscellaneousReceiptQuery("QTRK-1", MAY_1, MAY_7, 20));
        assertThat(q.toBuilder().build()).isEqualTo(q);
        assertThat(q.toBuilder().pageSize(5).build()).isEqualTo(new MiscellaneousReceiptQuery("QTRK-1", MAY_1, MAY_7, 5));
        assertThat(MiscellaneousReceiptQuery.builder().build()).isEqualTo(MiscellaneousReceiptQuery.all());
    }

    @Test
    void miscellaneousReceiptQuery_builder_refusesAReversedRange() {
        assertThatThrownBy(() -> MiscellaneousReceiptQuery.builder().between(MAY_7, MAY_1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dateTo");
    }

    @Test
    void materialQuery_builder_setsEveryFilter_andToBuilderRoundTrips() {
        MaterialQuery q = MaterialQuery.builder().pageSize(50).keyword("螺丝").build();

        assertThat(q).isEqualTo(new MaterialQuery(50, "螺丝"));
        assertThat(q.toBuilder().keyword(null).build()).isEqualTo(new MaterialQuery(50, null));
        assertThatThrownBy(() -> MaterialQuery.builder().pageSize(0).build()).hasMessageContaining("pageSize");
    }
}
