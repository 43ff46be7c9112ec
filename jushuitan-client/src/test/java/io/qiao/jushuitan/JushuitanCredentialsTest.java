package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JushuitanCredentialsTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b
            .documents(10).limitsEnforced(false));

    @Test
    void credentials_signTheSameRequestsAsTheDeprecatedSetters(JushuitanSimulator sim) {
        // The simulator checks app_key and the signature made with the app secret: a call it answers was signed right.
        JushuitanClient viaCredentials = JushuitanClient.builder().endpoint(sim.endpoint())
                .credentials(JushuitanCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                .rateLimits(RateLimits.none()).build();
        long viaCredentialsCount = viaCredentials.warehouses().list().stream().count();
        long requestsViaCredentials = sim.requestCount();
        sim.reset();

        @SuppressWarnings("removal")
        JushuitanClient viaSetters = JushuitanClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).rateLimits(RateLimits.none()).build();
        long viaSettersCount = viaSetters.warehouses().list().stream().count();

        assertThat(viaCredentialsCount).isPositive().isEqualTo(viaSettersCount);
        assertThat(requestsViaCredentials).isEqualTo(sim.requestCount());
        assertThat(viaCredentials.appKey()).isEqualTo(sim.appKey()).isEqualTo(viaSetters.appKey());
    }

    @Test
    void credentials_withAWrongSecret_areRefusedByTheVendor(JushuitanSimulator sim) {
        JushuitanClient client = JushuitanClient.builder().endpoint(sim.endpoint())
                .credentials(JushuitanCredentials.of(sim.appKey(), "not-the-secret"))
                .rateLimits(RateLimits.none()).build();

        assertThatThrownBy(() -> client.warehouses().list().stream().count())
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void build_withoutCredentials_failsSayingHowToGiveThem() {
        assertThatThrownBy(() -> JushuitanClient.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("credentials are required: call credentials(JushuitanCredentials.of(appKey, appSecret))");
    }

    @Test
    @SuppressWarnings("removal")
    void build_withOnlyTheDeprecatedAppKey_failsNamingTheMissingSecret() {
        assertThatThrownBy(() -> JushuitanClient.builder().appKey("k").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appSecret not set")
                .hasMessageContaining("credentials(JushuitanCredentials.of(appKey, appSecret))");
    }

    @Test
    void of_withABlankPart_failsNamingTheField() {
        assertThatThrownBy(() -> JushuitanCredentials.of(" ", Secret.of("s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("appKey must not be blank");
        assertThatThrownBy(() -> JushuitanCredentials.of("k", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("appSecret must not be blank");
        assertThatThrownBy(() -> JushuitanCredentials.builder().appKey("k").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("appSecret is missing");
    }

    @Test
    void toString_masksEverySecret_alsoInTheClient() {
        JushuitanCredentials c = JushuitanCredentials.builder().appKey("the-key").appSecret(Secret.of("s3cr3t-app"))
                .accessToken(Secret.of("s3cr3t-token")).build();
        JushuitanClient client = JushuitanClient.builder().credentials(c).build();

        assertThat(c.toString()).contains("the-key").doesNotContain("s3cr3t");
        assertThat(client.toString()).contains("the-key").doesNotContain("s3cr3t");
        assertThat(c.accessToken()).contains(Secret.of("s3cr3t-token"));
    }
}
