package io.qiao.testkit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The declarative form: the simulator arrives as a parameter, running, and fresh for each test. */
@ExtendWith(ArchiveSimulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveSimulatorExtensionTest {

    @Test
    @Order(1)
    void simulator_isInjectedRunning(ArchiveSimulator sim) {
        assertThat(sim.isRunning()).isTrue();
        assertThat(sim.endpoint().toString()).startsWith("http://127.0.0.1:");
        sim.seedRecord(Map.of("archiveNo", "LEFTOVER"));
        assertThat(sim.records()).hasSize(1);
    }

    @Test
    @Order(2)
    void simulator_isResetBeforeEachTest(ArchiveSimulator sim) {
        assertThat(sim.records()).isEmpty();
        assertThat(sim.appKey()).isEqualTo(ArchiveSimulator.DEFAULT_APP_KEY);
    }
}
