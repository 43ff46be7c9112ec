package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.ListSource;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.WriteResult;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Two application contexts (two replicas of one app) on one MariaDB database, both scheduling the same job: the
 * job's lease in the shared qiao_checkpoint table lets one run it per turn; the other skips that turn.
 */
class TwoReplicasMariaDbIT {
    /** Unique per run, so that rows of earlier runs in the shared database do not matter. */
    static final String JOB = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
    static final CountDownLatch firstWrite = new CountDownLatch(1);
    static final CountDownLatch release = new CountDownLatch(1);
    static final AtomicInteger written = new AtomicInteger();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Replica {
        @Bean
        SyncJob<Integer, Integer> shared(SyncJobs jobs) {
            List<Integer> records = IntStream.range(0, 5).boxed().toList();
            return jobs.builder(JOB).source(ListSource.of(records)).sink(batch -> {
                firstWrite.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.addAndGet(batch.size());
                return WriteResult.allWritten(batch.size());
            }).build();
        }
    }

    private static ConfigurableApplicationContext replica() {
        return new SpringApplicationBuilder(Replica.class).web(WebApplicationType.NONE).properties(
                "spring.datasource.url=jdbc:mariadb://127.0.0.1:3306/test", "spring.datasource.username=root",
                "qiao.state.initialize-schema=true", "qiao.jobs." + JOB + ".every=1h").run();
    }

    @Test
    void twoReplicas_runTheScheduledJobOncePerTurn() throws Exception {
        try (ConfigurableApplicationContext a = replica()) {
            // a's first turn holds the lease while its write is blocked.
            assertThat(firstWrite.await(60, TimeUnit.SECONDS)).isTrue();
            try (ConfigurableApplicationContext b = replica()) {
                QiaoJobStatus statusA = a.getBean(QiaoJobStatus.class);
                QiaoJobStatus statusB = b.getBean(QiaoJobStatus.class);
                // b's first turn starts with b: it finds the lease held and skips (counted, not a failure).
                awaitSkip(statusB);
                assertThat(statusB.status(JOB).runs()).isZero();
                assertThat(statusB.lastReport(JOB)).isEmpty();
                release.countDown();
                awaitReport(statusA);
                SyncReport ranA = statusA.lastReport(JOB).orElseThrow();
                assertThat(ranA.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
                assertThat(written.get()).isEqualTo(5);
                // Both replicas see the one checkpoint a committed in the shared table.
                SyncJob<?, ?> onB = b.getBean(SyncJob.class);
                assertThat(onB.admin().checkpoint().orElseThrow().position().cursor())
                        .isEqualTo("5");
            }
        }
    }

    /** Waits (bounding a hang only) for a turn skipped because the other replica held the lease. */
    private static void awaitSkip(QiaoJobStatus status) throws InterruptedException {
        for (int i = 0; i < 600 && !sawSkip(status); i++) {
            Thread.sleep(100);
        }
        assertThat(sawSkip(status)).as("the second replica's turn was skipped for the lease").isTrue();
    }

    private static boolean sawSkip(QiaoJobStatus status) {
        return status.lastSkippedForLease(JOB).isPresent();
    }

    private static void awaitReport(QiaoJobStatus status) throws InterruptedException {
        for (int i = 0; i < 600 && status.lastReport(JOB).isEmpty(); i++) {
            Thread.sleep(100);
        }
    }
}
