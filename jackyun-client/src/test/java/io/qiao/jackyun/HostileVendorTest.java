package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qiao.client.ApiException;
import io.qiao.client.Json;
import io.qiao.client.PagingException;
import io.qiao.client.PagingLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.jackyun.sync.JackyunSources;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.testkit.LogCapture;
import io.qiao.testkit.SecretLeaks;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A gateway that pages without end, or echoes the client's secret and token, against the simulator. */
class HostileVendorTest {
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);
    private static final LocalDateTime JUNE = LocalDateTime.of(2024, 6, 1, 0, 0);
    /** Only a safety net: without the guard the listing would never end; the assertions are on the exception. */
    private static final Duration SAFETY_NET = Duration.ofSeconds(60);
    private static final String ENDLESS = "吉客云 erp.warehouse.get page 2 repeated page 1's 10 records: the vendor "
            + "keeps answering a full page with the same data; listing stopped";
    private static final String TOKEN = "isv-token-7f3a9c2e5b1d";

    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(100).modifiedBetween(MAY, JUNE).build()));

    private static JackyunSimulator sim() {
        return JACKYUN.simulator();
    }

    @AfterEach
    void clearFaults() {
        sim().faults().clear();
    }

    @Test
    void warehouses_whenTheGatewayIgnoresPageIndexAndAnswersTheSameFullPageForEver_stopWithOneSentence() {
        sim().faults().every(1, JackyunFault.endlessPaging());
        JackyunClient client = SimulatorClients.client(sim()).build();

        assertThatThrownBy(() -> assertTimeoutPreemptively(SAFETY_NET, () -> client.warehouses()
                .list(WarehouseQuery.builder().pageSize(10).build()).forEach(w -> { })))
                .isInstanceOf(PagingException.class)
                .hasMessage(ENDLESS);
    }

    @Test
    void warehousesSource_whenTheGatewayPagesWithoutEnd_failsTheWindowWithThatSentence() {
        sim().faults().every(1, JackyunFault.endlessPaging());
        var job = SyncJob.builder("jackyun-endless")
                .source(JackyunSources.warehousesBuilder(SimulatorClients.client(sim()).build())
                        .query(WarehouseQuery.builder().pageSize(10).build()).build())
                .sink(InMemorySink.keyedBy(Warehouse::warehouseId)).checkpoints(new InMemoryCheckpointStore())
                .deadLetters(new InMemoryDeadLetterStore())
                .clock(Clock.fixed(JUNE.plusDays(1).atZone(Json.SHANGHAI).toInstant(), ZoneOffset.UTC)).build();

        SyncReport report = assertTimeoutPreemptively(SAFETY_NET, job::runOnce);

        assertThat(report.failed()).isTrue();
        assertThat(report.errorSummary()).contains(ENDLESS);
    }

    @Test
    void warehouses_moreDistinctPagesThanTheBuildersCap_stopAtTheCap() {
        JackyunClient client = SimulatorClients.client(sim())
                .pagingLimits(PagingLimits.builder().maxPagesPerWindow(3).build()).build();

        assertThatThrownBy(() -> client.warehouses().list(WarehouseQuery.builder().pageSize(10).build())
                .forEach(w -> { }))
                .isInstanceOf(PagingException.class)
                .hasMessageStartingWith("吉客云 erp.warehouse.get page 4: more than 3 pages in one window");
    }

    @Test
    void aGatewayErrorEchoingTheAppSecretAndTheToken_reachesNoMessageToStringVendorMessageOrLog() {
        JackyunClient client = SimulatorClients.client(sim()).token(Secret.of(TOKEN))
                .retry(RetryOptions.disabled()).build();
        sim().faults().next(JackyunFault.echoingSecrets(), 1);

        ApiException e;
        String log;
        try (LogCapture logs = LogCapture.debug("io.qiao")) {
            e = catchThrowableOfType(() -> client.warehouses().list().forEach(w -> { }), ApiException.class);
            log = logs.text();
        }

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(e.vendorMessage()).contains("签名错误: app secret ******");
        assertThat(log).contains("<-- erp.warehouse.get");
        List<String> secrets = List.of(sim().appSecret(), TOKEN);
        SecretLeaks.assertNone("getMessage()", e.getMessage(), secrets);
        SecretLeaks.assertNone("toString()", e.toString(), secrets);
        SecretLeaks.assertNone("vendorMessage()", e.vendorMessage(), secrets);
        SecretLeaks.assertNone("the stack trace", trace.toString(), secrets);
        SecretLeaks.assertNone("the log", log, secrets);
    }
}
