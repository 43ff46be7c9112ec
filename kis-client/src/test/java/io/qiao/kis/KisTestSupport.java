package io.qiao.kis;

import io.qiao.client.RateLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import java.time.Duration;
import java.time.LocalDate;

/** Clients pointed at a simulator, with retries that do not wait. */
public final class KisTestSupport {
    public static final RetryOptions NO_WAIT = RetryOptions.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ZERO)
            .throttleDelay(Duration.ZERO).build();

    private KisTestSupport() {
    }

    public static KisGatewayCredentials credentials(KisSimulator sim) {
        KisSimulatorCredentials c = sim.credentials();
        return KisGatewayCredentials.of(c.clientId(), Secret.of(c.clientSecret()), c.appKey(),
                Secret.of(c.appSecret()), c.routerAddress());
    }

    public static KisClient.Builder clientFor(KisSimulator sim) {
        return KisClient.builder().endpoint(sim.endpoint()).gatewayCredentials(credentials(sim)).retry(NO_WAIT)
                .rateLimits(RateLimits.none()).clock(sim.clock());
    }

    public static MiscellaneousReceipt bill(String billNo, String... items) {
        MiscellaneousReceipt.Builder b = MiscellaneousReceipt.builder().billNo(billNo).date(LocalDate.of(2024, 5, 2))
                .warehouseId("001").note("test");
        int qty = 1;
        for (String item : items) {
            b.entry(MiscellaneousReceiptEntry.builder().itemId(item).unitId("PCS").qty(qty++).build());
        }
        return b.build();
    }
}
