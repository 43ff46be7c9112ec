package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.Json;
import io.qiao.proof.ChaosRuns.Ended;
import io.qiao.proof.ChaosRuns.Started;
import io.qiao.samples.JushuitanOtherInOutToKis;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.FileCheckpointStore;
import io.qiao.sync.store.JsonLinesDeadLetterStore;
import io.qiao.testkit.jushuitan.JushuitanFault;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.SimDocument;
import io.qiao.testkit.jushuitan.SimSku;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import io.qiao.testkit.kis.SimulatedBill;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens that expire mid-run, in a separate JVM: the samples CLI ({@code qiao sync jushuitan-otherinout-to-kis
 * --once}, 聚水潭 其它出入库 -> 金蝶 KIS 其他入库单) runs against the Jushuitan and KIS simulators in this JVM, which both hand out
 * short-lived tokens (聚水潭 20 s, renewed by the client 10 s early; KIS 75 s against the client's one-minute margin)
 * and, all through every run, make the token in use expire: they revoke every token they issued or refuse the next
 * call's token ({@link TokenChurn}; 聚水潭 code 100, KIS errcode 10100), dozens of times in all. Runs are also killed
 * with SIGKILL at random moments, the 聚水潭 token file in the state directory surviving them. A run that is not killed
 * must succeed (exit 0, or 2 for the dead letters below): a token that expires is renewed and the call repeated, never
 * a failed run. A last run, after {@code qiao reset} to the start, reads everything again and is left to finish,
 * still under expiries, its first receipt lookup refused for its token. Then every 聚水潭 document the pipeline reads
 * (Confirmed 其它进仓 and 其它退货) must be in KIS exactly once by FBillNo with its lines, nothing else, the checkpoint at the
 * end of the data, and dead letters only for the documents that are really invalid: those with the one sku that this
 * test withholds from the KIS material catalogue.
 *
 * <p>Runs with -Pit; under a minute.
 */
class ChaosTokenExpiryIT {
    static final String PIPELINE = JushuitanOtherInOutToKis.NAME;
    static final int DOCUMENTS = 200;
    static final int KILLS = 6;

    @TempDir
    Path work;

    @AfterEach
    void killLeftoverRuns() throws InterruptedException {
        ChaosRuns.killLeftovers();
    }

    @Test
    void tokensExpireAndAreRevokedAllThroughKilledRuns_everyDocumentReachesKisOnce() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(System.nanoTime());
        // the data ends two days ago, so that the source's settle delay and window ends never hold a document back
        LocalDateTime dataStart = LocalDate.now(Json.SHANGHAI).minusDays(16).atStartOfDay();
        try (JushuitanSimulator jst = JushuitanSimulator.builder().documents(DOCUMENTS)
                     .dataWindow(dataStart, Duration.ofDays(14)).limitsEnforced(false)
                     .tokenLifetime(Duration.ofSeconds(20)).build().start();
             KisSimulator kis = KisSimulator.builder().tokenTtl(Duration.ofSeconds(75)).start()) {
            List<SimDocument> read = jst.dataSet().otherInOut().stream()
                    .filter(d -> "Confirmed".equals(d.status())
                            && JushuitanOtherInOutToKis.DEFAULT_TYPES.contains(d.type()))
                    .toList();
            assertThat(read).as("documents the pipeline reads").hasSizeGreaterThan(50);
            String withheld = read.get(2).json().path("items").get(0).path("sku_id").asText();
            for (SimSku sku : jst.dataSet().skus()) {
                if (!sku.skuId().equals(withheld)) {
                    kis.addMaterial(sku.skuId(), sku.name(), "PCS");
                }
            }
            Map<String, SimDocument> valid = new TreeMap<>();
            Set<String> invalid = new TreeSet<>();
            for (SimDocument d : read) {
                boolean lacksMaterial = false;
                for (JsonNode item : d.json().path("items")) {
                    lacksMaterial |= item.path("sku_id").asText().equals(withheld);
                }
                if (lacksMaterial) {
                    invalid.add(Long.toString(d.id()));
                } else {
                    valid.put(Long.toString(d.id()), d);
                }
            }
            KisSimulatorCredentials c = kis.credentials();
            Map<String, String> env = Map.of(
                    "QIAO_JUSHUITAN_ENDPOINT", jst.endpoint().toString(),
                    "QIAO_JUSHUITAN_APP_KEY", jst.appKey(),
                    "QIAO_JUSHUITAN_APP_SECRET", jst.appSecret(),
                    "QIAO_KIS_ENDPOINT", kis.endpoint().toString(),
                    "QIAO_KIS_CLIENT_ID", c.clientId(),
                    "QIAO_KIS_CLIENT_SECRET", c.clientSecret(),
                    "QIAO_KIS_APP_KEY", c.appKey(),
                    "QIAO_KIS_APP_SECRET", c.appSecret(),
                    "QIAO_KIS_ROUTER_ADDRESS", c.routerAddress());
            Path state = work.resolve("state");
            List<String> args = List.of("sync", PIPELINE, "--once", "--state-dir", state.toString(),
                    "--since", dataStart.toLocalDate().minusDays(1).toString());

            TokenChurn churn = new TokenChurn(jst, kis);
            ScheduledExecutorService revoker = Executors.newSingleThreadScheduledExecutor();
            revoker.scheduleWithFixedDelay(churn::tick, 100, 100, TimeUnit.MILLISECONDS);
            List<Ended> runs = new ArrayList<>();
            int kills = 0;
            Ended last;
            int[] finalFrom;
            int listsBeforeFinal;
            try {
                int i = 0;
                while (kills < KILLS) {
                    Started run = Started.of(args, env, work, "run-" + i++);
                    Optional<Ended> ended = run.awaitEnd(1_500 + random.nextInt(5_000));
                    Ended e = ended.isPresent() ? ended.get() : run.kill();
                    runs.add(e);
                    if (e.killed()) {
                        kills++;
                    } else if (e.exit() == 0 || e.exit() == 2) {
                        break; // it finished everything: more kills would only kill runs with nothing to do
                    }
                }
                // The final run reads every window again, whatever the runs before it finished (a run killed after
                // its last checkpoint left the final one nothing to read, and so no call to expire): it looks every
                // bill up, must create none twice, and its first receipt list call is refused for its token.
                Ended reset = Started.of(List.of("reset", PIPELINE, "--since",
                                dataStart.toLocalDate().minusDays(1).toString(), "--state-dir", state.toString()),
                        env, work, "reset").awaitEnd(60_000)
                        .orElseThrow(() -> new AssertionError("qiao reset still runs after 60 s"));
                assertThat(reset.exit()).as("qiao reset before the final run; %s", reset.printed()).isZero();
                churn.refuseNextListToken();
                finalFrom = churn.snapshot();
                listsBeforeFinal = kis.calls(KisOperation.LIST_RECEIPTS);
                last = Started.of(args, env, work, "final").awaitEnd(150_000)
                        .orElseThrow(() -> new AssertionError("the final run still runs after 150 s"));
            } finally {
                revoker.shutdownNow();
                revoker.awaitTermination(10, TimeUnit.SECONDS);
            }

            List<DeadLetter> deadLetters;
            try (JsonLinesDeadLetterStore store = JsonLinesDeadLetterStore.in(state.resolve("dead-letters"))) {
                deadLetters = store.list(PIPELINE, true, 10_000);
            }
            Optional<Checkpoint> checkpoint = FileCheckpointStore.in(state.resolve("checkpoints"), Clock.systemUTC())
                    .load(PIPELINE);
            List<SimulatedBill> bills = kis.bills();
            System.out.println("token chaos: " + runs.size() + " runs before the last (" + kills + " SIGKILLs; "
                    + runs + "), final run " + last + "; " + churn + " (in the final run "
                    + (churn.snapshot()[0] - finalFrom[0]) + " and " + (churn.snapshot()[1] - finalFrom[1])
                    + "), 聚水潭 tokens requested " + jst.tokenRequestCount() + " and refused (code 100) "
                    + jst.answerCount(100) + " times, KIS tokens issued " + kis.tokensIssued() + "; " + read.size() + " documents read, " + valid.size()
                    + " valid, " + invalid.size() + " with the withheld sku " + withheld + "; KIS " + bills.size()
                    + " bills, dead letters " + deadLetters.size() + "; checkpoint "
                    + checkpoint.map(cp -> cp.position().watermark().toString()).orElse("none") + "; "
                    + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s");

            for (Ended e : runs) {
                if (!e.killed()) {
                    assertThat(e.exit()).as("a run under token expiry (0 done, 2 done with dead letters); %s",
                            e.printed()).isIn(0, 2);
                }
            }
            assertThat(last.exit()).as("final run; %s", last.printed()).isIn(0, 2);
            assertThat(last.printedStackTrace()).as("final run; %s", last.printed()).isFalse();
            assertThat(kills).as("SIGKILLs").isGreaterThanOrEqualTo(3);

            Map<String, SimulatedBill> byNo = bills.stream()
                    .collect(Collectors.toMap(SimulatedBill::billNo, b -> b, (a, b) -> a, TreeMap::new));
            assertThat(bills).as("bills with the same FBillNo").hasSameSizeAs(byNo.keySet());
            assertThat(byNo.keySet()).as("FBillNos in KIS: every valid document, nothing else")
                    .containsExactlyElementsOf(valid.keySet());
            List<String> wrongLines = new ArrayList<>();
            valid.forEach((no, doc) -> {
                List<BigDecimal> want = new ArrayList<>();
                doc.json().path("items").forEach(item -> want.add(item.path("qty").decimalValue()));
                List<BigDecimal> got = byNo.get(no).entries().stream()
                        .map(e -> new BigDecimal(String.valueOf(e.get("FQty")))).toList();
                if (!want.stream().map(BigDecimal::stripTrailingZeros).toList()
                        .equals(got.stream().map(BigDecimal::stripTrailingZeros).toList())) {
                    wrongLines.add(no + ": FQty " + got + " instead of " + want);
                }
            });
            assertThat(wrongLines).as("bills whose lines differ from the document").isEmpty();

            assertThat(deadLetters.stream().map(DeadLetter::key).toList())
                    .as("dead letters: one per document with the withheld sku, none for a valid one (%s)",
                            deadLetters.stream().map(d -> d.key() + " " + d.reasons()).toList())
                    .containsExactlyInAnyOrderElementsOf(invalid);
            assertThat(checkpoint).as("checkpoint").isPresent();
            assertThat(checkpoint.get().position().watermark()).as("checkpoint at the end of the data")
                    .isAfterOrEqualTo(jst.dataSet().end().atZone(Json.SHANGHAI).toInstant());
            assertThat(churn.snapshot()[0]).as("聚水潭 token expiries").isGreaterThanOrEqualTo(3);
            assertThat(churn.snapshot()[1]).as("KIS token expiries").isGreaterThanOrEqualTo(10);
            // the refusal set up before it (or one the churn had set up and no call had taken yet) went to the final
            // run's first receipt list call, and the final run still succeeded (above)
            assertThat(kis.calls(KisOperation.LIST_RECEIPTS)).as("receipt list calls of the final run, which read "
                    + "every window again, its first refused for its token").isGreaterThan(listsBeforeFinal);
            assertThat(jst.answerCount(100)).as("聚水潭 calls refused for their token").isGreaterThanOrEqualTo(3);
            assertThat(jst.tokenRequestCount()).as("聚水潭 tokens obtained again").isGreaterThan(kills);
            assertThat(kis.tokensIssued()).as("KIS tokens obtained again").isGreaterThan(kills);
        }
    }

    /**
     * Makes the tokens in use expire, again and again: revokes every token a simulator issued (as when it expires
     * before the client thought) or refuses the next call's token (聚水潭 code 100 on a query, KIS errcode 10100 on
     * a receipt list). A vendor's next expiry waits until the client has made three more calls there and at least
     * 0.7 s have passed (for KIS: three calls after the client obtained a new token, since its calls run
     * in parallel and, on a loaded machine, three calls of other threads could pass before the repeat): a client renews
     * once and repeats the call, and a token revoked again before that repeat would be a vendor refusing every token,
     * not one that expired. A KIS list refusal is set up again only after the last one was taken; until then that turn
     * revokes.
     */
    static final class TokenChurn {
        static final String QUERY = "/open/other/inout/query";
        private final JushuitanSimulator jst;
        private final KisSimulator kis;
        private long jstMark;
        private long kisMark;
        private long jstAt;
        private long kisAt;
        private int listAtFault = -1;
        /** Tokens KIS had issued at the last expiry, and the call count when a newer one was first seen (-1: not yet). */
        private int kisIssuedAtExpiry;
        private long kisRenewedAtCalls = -1;
        private int jstEvents;
        private int kisEvents;

        TokenChurn(JushuitanSimulator jst, KisSimulator kis) {
            this.jst = jst;
            this.kis = kis;
        }

        synchronized void tick() {
            long now = System.nanoTime();
            long queries = jst.requestCount(QUERY);
            if (queries >= jstMark + 3 && now - jstAt > 700_000_000L && jst.faults().pending() == 0) {
                if (++jstEvents % 3 == 0) {
                    jst.faults().next(QUERY, JushuitanFault.tokenInvalid(), 1);
                } else {
                    jst.expireTokens();
                }
                jstMark = queries;
                jstAt = now;
            }
            int lists = kis.calls(KisOperation.LIST_RECEIPTS);
            long calls = kisCalls();
            int issued = kis.tokensIssued();
            if (issued > kisIssuedAtExpiry && kisRenewedAtCalls < 0) {
                kisRenewedAtCalls = calls; // the client renewed: its repeat is among the calls from here on
            }
            boolean repeated = kisEvents == 0 || kisRenewedAtCalls >= 0 && calls >= kisRenewedAtCalls + 3;
            if (repeated && calls >= kisMark + 3 && now - kisAt > 700_000_000L) {
                // a refused list token waits for the list call that takes it (one a batch since the sink finds
                // existing bills with one list call), revoking goes on meanwhile: waiting for that call stopped the
                // churn for whole batches, and a CI run saw only 7 expiries
                if ((kisEvents + 1) % 3 == 0 && lists > listAtFault) {
                    refuseListToken(lists);
                } else {
                    kis.expireTokens();
                    kisExpired();
                }
            }
        }

        private long kisCalls() {
            return kis.calls(KisOperation.LIST_RECEIPTS) + kis.calls(KisOperation.CREATE_RECEIPT);
        }

        /** The next receipt list call is refused for its token; counted now, as an expiry. */
        private void refuseListToken(int lists) {
            kis.injectFault(KisOperation.LIST_RECEIPTS, KisFault.TOKEN_EXPIRED);
            listAtFault = lists;
            kisExpired();
        }

        /** Counts a KIS expiry and starts the wait for the client's renewal and repeat before the next one. */
        private void kisExpired() {
            kisEvents++;
            kisMark = kisCalls();
            kisAt = System.nanoTime();
            kisIssuedAtExpiry = kis.tokensIssued();
            kisRenewedAtCalls = -1;
        }

        /**
         * Refuses the token of the next receipt list call (counted as a KIS expiry now), unless a refusal set up by
         * {@link #tick} is still waiting for its call: that one serves, since a call refused twice in a row would be a
         * vendor refusing every token.
         */
        synchronized void refuseNextListToken() {
            int lists = kis.calls(KisOperation.LIST_RECEIPTS);
            if (lists > listAtFault) {
                refuseListToken(lists); // and tick waits for its renewal and repeat, as after any expiry
            }
        }

        /** Expiries so far: 聚水潭, KIS. */
        synchronized int[] snapshot() {
            return new int[] {jstEvents, kisEvents};
        }

        @Override
        public synchronized String toString() {
            return "token expiries: 聚水潭 " + jstEvents + ", KIS " + kisEvents;
        }
    }
}
