package io.qiao.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterSummaryTest {

    @Test
    void normalise_replacesNumbersQuotedValuesAndIds_butKeepsFieldNames() {
        assertThat(DeadLetterSummary.normalise("sku 123 not found")).isEqualTo("sku # not found");
        assertThat(DeadLetterSummary.normalise("doc_date: '2024/13/01' is not a date yyyy-MM-dd"))
                .isEqualTo("doc_date: '?' is not a date yyyy-MM-dd");
        assertThat(DeadLetterSummary.normalise("F_103 missing for io_id=88123, amount -12.50"))
                .isEqualTo("F_103 missing for io_id=#, amount #");
        assertThat(DeadLetterSummary.normalise("request 3f2a9c1b7e4d5a6b failed at 2024-05-01 10:00:00"))
                .isEqualTo("request # failed at # #");
        assertThat(DeadLetterSummary.normalise("trace 123e4567-e89b-12d3-a456-426614174000  \"x y\"  done"))
                .isEqualTo("trace # \"?\" done");
        assertThat(DeadLetterSummary.normalise("物料“螺丝M3”不存在")).isEqualTo("物料'?'不存在");
    }

    @Test
    void of_countsEachEntryOncePerDistinctReason() {
        Map<String, Long> s = DeadLetterSummary.of(List.of(
                List.of("sku 1 not found", "sku 2 not found"),
                List.of("b"),
                List.of("a")));

        assertThat(s).containsExactly(Map.entry("a", 1L), Map.entry("b", 1L), Map.entry("sku # not found", 1L));
    }
}
