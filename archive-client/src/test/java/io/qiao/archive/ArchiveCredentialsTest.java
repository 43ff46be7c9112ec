package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.archive.model.ArchiveQuery;
import io.qiao.client.Secret;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSimulatorExtension;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArchiveCredentialsTest {
    @RegisterExtension
    static ArchiveSimulatorExtension archive = new ArchiveSimulatorExtension();

    private static final ArchiveQuery MARCH = ArchiveQuery.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));

    @Test
    void credentials_obtainATokenAndQueryLikeTheDeprecatedSetters() {
        // The simulator issues a token only for its own app key and secret, and answers a query only with that token.
        ArchiveSimulator sim = archive.simulator();
        ArchiveClient viaCredentials = ArchiveClient.builder().endpoint(sim.endpoint())
                .credentials(ArchiveCredentials.of(sim.appKey(), Secret.of(sim.appSecret()))).build();
        long viaCredentialsCount = viaCredentials.archives().list(MARCH).stream().count();
        assertThat(sim.tokensIssued()).isEqualTo(1);

        @SuppressWarnings("removal")
        ArchiveClient viaSetters = ArchiveClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).build();
        long viaSettersCount = viaSetters.archives().list(MARCH).stream().count();

        assertThat(sim.tokensIssued()).isEqualTo(2);
        assertThat(viaCredentialsCount).isEqualTo(viaSettersCount);
        assertThat(viaCredentials.toString()).isEqualTo(viaSetters.toString());
    }

    @Test
    void credentials_withAWrongSecret_areRefusedByTheArchiveSystem() {
        ArchiveSimulator sim = archive.simulator();
        ArchiveClient client = ArchiveClient.builder().endpoint(sim.endpoint())
                .credentials(ArchiveCredentials.of(sim.appKey(), "not-the-secret")).build();

        assertThatThrownBy(() -> client.archives().list(MARCH).stream().count())
                .hasMessageContaining("check appKey and appSecret").hasMessageNotContaining("not-the-secret");
        assertThat(sim.tokensIssued()).isZero();
    }

    @Test
    void build_withoutCredentials_failsSayingHowToGiveThem() {
        assertThatThrownBy(() -> ArchiveClient.builder().endpoint("https://archive.example.com").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("credentials are required: call credentials(ArchiveCredentials.of(appKey, appSecret))");
    }

    @Test
    @SuppressWarnings("removal")
    void build_withOnlyTheDeprecatedAppKey_failsNamingTheMissingSecret() {
        assertThatThrownBy(() -> ArchiveClient.builder().endpoint("https://archive.example.com").appKey("k").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("credentials are incomplete (appSecret not set): "
                        + "call credentials(ArchiveCredentials.of(appKey, appSecret))");
    }

    @Test
    void of_withABlankPart_failsNamingTheField() {
        assertThatThrownBy(() -> ArchiveCredentials.of(" ", Secret.of("s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("appKey must not be blank");
        assertThatThrownBy(() -> ArchiveCredentials.of("k", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("appSecret must not be blank");
        assertThat(ArchiveCredentials.of(" k ", "s").appKey()).isEqualTo("k");
    }

    @Test
    void toString_masksTheSecret_alsoInTheClientAndItsDerivedBuilder() {
        ArchiveCredentials c = ArchiveCredentials.of("the-key", Secret.of("s3cr3t-app"));
        ArchiveClient client = ArchiveClient.builder().endpoint("https://archive.example.com").credentials(c).build();

        assertThat(c.toString()).contains("the-key").doesNotContain("s3cr3t");
        assertThat(client.toString()).contains("the-key").doesNotContain("s3cr3t");
        assertThat(client.newBuilder().build().toString()).isEqualTo(client.toString());
    }
}
