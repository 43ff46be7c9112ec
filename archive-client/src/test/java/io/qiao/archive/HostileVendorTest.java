package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qiao.archive.model.ArchiveQuery;
import io.qiao.client.ApiException;
import io.qiao.client.PagingException;
import io.qiao.client.PagingLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.testkit.LogCapture;
import io.qiao.testkit.SecretLeaks;
import io.qiao.testkit.ManualClock;
import io.qiao.testkit.archive.ArchiveFaults;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSimulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An archive system that pages without end, or echoes the app secret and token, against the simulator. */
class HostileVendorTest {
    @RegisterExtension
    static ArchiveSimulatorExtension archive = new ArchiveSimulatorExtension();

    /** Only a safety net: without the guard the listing would never end; the assertions are on the exception. */
    private static final Duration SAFETY_NET = Duration.ofSeconds(60);

    private final ManualClock clock = new ManualClock(Instant.parse("2024-06-01T00:00:00Z"));

    private ArchiveClient.Builder clientBuilder() {
        ArchiveSimulator sim = archive.simulator();
        return ArchiveClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).clock(clock)
                .retry(RetryOptions.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ZERO).jitter(0)
                        .throttleDelay(Duration.ZERO).build());
    }

    private static ArchiveQuery march(int pageSize) {
        return ArchiveQuery.builder(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31)).pageSize(pageSize).build();
    }

    @BeforeEach
    void records() {
        for (int i = 1; i <= 9; i++) {
            archive.simulator().seedRecord(Map.of("archiveNo", "N-" + i, "docDate", "2024-03-0" + i, "title", "t"));
        }
    }

    @Test
    void query_whenTheSystemIgnoresThePageAndReportsAnEndlessTotal_stopsWithOneSentence() {
        archive.simulator().faults().endlessPaging(true);
        ArchiveClient client = clientBuilder().build();

        assertThatThrownBy(() -> assertTimeoutPreemptively(SAFETY_NET,
                () -> client.archives().list(march(3)).forEach(r -> { })))
                .isInstanceOf(PagingException.class)
                .hasMessage("archive system archive.query page 2 repeated page 1's 3 records: the vendor keeps "
                        + "answering a full page below the reported total with the same data; listing stopped");
        assertThat(archive.simulator().requestCount(ArchiveFaults.Operation.QUERY)).isEqualTo(2);
    }

    @Test
    void query_pagingLongerThanTheTimeBudgetByTheClientsClock_stopsWithoutSleeping() {
        ArchiveClient client = clientBuilder()
                .pagingLimits(PagingLimits.builder().timeBudgetPerWindow(Duration.ofMinutes(30)).build())
                .listener(call -> clock.advance(Duration.ofMinutes(10))) // each call takes ten minutes
                .build();

        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> client.archives().list(march(1)).forEach(r -> seen.add(r.archiveNo())))
                .isInstanceOf(PagingException.class)
                .hasMessageContaining("page ")
                .hasMessageContaining(": the window has been paging for ")
                .hasMessageContaining("beyond the 30m set by PagingLimits.timeBudgetPerWindow; listing stopped");
        assertThat(seen).hasSizeLessThan(9);
    }

    @Test
    void anErrorEchoingTheAppSecretAndTheToken_reachesNoMessageToStringVendorMessageOrLog() {
        ArchiveSimulator sim = archive.simulator();
        ArchiveClient client = clientBuilder().retry(RetryOptions.disabled()).build();
        client.archives().list(march(100)).forEach(r -> { }); // obtains a token
        sim.faults().echoSecrets(ArchiveFaults.Operation.QUERY, 2);

        ApiException e;
        String log;
        try (LogCapture logs = LogCapture.debug("io.qiao")) {
            e = catchThrowableOfType(() -> client.archives().list(march(100)).forEach(r -> { }), ApiException.class);
            log = logs.text();
        }

        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        List<String> secrets = new ArrayList<>(sim.issuedTokens());
        secrets.add(sim.appSecret());
        assertThat(sim.issuedTokens()).isNotEmpty();
        assertThat(e.vendorMessage()).contains("签名不对: app secret ******");
        assertThat(log).contains("<-- archive.query");
        SecretLeaks.assertNone("getMessage()", e.getMessage(), secrets);
        SecretLeaks.assertNone("toString()", e.toString(), secrets);
        SecretLeaks.assertNone("vendorMessage()", e.vendorMessage(), secrets);
        SecretLeaks.assertNone("the stack trace", trace.toString(), secrets);
        SecretLeaks.assertNone("the log", log, secrets);
    }
}
