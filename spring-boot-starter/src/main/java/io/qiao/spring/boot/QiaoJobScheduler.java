package io.qiao.spring.boot;

import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncScheduler;
import io.qiao.sync.internal.Limits;
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
    /** The shortest and longest {@code every}: the range the CLI's {@code --every} takes. */
    static final Duration EVERY_MIN = Duration.ofSeconds(1);
    static final Duration EVERY_MAX = Duration.ofDays(366);
    /** The shortest {@code stale-after}; the longest is sync-core's {@link Limits#LONGEST} (100 years). */
    static final Duration STALE_AFTER_MIN = Duration.ofSeconds(1);

    private final Map<String, QiaoProperties.Job> config;
    private final Supplier<List<SyncJob<?, ?>>> jobBeans;
    private volatile List<SyncJob<?, ?>> jobs = List.of();
    private volatile SyncScheduler scheduler;

    /**
     * The jobs are looked up at start, once every bean exists, so that no job bean is created early for this; the
     * {@code qiao.jobs} entries are checked here, so that a bad one fails the startup before anything runs.
     */
    QiaoJobScheduler(Map<String, QiaoProperties.Job> config, Supplier<List<SyncJob<?, ?>>> jobs) {
        new TreeMap<>(config).forEach(QiaoJobScheduler::check);
        this.config = Map.copyOf(config);
        this.jobBeans = jobs;
    }

    /**
     * One {@code qiao.jobs.<name>} entry held to its ranges: {@code every} (of an enabled job) from 1s to 366d, as the
     * CLI's {@code --every}: zero or negative would run back to back, a huge one overflows the next turn's arithmetic;
     * {@code stale-after} from 1s to 100 years and, for an enabled job, longer than {@code every}: a negative or zero
     * one, or one shorter than the pause between two runs, would report a healthy job as stale.
     */
    static void check(String name, QiaoProperties.Job job) {
        String key = "qiao.jobs." + name;
        Duration every = job.getEvery();
        if (job.isEnabled() && (every == null || every.compareTo(EVERY_MIN) < 0 || every.compareTo(EVERY_MAX) > 0)) {
            throw new IllegalStateException(key + ".every must be a positive duration between 1s and 366d (e.g. 5m), "
                    + "was " + (every == null ? "not set" : spelled(every)));
        }
        Duration staleAfter = job.getStaleAfter();
        if (staleAfter == null) {
            return;
        }
        if (staleAfter.compareTo(STALE_AFTER_MIN) < 0 || staleAfter.compareTo(Limits.LONGEST) > 0) {
            throw new IllegalStateException(key + ".stale-after must be a positive duration between 1s and "
                    + Limits.LONGEST.toDays() + "d (100 years), e.g. 2h; leave it unset for never stale; was "
                    + spelled(staleAfter));
        }
        if (job.isEnabled() && staleAfter.compareTo(every) <= 0) {
            throw new IllegalStateException(key + ".stale-after (" + spelled(staleAfter) + ") must be longer than "
                    + key + ".every (" + spelled(every) + "): the job would turn stale between two runs");
        }
    }

    /** A duration as the properties spell it ("90s", "-5m", "2h", "3d"), else ISO-8601. */
    private static String spelled(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() != 0) {
            return d.toString();
        }
        return s % 86_400 == 0 && s != 0 ? s / 86_400 + "d" : s % 3600 == 0 && s != 0 ? s / 3600 + "h"
                : s % 60 == 0 && s != 0 ? s / 60 + "m" : s + "s";
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
                Duration every = job.getEvery(); // checked by the constructor
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
