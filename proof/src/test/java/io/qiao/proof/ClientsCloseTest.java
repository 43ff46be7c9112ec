package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.client.HttpTransport;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.RateLimits;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.kis.KisClient;
import io.qiao.kis.KisGatewayCredentials;
import io.qiao.kis.model.MaterialQuery;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: every client is {@link AutoCloseable}; closing it (twice is fine) never closes a transport the user
 * passed in, which keeps working for others, and the closed client refuses further calls without sending them.
 */
@SuppressWarnings("removal") // the appKey/appSecret setters: the simulators' credentials come as plain strings
class ClientsCloseTest {
    private static final RetryOptions NO_RETRY = RetryOptions.disabled();

    /** The user's transport, shared with others: counts what reaches it and whether anyone closed it. */
    static final class SharedTransport implements HttpTransport, AutoCloseable {
        final JdkHttpTransport delegate = JdkHttpTransport.create();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public Response send(Request request) {
            sent.incrementAndGet();
            return delegate.send(request);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
            delegate.close();
        }
    }

    @Test
    void jushuitan_close_leavesTheUsersTransportOpenAndRefusesLaterCalls() {
        try (JushuitanSimulator sim = JushuitanSimulator.builder().documents(3).build().start()) {
            SharedTransport shared = new SharedTransport();
            JushuitanClient client = JushuitanClient.builder().endpoint(sim.endpoint())
                    .appKey(sim.credentials().appKey()).appSecret(Secret.of(sim.credentials().appSecret())).transport(shared).retry(NO_RETRY)
                    .rateLimits(RateLimits.none()).build();
            assertClosesLikeEveryClient(client, shared, () -> client.warehouses().list().stream().toList());
        }
    }

    @Test
    void jackyun_close_leavesTheUsersTransportOpenAndRefusesLaterCalls() {
        try (JackyunSimulator sim = JackyunSimulator.builder().build().start()) {
            SharedTransport shared = new SharedTransport();
            JackyunClient client = JackyunClient.builder().endpoint(sim.endpoint()).appKey(sim.credentials().appKey())
                    .appSecret(Secret.of(sim.credentials().appSecret())).transport(shared).retry(NO_RETRY)
                    .rateLimits(RateLimits.none()).build();
            assertClosesLikeEveryClient(client, shared,
                    () -> client.warehouses().list(WarehouseQuery.all()).stream().toList());
        }
    }

    @Test
    void kis_close_leavesTheUsersTransportOpenAndRefusesLaterCalls() {
        try (KisSimulator sim = KisSimulator.create().start()) {
            sim.addMaterial("SKU-1", "物料1", "PCS");
            KisSimulatorCredentials c = sim.credentials();
            SharedTransport shared = new SharedTransport();
            KisClient client = KisClient.builder().endpoint(sim.endpoint())
                    .gatewayCredentials(KisGatewayCredentials.of(c.clientId(), Secret.of(c.clientSecret()), c.appKey(),
                            Secret.of(c.appSecret()), c.routerAddress()))
                    .transport(shared).retry(NO_RETRY).rateLimits(RateLimits.none()).clock(sim.clock()).build();
            assertClosesLikeEveryClient(client, shared,
                    () -> client.materials().list(MaterialQuery.all()).stream().toList());
        }
    }

    @Test
    void archive_close_leavesTheUsersTransportOpenAndRefusesLaterCalls() {
        try (ArchiveSimulator sim = new ArchiveSimulator().start()) {
            SharedTransport shared = new SharedTransport();
            ArchiveClient client = ArchiveClient.builder().endpoint(sim.endpoint())
                    .appKey(sim.credentials().appKey()).appSecret(Secret.of(sim.credentials().appSecret()))
                    .transport(shared).retry(NO_RETRY).rateLimits(RateLimits.none()).build();
            assertClosesLikeEveryClient(client, shared, () -> client.archives()
                    .list(ArchiveQuery.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31))).stream().toList());
        }
    }

    @Test
    void archive_close_withTheDefaultTransport_refusesLaterCallsAndCanBeRepeated() {
        try (ArchiveSimulator sim = new ArchiveSimulator().start();
             ArchiveClient client = ArchiveClient.builder().endpoint(sim.endpoint())
                     .appKey(sim.credentials().appKey()).appSecret(Secret.of(sim.credentials().appSecret()))
                     .retry(NO_RETRY).rateLimits(RateLimits.none()).build()) {
            Runnable call = () -> client.archives()
                    .list(ArchiveQuery.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31))).stream().toList();
            call.run();
            client.close();
            assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        } // try-with-resources closes it a second time
    }

    private static void assertClosesLikeEveryClient(AutoCloseable client, SharedTransport shared, Runnable call) {
        call.run();
        int sentBeforeClose = shared.sent.get();
        assertThat(sentBeforeClose).isPositive();

        closeQuietly(client);
        closeQuietly(client);

        assertThat(shared.closed).as("the user's transport is the user's to close").hasValue(0);
        assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(shared.sent).as("nothing sent after close").hasValue(sentBeforeClose);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new AssertionError("close() failed", e);
        }
    }
}
