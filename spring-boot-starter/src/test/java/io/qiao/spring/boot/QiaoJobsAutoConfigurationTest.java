package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.ListSource;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.observe.WebhookAlerter;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JdbcDeadLetterStore;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class QiaoJobsAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    QiaoStateAutoConfiguration.class, QiaoJobsAutoConfiguration.class,
                    QiaoMetricsAutoConfiguration.class, QiaoActuatorAutoConfiguration.class));

    private static String h2(String name) {
        return "spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void noDataSource_noStores_noSyncJobs() {
        runner.withClassLoader(new FilteredClassLoader("org.h2", "com.zaxxer")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(CheckpointStore.class);
            assertThat(context).doesNotHaveBean(SyncJobs.class);
            assertThat(context).doesNotHaveBean(QiaoJobScheduler.class);
        });
    }

    @Test
    void dataSource_initializeSchema_createsBothTables_andJobsGetALease() {
        runner.withPropertyValues(h2("schema-on"), "qiao.state.initialize-schema=true").run(context -> {
            assertThat(context).hasSingleBean(JdbcCheckpointStore.class).hasSingleBean(JdbcDeadLetterStore.class);
            DataSource db = context.getBean(DataSource.class);
            assertThat(count(db, "qiao_checkpoint")).isZero();
            assertThat(count(db, "qiao_dead_letter")).isZero();
            SyncJob<?, ?> job = context.getBean(SyncJobs.class).builder("j").source(ListSource.of(List.of(1)))
                    .sink(InMemorySink.keyedBy(x -> x)).build();
            assertThat(job.toString()).contains("lease=" + SyncJobs.DEFAULT_LEASE);
            assertThat(job.checkpoints()).isSameAs(context.getBean(CheckpointStore.class));
        });
    }

    @Test
    void dataSource_withoutInitializeSchema_createsNoTable() {
        runner.withPropertyValues(h2("schema-off")).run(context -> {
            assertThat(context).hasSingleBean(JdbcCheckpointStore.class);
            DataSource db = context.getBean(DataSource.class);
            assertThatThrownBy(() -> count(db, "qiao_checkpoint")).hasMessageContaining("QIAO_CHECKPOINT");
        });
    }

    @Test
    void ownStores_starterBacksOff_andJobsRunWithoutLease() {
        runner.withPropertyValues(h2("own-stores")).withUserConfiguration(OwnStores.class).run(context -> {
            assertThat(context).doesNotHaveBean(JdbcCheckpointStore.class).doesNotHaveBean(JdbcDeadLetterStore.class);
            SyncJob<?, ?> job = context.getBean(SyncJobs.class).builder("j").source(ListSource.of(List.of(1)))
                    .sink(InMemorySink.keyedBy(x -> x)).build();
            assertThat(job.checkpoints()).isInstanceOf(InMemoryCheckpointStore.class);
            assertThat(job.toString()).doesNotContain("lease");
        });
    }

    @Test
    void jobsNamedInProperties_withoutABean_failStartupNamingTheKnownJobs() {
        runner.withPropertyValues(h2("unknown-job"), "qiao.state.initialize-schema=true", "qiao.jobs.nope.every=5m")
                .withUserConfiguration(TwoJobs.class).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("qiao.jobs.nope: no SyncJob bean has the name 'nope'")
                            .hasMessageContaining("[alpha, beta]");
                });
    }

    @Test
    void jobWithoutEvery_failsStartupNamingTheProperty() {
        runner.withPropertyValues(h2("no-every"), "qiao.state.initialize-schema=true", "qiao.jobs.alpha.stale-after=1h")
                .withUserConfiguration(TwoJobs.class).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("qiao.jobs.alpha.every must be a positive duration");
                });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "every=-5m      | stale-after=2h     | qiao.jobs.alpha.every must be a positive duration between 1s and 366d (e.g. 5m), was -5m",
            "every=0s       | stale-after=2h     | qiao.jobs.alpha.every must be a positive duration between 1s and 366d (e.g. 5m), was 0s",
            "every=367d     | enabled=true       | qiao.jobs.alpha.every must be a positive duration between 1s and 366d (e.g. 5m), was 367d",
            "every=99999999999999s | enabled=true | qiao.jobs.alpha.every must be a positive duration between 1s and 366d (e.g. 5m), was 99999999999999s",
            "every=1h       | stale-after=-1h    | qiao.jobs.alpha.stale-after must be a positive duration between 1s and 36525d (100 years), e.g. 2h; leave it unset for never stale; was -1h",
            "every=1h       | stale-after=0s     | qiao.jobs.alpha.stale-after must be a positive duration between 1s and 36525d (100 years), e.g. 2h; leave it unset for never stale; was 0s",
            "every=1h       | stale-after=36526d | qiao.jobs.alpha.stale-after must be a positive duration between 1s and 36525d (100 years), e.g. 2h; leave it unset for never stale; was 36526d",
            "every=1h       | stale-after=1h     | qiao.jobs.alpha.stale-after (1h) must be longer than qiao.jobs.alpha.every (1h): the job would turn stale between two runs",
            "enabled=false  | stale-after=-90s   | qiao.jobs.alpha.stale-after must be a positive duration between 1s and 36525d (100 years), e.g. 2h; leave it unset for never stale; was -90s"})
    void everyAndStaleAfter_negativeZeroOrHuge_failStartupNamingThePropertyAndTheValue(String first, String second,
                                                                                       String message) {
        runner.withPropertyValues(h2("bounds"), "qiao.state.initialize-schema=true", "qiao.jobs.alpha." + first,
                "qiao.jobs.alpha." + second).withUserConfiguration(TwoJobs.class).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
                });
    }

    @Test
    void everyAndStaleAfter_atTheirBounds_areScheduled() {
        runner.withPropertyValues(h2("at-bounds"), "qiao.state.initialize-schema=true", "qiao.jobs.alpha.every=366d",
                "qiao.jobs.alpha.stale-after=36525d", "qiao.jobs.beta.every=1s", "qiao.jobs.beta.enabled=false",
                "qiao.jobs.beta.stale-after=1s").withUserConfiguration(TwoJobs.class)
                .run(context -> assertThat(context.getBean(QiaoJobScheduler.class).scheduledJobs())
                        .containsExactly("alpha"));
    }

    @Test
    void onlyEnabledJobsNamedInProperties_areScheduled_andEachRuns() {
        runner.withPropertyValues(h2("scheduled"), "qiao.state.initialize-schema=true", "qiao.jobs.alpha.every=1h",
                "qiao.jobs.beta.every=1h", "qiao.jobs.beta.enabled=false").withUserConfiguration(TwoJobs.class)
                .run(context -> {
                    assertThat(context.getBean(QiaoJobScheduler.class).scheduledJobs()).containsExactly("alpha");
                    QiaoJobStatus status = context.getBean(QiaoJobStatus.class);
                    awaitRun(status, "alpha");
                    assertThat(status.lastReport("alpha").orElseThrow().status()).isEqualTo(SyncReport.Status.SUCCEEDED);
                    assertThat(context.getBean("alpha", SyncJob.class).admin().checkpoint()).isPresent();
                    assertThat(status.lastReport("beta")).isEmpty();
                });
    }

    @Test
    void metricsAndHealth_onlyWithTheirLibraries() {
        runner.withPropertyValues(h2("no-metrics")).run(context -> {
            assertThat(context).doesNotHaveBean(QiaoMetrics.class);
            assertThat(context).hasBean("qiaoHealthIndicator");
        });
        runner.withPropertyValues(h2("metrics")).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(QiaoMetrics.class));
        runner.withPropertyValues(h2("no-actuator")).withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean("qiaoHealthIndicator");
                    assertThat(context).doesNotHaveBean(QiaoEndpoint.class);
                });
        runner.withPropertyValues(h2("health-off"), "management.health.qiao.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("qiaoHealthIndicator"));
    }

    @Test
    void alerts_fromProperties_areListenersOfEveryJob() {
        runner.withPropertyValues(h2("alerts"), "qiao.alerts.wecom.webhook=http://127.0.0.1:1/hook?key=k",
                "qiao.alerts.dingtalk.webhook=http://127.0.0.1:1/robot?access_token=t",
                "qiao.alerts.dingtalk.secret=SECs").run(context -> {
                    assertThat(context.getBeansOfType(WebhookAlerter.class)).hasSize(2);
                });
        runner.withPropertyValues(h2("bad-alert"), "qiao.alerts.wecom.webhook=ftp://secret-key-in-url").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("qiao.alerts.wecom.webhook must be an http(s) URL")
                    .hasMessageNotContaining("secret-key-in-url");
        });
    }

    /**
     * Closing the context while a job writes a batch: the close waits for that batch, the run then ends (stopped,
     * not failed) and the batch's checkpoint is committed.
     */
    @Test
    void contextClose_waitsForTheBatchBeingWritten_andTheRunEndsWithItsCheckpoint() {
        runner.withPropertyValues(h2("shutdown"), "qiao.state.initialize-schema=true", "qiao.jobs.slow.every=1h")
                .withUserConfiguration(SlowJob.class).run(context -> {
                    SlowJob slow = context.getBean(SlowJob.class);
                    QiaoJobStatus status = context.getBean(QiaoJobStatus.class);
                    assertThat(slow.writing.await(60, TimeUnit.SECONDS)).as("the scheduled run writes").isTrue();
                    Thread closer = new Thread(context::close);
                    closer.start();
                    // Lets the close ask for the stop first; the assertions hold either way but for the status.
                    Thread.sleep(300);
                    assertThat(closer.isAlive()).as("the close waits for the batch being written").isTrue();
                    slow.release.countDown();
                    closer.join(120_000);
                    assertThat(closer.isAlive()).isFalse();
                    SyncReport report = status.lastReport("slow").orElseThrow();
                    assertThat(report.status()).isIn(SyncReport.Status.STOPPED, SyncReport.Status.SUCCEEDED);
                    assertThat(report.written()).isPositive();
                    // Committed before the DataSource closed (the scheduler stops before beans are destroyed);
                    // ListSource's cursor is the offset of the next record: it equals what the sink holds.
                    assertThat(report.checkpointAfter().cursor()).isEqualTo(Long.toString(slow.sink.size()));
                });
    }

    private static void awaitRun(QiaoJobStatus status, String job) throws InterruptedException {
        // Bounds a hang only; the run has no deadline.
        for (int i = 0; i < 600 && status.lastReport(job).isEmpty(); i++) {
            Thread.sleep(100);
        }
    }

    private static int count(DataSource db, String table) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStores {
        @Bean
        CheckpointStore checkpoints() {
            return new InMemoryCheckpointStore();
        }

        @Bean
        DeadLetterStore deadLetters() {
            return new InMemoryDeadLetterStore();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SlowJob {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final InMemorySink<Integer, Integer> sink = InMemorySink.keyedBy(x -> x);

        @Bean
        SyncJob<Integer, Integer> slowJob(SyncJobs jobs) {
            List<Integer> records = IntStream.range(0, 20).boxed().toList();
            return jobs.builder("slow").source(ListSource.of(records)).batchSize(1).sink(batch -> {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return sink.write(batch);
            }).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoJobs {
        @Bean
        SyncJob<Integer, Integer> alpha(SyncJobs jobs) {
            return jobs.builder("alpha").source(ListSource.of(List.of(1, 2, 3))).sink(InMemorySink.keyedBy(x -> x))
                    .build();
        }

        @Bean
        SyncJob<Integer, Integer> beta(SyncJobs jobs) {
            return jobs.builder("beta").source(ListSource.of(List.of(1))).sink(InMemorySink.keyedBy(x -> x)).build();
        }
    }
}
