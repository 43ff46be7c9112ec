package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.jackyun.model.StockDocumentQuery;
import io.qiao.jackyun.model.TradeQuery;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A newcomer's first query, "the last 7 days", against a simulator with {@code recentData()} is not empty. */
class LastSevenDaysTest {
    @Test
    void recentData_aFreshClientAskingForTheLastSevenDays_getsRecords() {
        try (JackyunSimulator sim = JackyunSimulator.builder().recentData().build().start()) {
            JackyunClient client = SimulatorClients.client(sim).build();
            Instant now = Instant.now();
            Instant weekAgo = now.minus(Duration.ofDays(7));

            long warehouses = client.warehouses().list(WarehouseQuery.modifiedBetween(weekAgo, now)).stream().count();
            long trades = client.trades().list(TradeQuery.modifiedBetween(weekAgo, now)).stream().count();
            long inbound = client.stockDocuments().inbound(StockDocumentQuery.modifiedBetween(weekAgo, now))
                    .stream().count();

            assertThat(warehouses).isPositive().isLessThan(sim.data().warehouseCount());
            assertThat(trades).isPositive();
            assertThat(inbound).isPositive();
        }
    }
}
