package io.qiao.jushuitan;

import io.qiao.client.ApiUsage;
import io.qiao.client.Json;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.sync.JushuitanSources;
import io.qiao.jushuitan.sync.OtherInOutFilter;
import io.qiao.sync.InMemoryCheckpointStore;
import io.qiao.sync.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The figure issue 6 asks for (not a unit test: it runs for about two and a half minutes). Syncs the other
 * in/out documents of a simulator that enforces the vendor's limits (5 a second, 100 a minute, sliding
 * windows) and answers after a small simulated latency, with a client on its default pacing, and prints the
 * achieved requests and documents per minute against the ceiling (100 requests, 5,000 documents a minute)
 * and the number of 199/200 answers.
 *
 * <pre>
 * mvn -q -pl testkit,jushuitan-client -am install -DskipTests
 * mvn -q -pl jushuitan-client exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.qiao.jushuitan.RateLimitedSyncFigure -Dexec.args="12000 20"
 * </pre>
 *
 * <p>Measured on the 2-core build machine: 244 requests (243 pages + 1 token) in 2.49 min = 98.0 requests/min,
 * 4,820 documents/min, zero 199/200 answers; 95.9 requests/min with the machine at load 16.
 */
public final class RateLimitedSyncFigure {
    private RateLimitedSyncFigure() {
    }

    public static void main(String[] args) {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
        long latencyMillis = args.length > 1 ? Long.parseLong(args[1]) : 20;
        try (JushuitanSimulator sim = JushuitanSimulator.builder().documents(documents).limitsEnforced(true)
                .latency(Duration.ofMillis(latencyMillis)).build().start()) {
            ApiUsage usage = new ApiUsage();
            JushuitanClient client = JushuitanClient.builder().endpoint(sim.baseUrl()).appKey(sim.appKey())
                    .appSecret(Secret.of(sim.appSecret())).listener(usage).build();
            Instant dataStart = sim.dataSet().start().atZone(Json.SHANGHAI).toInstant();
            Instant dataEnd = sim.dataSet().end().atZone(Json.SHANGHAI).toInstant();
            InMemorySink<Long, OtherInOut> sink = InMemorySink.keyedBy(OtherInOut::ioId);
            SyncJob<OtherInOut, OtherInOut> job = SyncJob.builder("jushuitan-otherinout-figure")
                    .source(JushuitanSources.otherInOutBuilder(client).filter(OtherInOutFilter.all())
                            .initialWatermark(dataStart).build())
                    .sink(sink).checkpoints(new InMemoryCheckpointStore()).deadLetters(new InMemoryDeadLetterStore())
                    .keyOf(JushuitanSources::keyOf)
                    // "now" just after the data set, so the windows cover the data and nothing else
                    .clock(Clock.fixed(dataEnd.plus(Duration.ofMinutes(1)), ZoneOffset.UTC))
                    .build();

            long t0 = System.nanoTime();
            SyncReport report = job.runOnce();
            double minutes = (System.nanoTime() - t0) / 60e9;

            long requests = sim.requestCount();
            long throttled = sim.answerCount(199) + sim.answerCount(200);
            System.out.println(report);
            System.out.println(usage.table());
            System.out.printf(Locale.ROOT, "documents in simulator : %d%n", sim.otherInOutCount());
            System.out.printf(Locale.ROOT, "documents synced       : %d (distinct in sink: %d)%n", report.written(), sink.size());
            System.out.printf(Locale.ROOT, "requests               : %d (token requests: %d, pages: %d)%n", requests,
                    sim.tokenRequestCount(), report.pages());
            System.out.printf(Locale.ROOT, "elapsed                : %.2f min (simulated latency %d ms)%n", minutes, latencyMillis);
            System.out.printf(Locale.ROOT, "requests per minute    : %.1f (ceiling 100)%n", requests / minutes);
            System.out.printf(Locale.ROOT, "documents per minute   : %.0f (ceiling 5,000 = 100 pages of 50)%n",
                    report.written() / minutes);
            System.out.printf(Locale.ROOT, "199/200 answers        : %d (199: %d, 200: %d)%n", throttled,
                    sim.answerCount(199), sim.answerCount(200));
            if (report.failed() || report.written() < documents) {
                System.out.println("FAILED: " + report.errorSummary());
                System.exit(1);
            }
        }
    }
}
