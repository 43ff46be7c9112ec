package io.qiao.spring.boot;

import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Schedules the {@link SyncJob} beans named in {@code qiao.jobs.<name>.*} once the context is refreshed, and stops
 * them when it closes: planning stops, each running job finishes the batch it is writing (committed if it completes
 * a window) and the context waits for that, at most {@link #SHUTDOWN_TIMEOUT}. A job never overlaps itself.
 * A {@code qiao.jobs} entry without a SyncJob bean of that name fails the startup, naming the jobs there are.
 */
public final class QiaoJobScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(QiaoJobScheduler.class);
    /** How long closing the context waits for running jobs to finish their current batch. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofMinutes(1);

    private final Map<String, QiaoProperties.Job> config;
    private final Supplier<List<SyncJob<?, ?>>> jobBeans;
    private volatile List<SyncJob<?, ?>> jobs = List.of();
    private volatile SyncScheduler scheduler;

    /** The jobs are looked up at start, once every bean exists, so that no job bean is created early for this. */
    QiaoJobScheduler(Map<String, QiaoProperties.Job> config, Supplier<List<SyncJob<?, ?>>> jobs) {
        this.config = Map.copyOf(config);
        this.jobBeans = jobs;
    }

    @Override
    public void start() {
        jobs = List.copyOf(jobBeans.get());
        SyncScheduler s = SyncScheduler.create(Math.max(1, (int) config.values().stream()
                .filter(QiaoProperties.Job::isEnabled).count()));
        try {
            // Every entry is checked before any job is planned: a bad one fails the startup with nothing running.
            List<Runnable> plans = new ArrayList<>();
            for (Map.Entry<String, QiaoProperties.Job> e : new TreeMap<>(config).entrySet()) {
                String name = e.getKey();
                QiaoProperties.Job job = e.getValue();
                if (!job.isEnabled()) {
                    log.info("qiao.jobs.{}: disabled, not scheduled", name);
                    continue;
                }
                Duration every = job.getEvery();
                if (every == null || every.isNegative() || every.isZero()) {
                    throw new IllegalStateException("qiao.jobs." + name
                            + ".every must be a positive duration (e.g. 5m), was " + every);
                }
                SyncJob<?, ?> bean = find(name);
                plans.add(() -> s.schedule(bean, every, Duration.ZERO));
            }
            plans.forEach(Runnable::run);
        } catch (RuntimeException e) {
            s.shutdown(Duration.ZERO);
            throw e;
        }
        this.scheduler = s;
    }

    private SyncJob<?, ?> find(String name) {
        for (SyncJob<?, ?> j : jobs) {
            if (j.name().equals(name)) {
                return j;
            }
        }
        TreeSet<String> known = new TreeSet<>();
        jobs.forEach(j -> known.add(j.name()));
        throw new IllegalStateException("qiao.jobs." + name + ": no SyncJob bean has the name '" + name
                + "'; the SyncJob beans are named " + known);
    }

    @Override
    public void stop() {
        SyncScheduler s = scheduler;
        if (s != null) {
            if (!s.shutdown(SHUTDOWN_TIMEOUT)) {
                log.warn("qiao jobs still running {} after the stop request; the context closes without them",
                        SHUTDOWN_TIMEOUT);
            }
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** The names of the scheduled jobs. */
    public List<String> scheduledJobs() {
        SyncScheduler s = scheduler;
        return s == null ? List.of() : s.jobNames();
    }

    /** Runs a scheduled job now, unless it is running; for the {@code qiao} endpoint and operators. */
    public void runNow(String job) {
        SyncScheduler s = scheduler;
        if (s == null) {
            throw new IllegalStateException("the qiao job scheduler is not running");
        }
        s.runNow(job);
    }
}
