package io.qiao.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndToEndBenchTest {

    @Test
    void parallelWriters_isOffByDefault_comparedFrom2To16_andRefuses1TextAndOutOfRange_namingTheProperty() {
        String previous = System.getProperty("bench.parallelWriters");
        try {
            System.clearProperty("bench.parallelWriters");
            assertThat(EndToEndBench.parallelWriters()).isZero();
            for (String n : List.of("0", "2", "16")) {
                System.setProperty("bench.parallelWriters", n);
                assertThat(EndToEndBench.parallelWriters()).isEqualTo(Integer.parseInt(n));
            }
            for (String hostile : List.of("1", "17", "-4", "four", "4; DROP")) {
                System.setProperty("bench.parallelWriters", hostile);
                assertThatThrownBy(EndToEndBench::parallelWriters).as(hostile)
                        .hasMessageStartingWith("bench.parallelWriters: ");
            }
        } finally {
            if (previous == null) {
                System.clearProperty("bench.parallelWriters");
            } else {
                System.setProperty("bench.parallelWriters", previous);
            }
        }
    }
}
