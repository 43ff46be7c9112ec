package io.qiao.bench;

import io.qiao.client.ApiCallEvent;
import io.qiao.client.ApiUsage;
import io.qiao.client.Json;
import io.qiao.client.Secret;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.JushuitanCredentials;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.sync.JushuitanSources;
import io.qiao.jushuitan.sync.OtherInOutFilter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Requests per minute achieved against the 聚水潭 simulator's enforced limits (5 a second and 100 a minute, sliding
 * windows, a small simulated latency) by a real sync of its other in/out documents, with the client on its default
 * pacing; prints the achieved requests and documents per minute against the ceiling (100 requests, 5,000
 * documents a minute) and the number of 199/200 throttling answers. Target: at least 95% of the limit, zero 199/200.
 *
 * <p>Two rates are printed: over the whole run (JVM warm-up and the token request included) and over the paced
 * stretch, from the first page request to the last answer, which is what the limiter governs.
 *
 * <pre>
 * java -cp ... io.qiao.bench.RateLimitedSourceBench [documents=12000] [latencyMillis=20]
 * </pre>
 */
public final class RateLimitedSourceBench {
    private RateLimitedSourceBench() {
    }

    private static void record(ConcurrentLinkedQueue<long[]> pages, ApiCallEvent e) {
        if (!e.operation().startsWith("/openWeb/auth")) {
            pages.add(new long[] {System.nanoTime(), e.duration().toNanos()});
        }
    }

    public static void main(String[] args) {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
        long latencyMillis = args.length > 1 ? Long.parseLong(args[1]) : 20;
        try (JushuitanSimulator sim = JushuitanSimulator.builder().documents(documents).limitsEnforced(true)
                .latency(Duration.ofMillis(latencyMillis)).build().start()) {
            ApiUsage usage = new ApiUsage();
            // when each page request was answered, and how long it took, to find the paced stretch (token calls
            // to /openWeb/auth are not paced by the limiter and are left out)
            ConcurrentLinkedQueue<long[]> pages = new ConcurrentLinkedQueue<>();
            JushuitanClient client = JushuitanClient.builder().endpoint(sim.endpoint())
                    .credentials(JushuitanCredentials.of(sim.appKey(), Secret.of(sim.appSecret()))).listener(usage)
                    .listener(e -> record(pages, e))
                    .build();
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
            long firstStart = pages.stream().mapToLong(p -> p[0] - p[1]).min().orElse(0);
            long lastEnd = pages.stream().mapToLong(p -> p[0]).max().orElse(0);
            double pacedMinutes = (lastEnd - firstStart) / 60e9;
            System.out.printf(Locale.ROOT, "requests per minute    : %.1f over the whole run; %.1f over the paced stretch (%d API calls "
                    + "in %.2f min) (ceiling 100, target >= 95)%n", requests / minutes, (pages.size() - 1) / pacedMinutes,
                    pages.size(), pacedMinutes);
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
