package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qiao.client.ApiException;
import io.qiao.client.Json;
import io.qiao.client.PagingException;
import io.qiao.client.PagingLimits;
import io.qiao.client.RateLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.sync.JushuitanSources;
import io.qiao.jushuitan.sync.OtherInOutSource;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.testkit.LogCapture;
import io.qiao.testkit.SecretLeaks;
import io.qiao.testkit.jushuitan.JushuitanFault;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A vendor that pages without end, or echoes the client's secret and token, against the simulator. */
class HostileVendorTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b
            .documents(400).limitsEnforced(false));

    /** Only a safety net: without the guard the listing would never end; the assertions are on the exception. */
    private static final Duration SAFETY_NET = Duration.ofSeconds(60);
    private static final String ENDLESS = "聚水潭 /open/other/inout/query page 2 repeated page 1's 50 records: the "
            + "vendor keeps answering has_next=true with the same data; listing stopped";

    private static JushuitanClient.Builder clientFor(JushuitanSimulator sim) {
        return JushuitanClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).rateLimits(RateLimits.none())
                .retry(RetryOptions.builder().baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5)).build());
    }

    private static OtherInOutQuery whole(JushuitanSimulator sim) {
        return OtherInOutQuery.builder().modifiedBetween(sim.dataSet().start(), sim.dataSet().end()).build();
    }

    @Test
    void list_whenTheVendorAnswersHasNextWithTheSameRowsForEver_stopsWithOneSentenceNamingVendorOperationPageAndWhy(
            JushuitanSimulator sim) {
        sim.faults().every(1, JushuitanFault.endlessPaging());
        JushuitanClient client = clientFor(sim).build();

        assertThatThrownBy(() -> assertTimeoutPreemptively(SAFETY_NET,
                () -> client.otherInOuts().list(whole(sim)).forEach(d -> { })))
                .isInstanceOf(PagingException.class)
                .hasMessage(ENDLESS);
        assertThat(sim.requestCount("/open/other/inout/query")).isEqualTo(2);
    }

    @Test
    void otherInOutSource_whenTheVendorPagesWithoutEnd_failsTheWindowWithThatSentence(JushuitanSimulator sim) {
        sim.faults().every(1, JushuitanFault.endlessPaging());
        OtherInOutSource source = JushuitanSources.otherInOutBuilder(clientFor(sim).build())
                .initialWatermark(sim.dataSet().start().atZone(Json.SHANGHAI).toInstant()).build();
        var job = SyncJob.builder("jst-endless").source(source)
                .sink(InMemorySink.keyedBy(OtherInOut::ioId)).checkpoints(new InMemoryCheckpointStore())
                .deadLetters(new InMemoryDeadLetterStore()).keyOf(JushuitanSources::keyOf)
                .clock(Clock.fixed(sim.dataSet().end().plusHours(1).atZone(Json.SHANGHAI).toInstant(), ZoneOffset.UTC))
                .build();

        SyncReport report = assertTimeoutPreemptively(SAFETY_NET, job::runOnce);

        assertThat(report.failed()).isTrue();
        assertThat(report.errorSummary()).contains(ENDLESS);
    }

    @Test
    void list_moreDistinctPagesInAWindowThanTheBuildersCap_stopsAtTheCap(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim).pagingLimits(PagingLimits.builder().maxPagesPerWindow(1).build())
                .build();

        assertThatThrownBy(() -> client.otherInOuts().list(whole(sim)).forEach(d -> { }))
                .isInstanceOf(PagingException.class)
                .hasMessageStartingWith("聚水潭 /open/other/inout/query page 2: more than 1 pages in one window");
    }

    @Test
    void aVendorErrorEchoingTheAppSecretAndTheAccessToken_reachesNoMessageToStringVendorMessageOrLog(
            JushuitanSimulator sim) {
        TokenStore store = TokenStore.inMemory();
        JushuitanClient client = clientFor(sim).tokenStore(store).retry(RetryOptions.disabled()).build();
        client.warehouses().list().forEach(w -> { }); // obtains a token at run time
        String token = store.load(sim.appKey()).orElseThrow().accessToken().reveal();
        sim.faults().next("/open/other/inout/query", JushuitanFault.echoingSecrets(), 1);

        ApiException e;
        String log;
        try (LogCapture logs = LogCapture.debug("io.qiao")) {
            e = catchThrowableOfType(() -> client.otherInOuts().list(whole(sim)).forEach(d -> { }), ApiException.class);
            log = logs.text();
        }

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(e.vendorMessage()).contains("签名不对: app secret ******");
        assertThat(log).contains("<-- /open/other/inout/query");
        List<String> secrets = List.of(sim.appSecret(), token);
        SecretLeaks.assertNone("getMessage()", e.getMessage(), secrets);
        SecretLeaks.assertNone("toString()", e.toString(), secrets);
        SecretLeaks.assertNone("vendorMessage()", e.vendorMessage(), secrets);
        SecretLeaks.assertNone("the stack trace", trace.toString(), secrets);
        SecretLeaks.assertNone("the log", log, secrets);
    }
}
