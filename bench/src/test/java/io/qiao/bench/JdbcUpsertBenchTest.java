package io.qiao.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUpsertBenchTest {

    @Test
    void checkShape_refusesABatchOutOfRangeAndRowsThatAreNotWholeBatches_namingTheArgument() {
        assertThatCode(() -> JdbcUpsertBench.checkShape(20_000, 1000)).doesNotThrowAnyException();
        assertThatCode(() -> JdbcUpsertBench.checkShape(1000, 1000)).doesNotThrowAnyException();
        for (int batch : new int[] {0, -1000, 100_001, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> JdbcUpsertBench.checkShape(20_000, batch)).as("batch %d", batch)
                    .hasMessageStartingWith("batch: ");
        }
        for (int rows : new int[] {0, -20_000, 999, 20_500, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> JdbcUpsertBench.checkShape(rows, 1000)).as("rows %d", rows)
                    .hasMessageStartingWith("rows: ");
        }
    }
}
