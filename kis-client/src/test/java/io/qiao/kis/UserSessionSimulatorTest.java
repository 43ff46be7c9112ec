package io.qiao.kis;

import static io.qiao.kis.KisTestSupport.bill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import io.qiao.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Path A (user session) against the simulator, which checks KIS-Signature with its own implementation. */
class UserSessionSimulatorTest {
    private final ManualClock clock = ManualClock.startingNow();
    private final KisSimulator sim = KisSimulator.builder().clock(clock).tokenTtl(Duration.ofHours(2)).start();

    @AfterEach
    void stop() {
        sim.stop();
    }

    private KisClient client(String code) {
        KisSimulatorCredentials c = sim.credentials();
        return KisClient.builder().endpoint(sim.endpoint()).clock(clock).rateLimits(RateLimits.none())
                .retry(KisTestSupport.NO_WAIT)
                .sessionCredentials(KisSessionCredentials.builder().clientId(c.clientId())
                        .clientSecret(Secret.of(c.clientSecret())).authorizationCode(Secret.of(code))
                        .accountNumber("UE000001").productId("S1").icrmId("I1").build())
                .build();
    }

    @Test
    void session_createsBills_withAuthDataFromTheServiceGateway() {
        sim.addMaterial("SKU-A", "A", "PCS");
        KisClient kis = client(sim.credentials().authorizationCode());

        assertThat(kis.miscellaneousReceipts().create(bill("S-1", "SKU-A")).created()).isTrue();
        assertThat(kis.miscellaneousReceipts().create(bill("S-2", "SKU-A")).created()).isTrue();

        assertThat(sim.calls(KisOperation.OAUTH_ACCESS_TOKEN)).isEqualTo(1);
        assertThat(sim.calls(KisOperation.SERVICE_GATEWAY)).isEqualTo(1);
        assertThat(sim.signatureFailures()).isEmpty();
        assertThat(sim.billCount()).isEqualTo(2);
    }

    @Test
    void session_isRenewedWithRefreshAuthData_whenTheAccessTokenExpires() {
        KisClient kis = client(sim.credentials().authorizationCode());
        kis.miscellaneousReceipts().findByBillNo("x");

        clock.advance(Duration.ofHours(2));
        kis.miscellaneousReceipts().findByBillNo("x");

        assertThat(sim.calls(KisOperation.REFRESH_AUTH_DATA)).isEqualTo(1);
        assertThat(sim.calls(KisOperation.OAUTH_ACCESS_TOKEN)).isEqualTo(1); // the one-time code is not reused
        assertThat(sim.calls(KisOperation.LIST_RECEIPTS)).isEqualTo(2);
    }

    @Test
    void session_withAWrongCode_failsWithTheVendorsDescription() {
        assertThatThrownBy(() -> client("not-the-code").miscellaneousReceipts().findByBillNo("x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.vendorMessage()).contains("code"));
    }
}
