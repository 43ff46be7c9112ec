package io.qiao.testkit.kis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KisSimulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KisSimulatorExtensionTest {
    @Test
    @Order(1)
    void parameter_isARunningSimulatorOnARandomPort(KisSimulator kis) {
        assertThat(kis.isRunning()).isTrue();
        assertThat(kis.port()).isPositive();
        kis.injectFault(KisOperation.CREATE_RECEIPT, KisFault.BUSY);
        kis.addMaterial("KEEP", "kept across tests", "PCS");
    }

    @Test
    @Order(2)
    void eachTest_startsFromAResetSimulator_keepingTheCatalogue(KisSimulator kis) {
        assertThat(kis.calls(KisOperation.CREATE_RECEIPT)).isZero();
        assertThat(kis.materials()).extracting(SimulatedMaterial::number).contains("KEEP");
    }
}
