package io.qiao.sync;

import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import io.qiao.client.internal.HttpPipeline;
import io.qiao.client.HttpTransport;
import io.qiao.client.RateLimits;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.client.RetryOptions;
import io.qiao.sync.RunParts.Item;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A job's retries in the clients' vocabulary ({@link RetryOptions}), and what nesting them costs. */
class JobRetryTest {
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore(RunParts.CLOCK);
    private final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();

    /** A vendor whose page 1 answers and whose page 2 always answers 503; counts the requests per page. */
    private static final class FailingPageTwo implements HttpTransport {
        final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

        @Override
        public Response send(Request request) {
            String page = request.uri().getQuery();
            requests.computeIfAbsent(page, p -> new AtomicInteger()).incrementAndGet();
            int status = page.equals("page=1") ? 200 : 503;
            return new Response(request, status, Map.of(), "{}".getBytes());
        }
    }

    /** One window of two pages, each page fetched through {@code pipeline} (a client with its own retries). */
    private static Source<Item> twoPagesThrough(HttpPipeline pipeline) {
        Window<Item> window = RunParts.window("w1", 1, () -> IntStream.rangeClosed(1, 2).mapToObj(page -> {
            pipeline.execute(Request.get(URI.create("http://vendor.test/list?page=" + page)).operation("list").build());
            return new Item("p" + page, page);
        }).iterator());
        return new Source<>() {
            @Override
            public Iterator<Window<Item>> windows(Position from, Clock clock) {
                return List.of(window).iterator();
            }

            @Override
            public Position initialPosition(Clock clock) {
                return Position.at(clock.instant().minus(Duration.ofDays(1)));
            }
        };
    }

    @Test
    void onePageThatKeepsFailing_causesClientAttemptsTimesJobAttemptsHttpRequests_andNoMore() {
        FailingPageTwo vendor = new FailingPageTwo();
        HttpPipeline client = HttpPipeline.builder().transport(vendor).retry(RunParts.noWait(3))
                .rateLimits(RateLimits.none()).build();
        SyncJob<Item, Item> job = RunParts.job(InMemorySink.keyedBy(Item::id), checkpoints, deadLetters)
                .source(twoPagesThrough(client)).sink(InMemorySink.keyedBy(Item::id)).retry(RunParts.noWait(4)).build();

        SyncReport report = job.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(vendor.requests.get("page=2").get()).isEqualTo(3 * 4); // SyncRetry's javadoc: 12 with the defaults
        assertThat(vendor.requests.get("page=1").get()).isEqualTo(4); // each window attempt starts again at page 1
        assertThat(report.retried()).isEqualTo(3);
    }

    @Test
    void retry_withMoreAttemptsThanTheBound_isRefused_namingTheFieldAndTheLimit() {
        SyncJob.Builder<Item, Item> b = RunParts.job(InMemorySink.keyedBy(Item::id), checkpoints, deadLetters);

        assertThatThrownBy(() -> b.retry(RetryOptions.builder().maxAttempts(11).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("retry.maxAttempts must be at most 10").hasMessageEndingWith("was 11");
        b.retry(RetryOptions.builder().maxAttempts(SyncRetry.MAX_ATTEMPTS).build()); // the bound itself is fine
    }

    @Test
    void retry_disabled_failsTheWindowAtItsFirstFailure() {
        AtomicInteger writes = new AtomicInteger();
        Sink<Item> failing = batch -> {
            writes.incrementAndGet();
            throw new io.qiao.client.TransportException("save", "connection reset", true, null);
        };
        SyncJob<Item, Item> job = RunParts.job(failing, checkpoints, deadLetters)
                .source(ListSource.of(List.of(new Item("a", 1)))).sink(failing).retry(RetryOptions.disabled()).build();

        SyncReport report = job.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(writes.get()).isEqualTo(1);
        assertThat(report.retried()).isZero();
    }

    @Test
    void aVendorsRetryAfter_foundDeepInTheCauseChain_isWaitedFor() {
        AtomicInteger writes = new AtomicInteger();
        Sink<Item> throttledOnce = batch -> {
            if (writes.incrementAndGet() == 1) {
                throw new SyncException("cannot push 1 record", ApiException.builder().operation("push")
                        .httpStatus(429).throttled(true).retryable(true).retryAfter(Duration.ofMillis(400)).build());
            }
            return WriteResult.allWritten(batch.size());
        };
        RetryOptions noBackoff = RetryOptions.builder().maxAttempts(2).baseDelay(Duration.ZERO)
                .maxDelay(Duration.ofSeconds(5)).jitter(0).throttleDelay(Duration.ZERO).build();
        SyncJob<Item, Item> job = RunParts.job(throttledOnce, checkpoints, deadLetters)
                .source(ListSource.of(List.of(new Item("a", 1)))).sink(throttledOnce).retry(noBackoff).build();
        long start = System.nanoTime();

        SyncReport report = job.runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void defaultOptions_areFourAttemptsFromHalfASecondToThirtySeconds() {
        RetryOptions d = SyncRetry.defaultOptions();

        assertThat(d.maxAttempts()).isEqualTo(SyncRetry.DEFAULT_ATTEMPTS).isEqualTo(4);
        assertThat(d.baseDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(SyncRetry.policy(RetryOptions.disabled()).getConfig().getMaxAttempts()).isEqualTo(1);
    }
}
