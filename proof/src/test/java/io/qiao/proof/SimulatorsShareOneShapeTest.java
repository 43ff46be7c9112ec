package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.archive.model.ArchiveRecord;
import io.qiao.client.RateLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.kis.KisClient;
import io.qiao.kis.KisGatewayCredentials;
import io.qiao.kis.model.MaterialQuery;
import io.qiao.testkit.SimulatorServer;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSimulatorCredentials;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorCredentials;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorCredentials;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: every simulator is a {@link SimulatorServer}; a client built from nothing but its {@code endpoint()} and
 * {@code credentials()} makes a successful call; {@code close()} stops it, so the same call then fails.
 */
class SimulatorsShareOneShapeTest {
    private static final RetryOptions NO_RETRY = RetryOptions.disabled();

    @Test
    void jackyun_clientFromEndpointAndCredentials_callsSuccessfully_untilClosed() {
        JackyunSimulator sim = JackyunSimulator.builder()
                .dataSet(JackyunDataSet.builder().warehouses(3).build()).build().start();
        assertLoopback(sim);
        JackyunSimulatorCredentials c = sim.credentials();
        JackyunClient client = JackyunClient.builder().endpoint(sim.endpoint()).appKey(c.appKey())
                .appSecret(Secret.of(c.appSecret())).retry(NO_RETRY).rateLimits(RateLimits.none()).build();
        Runnable call = () -> assertThat(client.warehouses().list(WarehouseQuery.all()).stream().toList()).hasSize(3);

        call.run();
        sim.close();
        assertStoppedAndRefusing(sim, call);
    }

    @Test
    void jushuitan_clientFromEndpointAndCredentials_callsSuccessfully_untilClosed() {
        JushuitanSimulator sim = JushuitanSimulator.builder().documents(10).build().start();
        assertLoopback(sim);
        JushuitanSimulatorCredentials c = sim.credentials();
        JushuitanClient client = JushuitanClient.builder().endpoint(sim.endpoint()).appKey(c.appKey())
                .appSecret(Secret.of(c.appSecret())).retry(NO_RETRY).rateLimits(RateLimits.none()).build();
        Runnable call = () -> assertThat(client.warehouses().list().stream().toList()).isNotEmpty();

        call.run();
        sim.close();
        assertStoppedAndRefusing(sim, call);
    }

    @Test
    void kis_clientFromEndpointAndCredentials_callsSuccessfully_untilClosed() {
        KisSimulator sim = KisSimulator.create().start();
        sim.addMaterial("SKU-1", "物料1", "PCS");
        assertLoopback(sim);
        KisSimulatorCredentials c = sim.credentials();
        KisClient client = KisClient.builder().endpoint(sim.endpoint())
                .gatewayCredentials(KisGatewayCredentials.of(c.clientId(), Secret.of(c.clientSecret()), c.appKey(),
                        Secret.of(c.appSecret()), c.routerAddress()))
                .retry(NO_RETRY).rateLimits(RateLimits.none()).clock(sim.clock()).build();
        Runnable call = () -> assertThat(client.materials().list(MaterialQuery.all()).stream().toList()).hasSize(1);

        call.run();
        sim.close();
        assertStoppedAndRefusing(sim, call);
    }

    @Test
    void archive_clientFromEndpointAndCredentials_callsSuccessfully_untilClosed() {
        ArchiveSimulator sim = new ArchiveSimulator().start();
        sim.seedRecord(Map.of("archiveNo", "F-1", "docDate", "2024-03-01", "title", "题名"));
        assertLoopback(sim);
        ArchiveSimulatorCredentials c = sim.credentials();
        ArchiveClient client = ArchiveClient.builder().endpoint(sim.endpoint()).appKey(c.appKey())
                .appSecret(Secret.of(c.appSecret())).retry(NO_RETRY).rateLimits(RateLimits.none()).build();
        Runnable call = () -> {
            List<ArchiveRecord> found = client.archives()
                    .list(ArchiveQuery.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31))).stream().toList();
            assertThat(found).hasSize(1);
        };

        call.run();
        sim.close();
        assertStoppedAndRefusing(sim, call);
    }

    @Test
    void simulatorCredentials_neverShowTheirSecretsInToString() {
        assertThat(new JackyunSimulatorCredentials("k", "s3cret-a", "t0ken-b").toString())
                .contains("k").doesNotContain("s3cret-a").doesNotContain("t0ken-b");
        assertThat(new JushuitanSimulatorCredentials("k", "s3cret-a", "c0de-b").toString())
                .contains("k").doesNotContain("s3cret-a").doesNotContain("c0de-b");
        assertThat(new ArchiveSimulatorCredentials("k", "s3cret-a").toString())
                .contains("k").doesNotContain("s3cret-a");
    }

    private static void assertLoopback(SimulatorServer sim) {
        try {
            assertThat(InetAddress.getByName(sim.endpoint().getHost()).isLoopbackAddress())
                    .as(sim + " endpoint " + sim.endpoint()).isTrue();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertStoppedAndRefusing(SimulatorServer sim, Runnable call) {
        assertThat(sim.isRunning()).as(sim + " after close()").isFalse();
        assertThatThrownBy(call::run).as("a call after close()").isNotInstanceOf(AssertionError.class);
    }
}
