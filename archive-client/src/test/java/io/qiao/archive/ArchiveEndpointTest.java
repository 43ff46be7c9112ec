package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.archive.model.ArchiveQuery;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSimulatorExtension;
import java.net.URI;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The archive client's address is {@code endpoint}, the name the other three clients use (issue 15). */
class ArchiveEndpointTest {
    @RegisterExtension
    static ArchiveSimulatorExtension archive = new ArchiveSimulatorExtension();

    private static final ArchiveQuery MARCH = ArchiveQuery.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));
    private static final ArchiveCredentials CREDENTIALS = ArchiveCredentials.of("k", "s");

    @Test
    void endpoint_fromASimulator_reachesItAndIsReportedBack() {
        ArchiveSimulator sim = archive.simulator();
        ArchiveClient client = ArchiveClient.builder().endpoint(sim.endpoint())
                .credentials(ArchiveCredentials.of(sim.appKey(), sim.appSecret())).build();

        client.archives().list(MARCH).stream().count();

        assertThat(sim.tokensIssued()).isEqualTo(1);
        assertThat(client.endpoint()).isEqualTo(URI.create(sim.endpoint() + "/"));
        assertThat(client.toString()).contains(client.endpoint().toString());
    }

    @Test
    @SuppressWarnings("removal")
    void deprecatedQueryVerb_listsTheSameRecordsAsList() {
        ArchiveSimulator sim = archive.simulator();
        sim.seedRecord(java.util.Map.of("archiveNo", "Q-1", "docDate", "2024-03-02", "title", "t"));
        ArchiveClient client = ArchiveClient.builder().endpoint(sim.endpoint())
                .credentials(ArchiveCredentials.of(sim.appKey(), sim.appSecret())).build();

        assertThat(client.archives().query(MARCH).stream().toList())
                .isEqualTo(client.archives().list(MARCH).stream().toList()).isNotEmpty();
    }

    @Test
    void endpoint_asString_isStrippedAndGetsTheTrailingSlashThePathsResolveAgainst() {
        ArchiveClient client = ArchiveClient.builder().endpoint("  https://archive.example.com/da  ")
                .credentials(CREDENTIALS).build();

        assertThat(client.endpoint()).isEqualTo(URI.create("https://archive.example.com/da/"));
        assertThat(client.resolve("api/auth/token")).isEqualTo(URI.create("https://archive.example.com/da/api/auth/token"));
    }

    @Test
    void endpoint_thatIsNotAnHttpUrl_isRefusedNamingEndpoint() {
        assertThatThrownBy(() -> ArchiveClient.builder().endpoint("ftp://archive.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint 'ftp://archive.example.com' must be an http(s) URL with a host");
        assertThatThrownBy(() -> ArchiveClient.builder().endpoint(URI.create("archive.example.com")))
                .hasMessageStartingWith("endpoint 'archive.example.com' must be an http(s) URL");
        assertThatThrownBy(() -> ArchiveClient.builder().endpoint("https://archive example.com"))
                .hasMessageStartingWith("endpoint 'https://archive example.com' is not a URL");
        assertThatThrownBy(() -> ArchiveClient.builder().endpoint((String) null)).hasMessage("endpoint");
    }

    @Test
    void build_withoutEndpoint_saysToCallEndpoint() {
        assertThatThrownBy(() -> ArchiveClient.builder().credentials(CREDENTIALS).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("endpoint is required: call endpoint(\"https://archive.example.com\")");
    }

    @Test
    @SuppressWarnings("removal")
    void deprecatedBaseUrl_setsTheSameEndpoint() {
        ArchiveClient viaEndpoint = ArchiveClient.builder().endpoint("https://archive.example.com").credentials(CREDENTIALS)
                .build();
        ArchiveClient viaBaseUrlString = ArchiveClient.builder().baseUrl("https://archive.example.com")
                .credentials(CREDENTIALS).build();
        ArchiveClient viaBaseUrlUri = ArchiveClient.builder().baseUrl(URI.create("https://archive.example.com"))
                .credentials(CREDENTIALS).build();

        assertThat(viaBaseUrlString.endpoint()).isEqualTo(viaEndpoint.endpoint());
        assertThat(viaBaseUrlUri.endpoint()).isEqualTo(viaEndpoint.endpoint());
        assertThat(viaBaseUrlUri.baseUrl()).isEqualTo(viaEndpoint.endpoint());
        assertThatThrownBy(() -> ArchiveClient.builder().baseUrl("ftp://x")).hasMessageContaining("http(s)");
    }

    @Test
    void newBuilder_keepsTheEndpoint() {
        ArchiveClient client = ArchiveClient.builder().endpoint("https://archive.example.com").credentials(CREDENTIALS)
                .build();

        assertThat(client.newBuilder().build().endpoint()).isEqualTo(client.endpoint());
    }
}
