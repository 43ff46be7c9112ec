package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.jackyun.model.Warehouse;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real gateway's other success envelopes, served over HTTP by the simulator, end as data, not errors. */
class SuccessEnvelopeSimulatorTest {

    @Test
    void list_whenTheGatewayAnswersOperationSucceeded0030000004_returnsEveryRecord() {
        try (JackyunSimulator sim = JackyunSimulator.builder()
                .dataSet(JackyunDataSet.builder().warehouses(7).build())
                .successEnvelope("erp.warehouse.get", 200, JackyunSubCodes.OPERATION_SUCCEEDED, "操作成功")
                .build().start()) {

            List<Warehouse> all = SimulatorClients.client(sim).build().warehouses().list().stream().toList();

            assertThat(all).hasSize(7);
            assertThat(sim.recentRequests()).extracting(r -> r.get("method")).contains("erp.warehouse.get");
        }
    }
}
