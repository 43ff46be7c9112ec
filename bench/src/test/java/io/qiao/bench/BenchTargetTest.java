package io.qiao.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchTargetTest {

    @Test
    void line_hasEightPipeSeparatedFields_inTheOrderRunAllReads() {
        String line = BenchTarget.measured("22.3", "Qiao vs Spring Batch", "Qiao 50,000/s vs 20,000/s", "2.50 (IQR 2.4-2.6)",
                ">= 2x", true, "java -cp $CP io.qiao.bench.PeerUpsertBench 100000 9").line();
        assertThat(line.split("\\|", -1)).containsExactly("TARGET", "22.3", "Qiao vs Spring Batch",
                "Qiao 50,000/s vs 20,000/s", "2.50 (IQR 2.4-2.6)", ">= 2x", "met",
                "java -cp $CP io.qiao.bench.PeerUpsertBench 100000 9");
    }

    @Test
    void line_replacesPipesAndLineBreaksInsideFields_soTheLineStillSplits() {
        String line = BenchTarget.failed("22.5", "memory", "completes", "OutOfMemoryError: Java heap|space\nat x",
                "java").line();
        assertThat(line.split("\\|", -1)).hasSize(8);
        assertThat(line).doesNotContain("\n").contains("failed: OutOfMemoryError: Java heap/space at x");
    }

    @Test
    void measured_whenBelowTarget_saysNotMet() {
        assertThat(BenchTarget.measured("22.1", "e2e", "f", "0.93", ">= 1.0x", false, "c").verdict()).isEqualTo("not met");
    }

    @Test
    void command_namesTheMainClassItsArgumentsAndTheJvmOptions() {
        assertThat(BenchTarget.command("-Xmx64m", MemoryBench.class, "1000000"))
                .isEqualTo("java -Xmx64m -cp $CP io.qiao.bench.MemoryBench 1000000");
        assertThat(BenchTarget.command("", PeerUpsertBench.class)).isEqualTo("java -cp $CP io.qiao.bench.PeerUpsertBench");
    }
}
