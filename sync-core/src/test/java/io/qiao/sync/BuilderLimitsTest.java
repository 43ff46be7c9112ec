package io.qiao.sync;

import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.record.Lookups;
import io.qiao.sync.observe.WebhookAlerter;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.sync.jdbc.JdbcBackfill;
import io.qiao.sync.jdbc.JdbcSource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 14, bug 5, library side: a duration or instant that only a typo produces (99999999999999 days, year
 * -273788674) is refused by the builder, naming the setting, instead of overflowing in the middle of a run.
 */
class BuilderLimitsTest {
    private static final Duration HUGE = Duration.ofDays(99_999_999_999_999L);
    private static final Instant YEAR_MINUS_273788674 = Instant.parse("2024-05-01T00:00:00Z").minus(Duration.ofDays(99_999_999_999L));

    @Test
    void timeWindowSource_refusesHugeDurations_andInstantsOutsideTheEpochToYear9999() {
        TimeWindowSource.Builder<Object> b = TimeWindowSource.builder(w -> List.of());
        refused(() -> b.maxWindow(HUGE), "maxWindow");
        refused(() -> b.overlap(HUGE), "overlap");
        refused(() -> b.settleDelay(HUGE), "settleDelay");
        refused(() -> b.initialLookback(HUGE), "initialLookback");
        refused(() -> b.initialWatermark(YEAR_MINUS_273788674), "initialWatermark");
        refused(() -> b.until(Instant.MAX), "until");
        refused(() -> b.settleDelay(Duration.ofSeconds(-5)), "settleDelay");
    }

    @Test
    void scheduler_refusesAHugeIntervalOrJitter_andAJobAHugeDeadLetterLookback() {
        SyncScheduler scheduler = SyncScheduler.create(1, new Random(1));
        try {
            SyncJob<Integer, Integer> job = SyncJob.<Integer, Integer>builder("limits").source(ListSource.of(List.of(1), 1))
                    .sink(InMemorySink.keyedBy(i -> i)).checkpoints(new InMemoryCheckpointStore()).deadLetters(new InMemoryDeadLetterStore()).build();
            refused(() -> scheduler.schedule(job, HUGE, Duration.ZERO), "every");
            refused(() -> scheduler.schedule(job, Duration.ofMinutes(5), HUGE), "jitter");
            refused(() -> job.deadLetterSummary(HUGE), "lookback");
        } finally {
            scheduler.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void jobLease_jdbcSource_backfill_cache_andAlerter_refuseHugeDurations() {
        refused(() -> SyncJob.builder("limits").lease(HUGE), "lease ttl");
        refused(() -> JdbcSource.from(new org.h2.jdbcx.JdbcDataSource(), "t", rs -> rs).settleDelay(HUGE), "settleDelay");
        refused(() -> JdbcSource.from(new org.h2.jdbcx.JdbcDataSource(), "t", rs -> rs)
                .initialWatermark(YEAR_MINUS_273788674), "initialWatermark");
        refused(() -> JdbcBackfill.builder(new org.h2.jdbcx.JdbcDataSource()).claimTtl(HUGE), "claimTtl");
        refused(() -> JdbcBackfill.builder(new org.h2.jdbcx.JdbcDataSource()).retryDelay(HUGE), "retryDelay");
        refused(() -> Lookups.<String, String>cached(java.util.Optional::of).ttl(HUGE), "ttl");
        refused(() -> WebhookAlerter.json(URI.create("https://example.com/hook")).staleAfter(HUGE), "staleAfter");
        refused(() -> WebhookAlerter.json(URI.create("https://example.com/hook")).minInterval(Duration.ofSeconds(-1)),
                "minInterval");
    }

    @Test
    void backfillPlan_refusesAHugeSliceLength_andBoundsOutsideTheEpochToYear9999_beforeAnySql() {
        // an unconfigured H2 data source: a refusal that reached the database would fail differently
        JdbcBackfill backfill = JdbcBackfill.builder(new org.h2.jdbcx.JdbcDataSource()).build();
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        Instant to = Instant.parse("2024-02-01T00:00:00Z");
        refused(() -> backfill.plan("limits", from, to, HUGE), "sliceLength"); // was ArithmeticException: long overflow
        refused(() -> backfill.plan("limits", from, to, Duration.ofDays(-1)), "sliceLength");
        refused(() -> backfill.plan("limits", YEAR_MINUS_273788674, to, Duration.ofDays(1)), "from");
        refused(() -> backfill.plan("limits", from, Instant.parse("+1000000-01-01T00:00:00Z"), Duration.ofDays(1)),
                "to");
    }

    @Test
    void leaseWait_refusesAHugeMaxWait_beforeAnySql() {
        io.qiao.sync.jdbc.JdbcCheckpointStore store =
                io.qiao.sync.jdbc.JdbcCheckpointStore.builder(new org.h2.jdbcx.JdbcDataSource()).build();
        // was ArithmeticException: long overflow, from the wait's deadline in nanoseconds
        refused(() -> store.acquireLease("limits", Duration.ofMinutes(1), HUGE), "maxWait");
    }

    private static void refused(Executable call, String name) {
        assertThatThrownBy(call::execute).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(name + " ");
    }
}
