package io.qiao.kis;

import static io.qiao.kis.KisTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qiao.client.ApiException;
import io.qiao.client.PagingException;
import io.qiao.client.PagingLimits;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.client.RetryOptions;
import io.qiao.kis.model.MaterialQuery;
import io.qiao.kis.model.MiscellaneousReceiptQuery;
import io.qiao.testkit.LogCapture;
import io.qiao.testkit.SecretLeaks;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import io.qiao.testkit.kis.KisSimulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A KIS server that pages without end, or echoes the client's secrets and token, against the simulator. */
class HostileVendorTest {
    @RegisterExtension
    static final KisSimulatorExtension KIS = new KisSimulatorExtension();

    /** Only a safety net: without the guard the listing would never end; the assertions are on the exception. */
    private static final Duration SAFETY_NET = Duration.ofSeconds(60);

    @BeforeEach
    void catalogue() {
        KisSimulator sim = KIS.simulator();
        sim.clearMaterials();
        for (int i = 0; i < 25; i++) {
            sim.addMaterial("SKU-" + i, "商品" + i, "PCS");
        }
    }

    @Test
    void materials_whenTheServerIgnoresCurrentPageAndClaimsMorePagesForEver_stopWithOneSentence() {
        KIS.simulator().endlessPaging(true);
        KisClient client = clientFor(KIS.simulator()).build();

        assertThatThrownBy(() -> assertTimeoutPreemptively(SAFETY_NET,
                () -> client.materials().list(MaterialQuery.all().withPageSize(10)).forEach(m -> { })))
                .isInstanceOf(PagingException.class)
                .hasMessage("KIS Material/List page 2 repeated page 1's 10 records: the vendor keeps answering "
                        + "TotalPages beyond this page with the same data; listing stopped");
        assertThat(KIS.simulator().calls(KisOperation.LIST_MATERIALS)).isEqualTo(2);
    }

    @Test
    void receipts_whenTheServerIgnoresCurrentPageAndClaimsMorePagesForEver_stopWithOneSentence() {
        KisClient client = clientFor(KIS.simulator()).build();
        for (int i = 0; i < 3; i++) {
            client.miscellaneousReceipts().create(KisTestSupport.bill("JST-E" + i, "SKU-1"));
        }
        KIS.simulator().endlessPaging(true);

        assertThatThrownBy(() -> assertTimeoutPreemptively(SAFETY_NET, () -> client.miscellaneousReceipts()
                .list(MiscellaneousReceiptQuery.all().withPageSize(2)).forEach(r -> { })))
                .isInstanceOf(PagingException.class)
                .hasMessage("KIS miscellaneousreceipt/list page 2 repeated page 1's 2 records: the vendor keeps "
                        + "answering TotalPages beyond this page with the same data; listing stopped");
    }

    @Test
    void materials_moreDistinctPagesThanTheBuildersCap_stopAtTheCap() {
        KisClient client = clientFor(KIS.simulator())
                .pagingLimits(PagingLimits.builder().maxPagesPerWindow(2).build()).build();

        assertThatThrownBy(() -> client.materials().list(MaterialQuery.all().withPageSize(10))
                .forEach(m -> { }))
                .isInstanceOf(PagingException.class)
                .hasMessageStartingWith("KIS Material/List page 3: more than 2 pages in one window");
    }

    @Test
    void anErrorEchoingTheSecretsAndTheAppToken_reachesNoMessageToStringVendorMessageOrLog() {
        KisSimulator sim = KIS.simulator();
        KisClient client = clientFor(sim).retry(RetryOptions.disabled()).build();
        client.materials().list(MaterialQuery.all().withPageSize(10)).forEach(m -> { }); // gets a token
        sim.injectFault(KisOperation.LIST_MATERIALS, KisFault.ECHO_SECRETS);

        ApiException e;
        String log;
        try (LogCapture logs = LogCapture.debug("io.qiao")) {
            e = catchThrowableOfType(() -> client.materials().list(MaterialQuery.all().withPageSize(10))
                    .forEach(m -> { }), ApiException.class);
            log = logs.text();
        }

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        List<String> secrets = new ArrayList<>(sim.validTokens());
        secrets.add(sim.credentials().clientSecret());
        secrets.add(sim.credentials().appSecret());
        assertThat(sim.validTokens()).isNotEmpty();
        assertThat(e.vendorMessage()).contains("签名不对: client secret ******");
        assertThat(log).contains("<-- Material/List");
        SecretLeaks.assertNone("getMessage()", e.getMessage(), secrets);
        SecretLeaks.assertNone("toString()", e.toString(), secrets);
        SecretLeaks.assertNone("vendorMessage()", e.vendorMessage(), secrets);
        SecretLeaks.assertNone("the stack trace", trace.toString(), secrets);
        SecretLeaks.assertNone("the log", log, secrets);
    }

    @Test
    void userSessionFlow_anErrorEchoingTheClientSecretAndTheAuthData_reachesNoMessageOrLog() {
        KisSimulator sim = KisSimulator.builder().start();
        try {
            KisSimulatorCredentials c = sim.credentials();
            KisClient client = KisClient.builder().endpoint(sim.endpoint()).rateLimits(RateLimits.none())
                    .retry(RetryOptions.disabled())
                    .sessionCredentials(KisSessionCredentials.builder().clientId(c.clientId())
                            .clientSecret(Secret.of(c.clientSecret())).authorizationCode(Secret.of(c.authorizationCode()))
                            .accountNumber("UE000001").productId("S1").icrmId("I1").build())
                    .build();
            client.miscellaneousReceipts().findByBillNo("x"); // exchanges the code, opens the session
            sim.injectFault(KisOperation.LIST_RECEIPTS, KisFault.ECHO_SECRETS);

            ApiException e;
            String log;
            try (LogCapture logs = LogCapture.debug("io.qiao")) {
                e = catchThrowableOfType(() -> client.miscellaneousReceipts().findByBillNo("y"), ApiException.class);
                log = logs.text();
            }

            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            List<String> secrets = new ArrayList<>(sim.validTokens());
            secrets.add(c.clientSecret());
            secrets.add(c.authorizationCode());
            assertThat(e.vendorMessage()).contains("签名不对: client secret ******").contains("KIS-AuthData ******");
            SecretLeaks.assertNone("getMessage()", e.getMessage(), secrets);
            SecretLeaks.assertNone("toString()", e.toString(), secrets);
            SecretLeaks.assertNone("vendorMessage()", e.vendorMessage(), secrets);
            SecretLeaks.assertNone("the stack trace", trace.toString(), secrets);
            SecretLeaks.assertNone("the log", log, secrets);
        } finally {
            sim.stop();
        }
    }
}
