package io.qiao.testkit.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** As an instance field the extension runs one simulator per test, and hands it to parameters. */
class JackyunSimulatorExtensionTest {
    @RegisterExtension
    final JackyunSimulatorExtension jackyun = new JackyunSimulatorExtension();

    @Test
    void simulator_isRunningOnARandomPortDuringTheTest(JackyunSimulator sim) {
        assertThat(sim).isSameAs(jackyun.simulator());
        assertThat(sim.isRunning()).isTrue();
        assertThat(sim.port()).isPositive();
        assertThat(sim.endpoint().toString()).endsWith("/open/openapi/do");
        assertThat(sim.appKey()).isEqualTo(JackyunSimulator.DEFAULT_APP_KEY);
    }

    @Test
    void stoppedSimulator_refusesToNameAPort() {
        JackyunSimulator sim = JackyunSimulator.builder().build();
        assertThatThrownBy(sim::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
    }
}
