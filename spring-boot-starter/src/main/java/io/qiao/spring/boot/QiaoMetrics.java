package io.qiao.spring.boot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.qiao.client.ApiCallListener;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.SyncReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

/**
 * Qiao's Micrometer meters:
 * <ul>
 *   <li>{@code qiao.api.calls}, timer, tags {@code vendor}, {@code operation}, {@code outcome}: every attempt of
 *       every call of a client the starter built (as {@link ApiCallListenerFactory});</li>
 *   <li>{@code qiao.sync.records}, counter, tags {@code job}, {@code outcome} = read / written / dead_lettered,
 *       and {@code qiao.sync.runs}, counter, tags {@code job}, {@code status}: added when a run ends (as
 *       {@link SyncListener}; a run skipped because another replica holds the lease counts as a run with status
 *       skipped_lease_held and no records);</li>
 *   <li>{@code qiao.sync.lag}, gauge in seconds between now and the job's checkpoint watermark, and
 *       {@code qiao.dead.letters.open}, gauge of the job's open dead letters, tag {@code job}, for every SyncJob
 *       bean, read from the stores when scraped (so every replica reports the shared state; NaN before the first
 *       checkpoint or when the store cannot be read).</li>
 * </ul>
 */
public final class QiaoMetrics implements ApiCallListenerFactory, SyncListener, SmartInitializingSingleton,
        ApplicationContextAware {
    private final MeterRegistry registry;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private ApplicationContext context;

    QiaoMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public ApiCallListener forVendor(String vendor) {
        Map<String, Timer> timers = new ConcurrentHashMap<>();
        return event -> timers.computeIfAbsent(event.operation() + '\u0000' + event.outcome(), k -> Timer
                .builder("qiao.api.calls")
                .description("Attempts of vendor API calls")
                .tag("vendor", vendor)
                .tag("operation", event.operation())
                .tag("outcome", lower(event.outcome()))
                .register(registry)).record(nonNegative(event.duration()));
    }

    @Override
    public void runFinished(SyncReport report) {
        String job = report.job();
        Counter.builder("qiao.sync.runs").description("Runs of sync jobs").tag("job", job)
                .tag("status", lower(report.status())).register(registry).increment();
        records(job, "read", report.read());
        records(job, "written", report.written());
        records(job, "dead_lettered", report.deadLettered());
    }

    private void records(String job, String outcome, long n) {
        // Registered even at 0, so that a dashboard's rate() has a series from the first run on.
        Counter.builder("qiao.sync.records").description("Records of sync jobs by outcome").tag("job", job)
                .tag("outcome", outcome).register(registry).increment(n);
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (SyncJob<?, ?> job : context.getBeansOfType(SyncJob.class).values()) {
            gauges(job);
        }
    }

    /** Registers the job's gauges (once per job name). */
    void gauges(SyncJob<?, ?> job) {
        if (!gauged.add(job.name())) {
            return;
        }
        Gauge.builder("qiao.sync.lag", job, QiaoMetrics::lagSeconds).description(
                "Seconds between now and the job's checkpoint watermark").baseUnit("seconds").tag("job", job.name())
                .strongReference(true).register(registry);
        Gauge.builder("qiao.dead.letters.open", job, QiaoMetrics::openDeadLetters).description(
                "Open dead letters of the job").tag("job", job.name()).strongReference(true).register(registry);
    }

    static double lagSeconds(SyncJob<?, ?> job) {
        try {
            Optional<Checkpoint> c = job.admin().checkpoint();
            if (c.isEmpty()) {
                return Double.NaN;
            }
            return Duration.between(c.get().position().watermark(), job.clock().instant()).toMillis() / 1000.0;
        } catch (RuntimeException unreadable) {
            return Double.NaN;
        }
    }

    static double openDeadLetters(SyncJob<?, ?> job) {
        try {
            return openByReason(job).values().stream().mapToLong(Long::longValue).sum();
        } catch (RuntimeException unreadable) {
            return Double.NaN;
        }
    }

    /** Every open dead letter of the job, by normalised reason. */
    static Map<String, Long> openByReason(SyncJob<?, ?> job) {
        // The stores keep milliseconds: the end is the next one, so that what was recorded in this one counts.
        Instant end = job.clock().instant().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        return job.deadLetters().summary(job.name(), Instant.EPOCH, end);
    }

    private static Duration nonNegative(Duration d) {
        return d == null || d.isNegative() ? Duration.ZERO : d;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "QiaoMetrics{jobs=" + gauged + "}";
    }
}
