package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qiao.client.ApiException;
import io.qiao.client.Secret;
import io.qiao.client.TransportException;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fault the simulator injects ends as a retry that succeeds, or as a clear exception once retries run out. */
class JackyunSimulatorFaultsTest {
    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(30).build()));

    private static JackyunSimulator sim() {
        return JACKYUN.simulator();
    }

    private static List<Warehouse> listAll(JackyunClient client) {
        return client.warehouses().list(WarehouseQuery.builder().pageSize(200).build()).stream().toList();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("throttled", JackyunFault.throttled()),
                Arguments.of("HTTP 503", JackyunFault.httpStatus(503)),
                Arguments.of("HTTP 500", JackyunFault.httpStatus(500)),
                Arguments.of("HTTP 429", JackyunFault.httpStatus(429)),
                Arguments.of("busy/unknown subCode", JackyunFault.subCode("0130020001", "未知错误")),
                Arguments.of("slow", JackyunFault.slow(Duration.ofSeconds(4))),
                Arguments.of("connection reset", JackyunFault.connectionReset()),
                Arguments.of("empty response", JackyunFault.emptyResponse()),
                Arguments.of("malformed JSON", JackyunFault.malformedJson()),
                Arguments.of("data as string", JackyunFault.dataAsString()));
    }

    @ParameterizedTest(name = "{0} once -> retried to success")
    @MethodSource("faults")
    void list_afterOneFault_retriesAndReturnsEverything(String name, JackyunFault fault) {
        sim().faults().next(fault, 1);

        // a timeout well below the slow fault's delay, well above a normal answer on a busy machine
        List<Warehouse> all = listAll(SimulatorClients.client(sim(), Duration.ofMillis(1500)).build());

        assertThat(all).hasSize(30);
        assertThat(sim().faultCount()).isEqualTo(1);
    }

    @Test
    void list_fromManyThreadsWithPeriodicFaults_everyThreadGetsEverything() throws Exception {
        // a throttled call whose every retry also lands on a third request is possible with 4 threads: allow many attempts
        JackyunClient client = SimulatorClients.client(sim()).retry(TestClients.fastRetry(12)).build();
        sim().faults().every(3, JackyunFault.throttled());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> client.warehouses().list(WarehouseQuery.builder().pageSize(7).build())
                        .stream().toList().size()));
            }
            for (java.util.concurrent.Future<Integer> run : runs) {
                assertThat(run.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(30);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim().faultCount()).isEqualTo(sim().requestCount() / 3);
    }

    @Test
    void list_whenThrottlingPersists_endsAsThrottledApiException() {
        sim().faults().next(JackyunFault.throttled(), 10);

        ApiException e = catchThrowableOfType(ApiException.class, () -> listAll(SimulatorClients.client(sim()).build()));

        assertThat(e.vendorCode()).isEqualTo("0859999999");
        assertThat(e.isThrottled()).isTrue();
        assertThat(e.requestId()).isPresent();
        assertThat(sim().requestCount()).isEqualTo(3);
    }

    @Test
    void list_whenServerErrorsPersist_endsAsRetryableApiExceptionWithStatus() {
        sim().faults().next(JackyunFault.httpStatus(503), 10);

        ApiException e = catchThrowableOfType(ApiException.class, () -> listAll(SimulatorClients.client(sim()).build()));

        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("erp.warehouse.get", "503");
    }

    @Test
    void list_whenBodiesStayMalformed_endsAsApiExceptionNamingTheProblem() {
        sim().faults().next(JackyunFault.malformedJson(), 10);

        ApiException e = catchThrowableOfType(ApiException.class, () -> listAll(SimulatorClients.client(sim()).build()));

        assertThat(e.getMessage()).contains("not a Jackyun JSON envelope");
    }

    @Test
    void list_whenConnectionsKeepResetting_endsAsTransportException() {
        sim().faults().next(JackyunFault.connectionReset(), 10);

        TransportException e = catchThrowableOfType(TransportException.class,
                () -> listAll(SimulatorClients.client(sim()).build()));

        assertThat(e.getMessage()).contains("erp.warehouse.get");
        assertThat(sim().requestCount()).isEqualTo(3);
    }

    @Test
    void list_withWrongSecret_failsOnceWithSignatureError() {
        JackyunClient client = SimulatorClients.client(sim())
                .credentials(JackyunCredentials.of(sim().appKey(), Secret.of("wrong-secret"))).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> listAll(client));

        assertThat(e.vendorCode()).isEqualTo(JackyunSubCodes.SIGNATURE_ERROR);
        assertThat(e.vendorMessage()).isEqualTo("签名错误");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).doesNotContain("wrong-secret");
        assertThat(sim().requestCount()).isEqualTo(1);
    }

    @Test
    void list_withUnknownAppKey_failsWithAppKeyError() {
        JackyunClient client = SimulatorClients.client(sim())
                .credentials(JackyunCredentials.of("nobody", Secret.of(sim().appSecret()))).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> listAll(client));

        assertThat(e.vendorCode()).isEqualTo(JackyunSubCodes.APPKEY_UNKNOWN);
    }

    @Test
    void list_fromAHostInAnotherZone_stillSendsBeijingTime() {
        JackyunClient client = SimulatorClients.client(sim()).clock(Clock.system(ZoneId.of("America/New_York"))).build();

        assertThat(listAll(client)).hasSize(30); // the simulator refuses timestamps more than 10 minutes off
    }

    @Test
    void call_unmodelledMethod_isNotSubscribed() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> SimulatorClients.client(sim()).build().call("erp.sales.get", "{}", true));

        assertThat(e.vendorCode()).isEqualTo(JackyunSubCodes.API_NOT_SUBSCRIBED);
        assertThat(e.getMessage()).contains("subscribe");
    }
}
