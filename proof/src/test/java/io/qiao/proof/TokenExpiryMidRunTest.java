package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.sync.JushuitanSources;
import io.qiao.jushuitan.sync.OtherInOutFilter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.SyncReport;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Chaos, the token case: the 聚水潭 access token is revoked again and again in the middle of a sync (after every
 * second batch), so calls keep meeting code 100. The client must refresh and repeat the call, and the run must
 * still deliver every document exactly once, with no dead letter and no failed window.
 */
class TokenExpiryMidRunTest {

    @Test
    void tokensRevokedMidRun_everyDocumentArrivesOnce_andTheRunSucceeds() {
        int documents = 600;
        try (JushuitanSimulator sim = JushuitanSimulator.builder().documents(documents).limitsEnforced(false)
                .build().start()) {
            JushuitanClient client = JushuitanClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                    .appSecret(Secret.of(sim.appSecret()))
                    .rateLimits(RateLimits.none()) // the simulator's limits are off; pacing would only slow the test
                    .build();
            Instant dataStart = sim.dataSet().start().atZone(Json.SHANGHAI).toInstant();
            Instant dataEnd = sim.dataSet().end().atZone(Json.SHANGHAI).toInstant();
            InMemorySink<Long, OtherInOut> sink = InMemorySink.keyedBy(OtherInOut::ioId);
            InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
            AtomicInteger batches = new AtomicInteger();
            SyncListener revoker = new SyncListener() {
                @Override
                public void batchWritten(String job, String window, int written, int rejected) {
                    if (batches.incrementAndGet() % 2 == 0) {
                        sim.expireTokens();
                    }
                }
            };
            SyncJob<OtherInOut, OtherInOut> job = SyncJob.builder("token-chaos")
                    .source(JushuitanSources.otherInOutBuilder(client).filter(OtherInOutFilter.all())
                            .initialWatermark(dataStart).build())
                    .sink(sink)
                    .batchSize(50)
                    .fetchAhead(1)
                    .listener(revoker)
                    .keyOf(JushuitanSources::keyOf)
                    .checkpoints(new InMemoryCheckpointStore())
                    .deadLetters(deadLetters)
                    .clock(Clock.fixed(dataEnd.plus(Duration.ofMinutes(1)), ZoneOffset.UTC))
                    .build();

            SyncReport report = job.runOnce();

            assertThat(report.failed()).as("report %s", report).isFalse();
            assertThat(sink.size()).isEqualTo(sim.otherInOutCount());
            assertThat(deadLetters.list("token-chaos", true, 10)).isEmpty();
            assertThat(batches.get()).as("tokens were revoked several times").isGreaterThanOrEqualTo(4);
            assertThat(sim.tokenRequestCount()).as("a new token after each revocation").isGreaterThan(2);
        }
    }
}
