package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.testkit.jackyun.JackyunSimulator;
import org.junit.jupiter.api.Test;

class JackyunCredentialsTest {
    @Test
    @SuppressWarnings("removal")
    void credentials_signTheSameRequestsAsTheDeprecatedSetters() {
        // The simulator checks appkey and the sign made with the secret: an answered call was signed right.
        try (JackyunSimulator sim = JackyunSimulator.builder().build().start()) {
            JackyunClient viaCredentials = JackyunClient.builder().endpoint(sim.endpoint())
                    .credentials(JackyunCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                    .rateLimits(RateLimits.none()).build();
            JackyunClient viaSetters = JackyunClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                    .appSecret(Secret.of(sim.appSecret())).rateLimits(RateLimits.none()).build();

            long viaCredentialsCount = viaCredentials.warehouses().list().stream().count();
            long viaSettersCount = viaSetters.warehouses().list().stream().count();

            assertThat(viaCredentialsCount).isPositive().isEqualTo(viaSettersCount);
            assertThat(sim.rejectedCount()).isZero();
            assertThat(sim.recentRequests()).isNotEmpty()
                    .allSatisfy(form -> assertThat(form).containsEntry("appkey", sim.appKey()));
        }
    }

    @Test
    void credentials_withAWrongSecret_areRefusedByTheVendor() {
        try (JackyunSimulator sim = JackyunSimulator.builder().build().start()) {
            JackyunClient client = JackyunClient.builder().endpoint(sim.endpoint())
                    .credentials(JackyunCredentials.of(sim.appKey(), "not-the-secret"))
                    .rateLimits(RateLimits.none()).build();

            assertThatThrownBy(() -> client.warehouses().list().stream().count())
                    .hasMessageNotContaining("not-the-secret");
            assertThat(sim.rejectedCount()).isPositive();
        }
    }

    @Test
    void build_withoutCredentials_failsSayingHowToGiveThem() {
        assertThatThrownBy(() -> JackyunClient.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("credentials are required: call credentials(JackyunCredentials.of(appKey, "
                        + "appSecret))");
    }

    @Test
    @SuppressWarnings("removal")
    void build_withOnlyTheDeprecatedAppKey_failsNamingTheMissingSecret() {
        assertThatThrownBy(() -> JackyunClient.builder().appKey("k").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("credentials are incomplete (appSecret not set): "
                        + "call credentials(JackyunCredentials.of(appKey, appSecret))");
    }

    @Test
    void of_withABlankPart_failsNamingTheField() {
        assertThatThrownBy(() -> JackyunCredentials.of(" ", Secret.of("s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("appKey must not be blank");
        assertThatThrownBy(() -> JackyunCredentials.of("k", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("appSecret must not be blank");
    }

    @Test
    void toString_masksTheSecret_alsoInTheClient() {
        JackyunCredentials c = JackyunCredentials.of("the-key", "s3cr3t-app");

        assertThat(c.toString()).contains("the-key").doesNotContain("s3cr3t");
        assertThat(JackyunClient.builder().credentials(c).build().toString()).contains("the-key")
                .doesNotContain("s3cr3t");
    }
}
