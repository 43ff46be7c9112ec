package io.qiao.kis;

import static io.qiao.kis.KisTestSupport.bill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.testkit.ManualClock;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link KisCredentials} against the simulator, which checks app_signature and X-Api-Signature itself. */
class KisCredentialsTest {
    private final ManualClock clock = ManualClock.startingNow();
    private final KisSimulator sim = KisSimulator.builder().clock(clock).tokenTtl(Duration.ofHours(2)).start();

    @AfterEach
    void stop() {
        sim.stop();
    }

    private KisClient.Builder base() {
        return KisClient.builder().endpoint(sim.endpoint()).clock(clock).rateLimits(RateLimits.none())
                .retry(KisTestSupport.NO_WAIT);
    }

    private KisGatewayCredentials gateway() {
        KisSimulatorCredentials c = sim.credentials();
        return KisCredentials.gateway(c.clientId(), Secret.of(c.clientSecret()), c.appKey(), Secret.of(c.appSecret()),
                c.routerAddress());
    }

    @Test
    @SuppressWarnings("removal")
    void gatewayCredentials_signTheSameRequestsAsTheDeprecatedSetter() {
        sim.addMaterial("SKU-A", "A", "PCS");
        KisClient viaCredentials = base().credentials(gateway()).build();
        KisClient viaSetter = base().gatewayCredentials(gateway()).build();

        assertThat(viaCredentials.miscellaneousReceipts().create(bill("G-1", "SKU-A")).created()).isTrue();
        assertThat(viaSetter.miscellaneousReceipts().create(bill("G-2", "SKU-A")).created()).isTrue();

        assertThat(sim.signatureFailures()).isEmpty();
        assertThat(sim.tokensIssued()).isEqualTo(2);
        assertThat(sim.billCount()).isEqualTo(2);
    }

    @Test
    void sessionCredentials_fromTheFactory_createBills() {
        sim.addMaterial("SKU-A", "A", "PCS");
        KisSimulatorCredentials c = sim.credentials();
        KisClient kis = base().credentials(KisCredentials.sessionBuilder().clientId(c.clientId())
                .clientSecret(Secret.of(c.clientSecret())).authorizationCode(Secret.of(c.authorizationCode()))
                .accountNumber("UE000001").productId("S1").icrmId("I1").build()).build();

        assertThat(kis.miscellaneousReceipts().create(bill("S-1", "SKU-A")).created()).isTrue();
        assertThat(sim.calls(KisOperation.OAUTH_ACCESS_TOKEN)).isEqualTo(1);
        assertThat(sim.signatureFailures()).isEmpty();
    }

    @Test
    void credentials_replaceTheOtherFlow() {
        KisSimulatorCredentials c = sim.credentials();
        KisSessionCredentials session = KisCredentials.sessionBuilder().clientId(c.clientId())
                .clientSecret(Secret.of(c.clientSecret())).authorizationCode(Secret.of("not-the-code"))
                .accountNumber("UE000001").productId("S1").icrmId("I1").build();
        KisClient kis = base().credentials(session).credentials(gateway()).build();

        assertThat(kis.miscellaneousReceipts().findByBillNo("none")).isEmpty();
        assertThat(sim.calls(KisOperation.OAUTH_ACCESS_TOKEN)).isZero();
        assertThat(sim.tokensIssued()).isEqualTo(1);
    }

    @Test
    void build_withoutCredentials_failsSayingHowToGiveThem() {
        assertThatThrownBy(() -> KisClient.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("credentials are required: call credentials(KisCredentials.gateway(clientId, "
                        + "clientSecret, appKey, appSecret, routerAddress))");
    }

    @Test
    void factories_withABlankPart_failNamingTheField() {
        assertThatThrownBy(() -> KisCredentials.gateway(" ", Secret.of("s"), "k", Secret.of("s"), "r"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing clientId");
        assertThatThrownBy(() -> KisCredentials.sessionBuilder().clientId("c").clientSecret(Secret.of("s"))
                .authorizationCode(Secret.of("code")).accountNumber("a").productId(" ").icrmId("i").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing productId");
    }

    @Test
    void toString_masksEverySecret_alsoInTheClient() {
        KisGatewayCredentials g = KisCredentials.gateway("cid", Secret.of("s3cr3t-client"), "akey",
                Secret.of("s3cr3t-app"), "router");
        KisSessionCredentials s = KisCredentials.sessionBuilder().clientId("cid").clientSecret(Secret.of("s3cr3t-c"))
                .authorizationCode(Secret.of("s3cr3t-code")).accountNumber("a").productId("p").icrmId("i").build();

        for (KisCredentials c : new KisCredentials[] {g, s}) {
            assertThat(c.toString()).contains("cid").doesNotContain("s3cr3t");
            assertThat(KisClient.builder().credentials(c).build().toString()).contains("cid").doesNotContain("s3cr3t");
        }
    }
}
