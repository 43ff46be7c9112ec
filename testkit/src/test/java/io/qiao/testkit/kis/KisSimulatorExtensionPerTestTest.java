package io.qiao.testkit.kis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KisSimulatorExtensionPerTestTest {
    private static KisSimulator seen;

    @RegisterExtension
    final KisSimulatorExtension kis = new KisSimulatorExtension(b -> b.appKey("per-test-app"));

    @Test
    void instanceField_startsASimulatorForTheTest_withTheConfiguration() {
        seen = kis.simulator();
        assertThat(seen.isRunning()).isTrue();
        assertThat(seen.credentials().appKey()).isEqualTo("per-test-app");
    }

    @AfterAll
    static void theSimulatorWasStoppedAfterTheTest() {
        assertThat(seen).isNotNull();
        assertThat(seen.isRunning()).isFalse();
    }
}
