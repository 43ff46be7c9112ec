package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.ListSource;
import io.qiao.sync.SyncJob;
import io.qiao.testkit.LogCapture;
import io.qiao.testkit.SecretLeaks;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class QiaoEndpointAndLogsTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, QiaoClientsAutoConfiguration.class,
                    QiaoStateAutoConfiguration.class, QiaoJobsAutoConfiguration.class,
                    QiaoActuatorAutoConfiguration.class));

    @Test
    void replay_isRefusedWithConflictWhileTheJobRuns() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:replay-409;DB_CLOSE_DELAY=-1",
                "qiao.state.initialize-schema=true", "qiao.jobs.blocked.every=1h")
                .withUserConfiguration(BlockedJob.class).run(context -> {
                    BlockedJob blocked = context.getBean(BlockedJob.class);
                    QiaoEndpoint endpoint = new QiaoEndpoint(context.getBean(QiaoJobsView.class));
                    try {
                        assertThat(blocked.writing.await(60, TimeUnit.SECONDS)).isTrue();
                        WebEndpointResponse<Map<String, Object>> r = endpoint.act("blocked", "replay");
                        assertThat(r.getStatus()).isEqualTo(409);
                        assertThat(r.getBody().get("error").toString()).contains("'blocked' is running");
                        assertThat(endpoint.act("nope", "replay").getStatus()).isEqualTo(404);
                        assertThat(endpoint.job("nope").getStatus()).isEqualTo(404);
                    } finally {
                        blocked.release.countDown();
                    }
                });
    }

    @Test
    void startupAndCalls_neverLogTheSecrets() {
        String secret = "qiao-log-test-secret-0123456789";
        try (JackyunSimulator sim = JackyunSimulator.builder().appSecret(secret).build().start();
             LogCapture logs = LogCapture.debug("io.qiao", "org.springframework")) {
            runner.withPropertyValues("qiao.jackyun.endpoint=" + sim.endpoint(), "qiao.jackyun.app-key=" + sim.appKey(),
                    "qiao.jackyun.app-secret=" + secret).run(context -> {
                        JackyunClient client = context.getBean(JackyunClient.class);
                        client.warehouses().list(WarehouseQuery.builder().build()).forEach(w -> { });
                    });
            String kisSecret = "kis-log-test-secret-0123456789";
            runner.withPropertyValues("qiao.kis.endpoint=http://127.0.0.1:1", "qiao.kis.client-id=c",
                    "qiao.kis.client-secret=" + kisSecret).run(context -> assertThat(context).hasFailed());
            assertThat(logs.text()).contains("qiao.kis");
            SecretLeaks.assertNone("startup and call logs", logs.text(), List.of(secret, kisSecret));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BlockedJob {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Bean
        SyncJob<Integer, Integer> blockedJob(SyncJobs jobs) {
            InMemorySink<Integer, Integer> sink = InMemorySink.keyedBy(x -> x);
            return jobs.builder("blocked").source(ListSource.of(List.of(1, 2))).sink(batch -> {
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
}
