package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.OrderQuery;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A newcomer's first query, "the last 7 days", against a simulator with {@code recentData()} is not empty. */
class LastSevenDaysTest {
    @Test
    void recentData_aFreshClientAskingForTheLastSevenDays_getsRecords() {
        try (JushuitanSimulator sim = JushuitanSimulator.builder().recentData().limitsEnforced(false).build().start()) {
            JushuitanClient client = JushuitanClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                    .appSecret(Secret.of(sim.appSecret())).rateLimits(RateLimits.none()).build();
            Instant now = Instant.now();

            long docs = client.otherInOuts().list(OtherInOutQuery.modifiedBetween(now.minus(Duration.ofDays(7)), now))
                    .stream().count();
            long orders = client.orders().list(OrderQuery.modifiedBetween(now.minus(Duration.ofDays(7)), now))
                    .stream().count();

            assertThat(docs).isPositive().isLessThan(sim.otherInOutCount());
            assertThat(orders).isPositive();
        }
    }
}
