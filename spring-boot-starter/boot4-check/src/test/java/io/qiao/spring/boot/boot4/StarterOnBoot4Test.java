package io.qiao.spring.boot.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.spring.boot.QiaoActuatorAutoConfiguration;
import io.qiao.spring.boot.QiaoClientsAutoConfiguration;
import io.qiao.spring.boot.QiaoEndpoint;
import io.qiao.spring.boot.QiaoSanitizingFunction;
import io.qiao.spring.boot.QiaoJobScheduler;
import io.qiao.spring.boot.QiaoJobStatus;
import io.qiao.spring.boot.QiaoJobsAutoConfiguration;
import io.qiao.spring.boot.QiaoMetricsAutoConfiguration;
import io.qiao.spring.boot.QiaoStateAutoConfiguration;
import io.qiao.spring.boot.SyncJobs;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.ListSource;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter's auto-configuration on Spring Boot 4.0: clients, stores, jobs and metrics. */
class StarterOnBoot4Test {

    @Test
    void runsOnBoot4() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0");
    }

    @Test
    void clientStoresScheduledJobAndMeters_workOnBoot4() throws Exception {
        try (JackyunSimulator sim = JackyunSimulator.builder().build().start()) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                            QiaoClientsAutoConfiguration.class, QiaoStateAutoConfiguration.class,
                            QiaoJobsAutoConfiguration.class, QiaoMetricsAutoConfiguration.class))
                    .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                    .withUserConfiguration(OneJob.class)
                    .withPropertyValues("spring.datasource.url=jdbc:h2:mem:boot4;DB_CLOSE_DELAY=-1",
                            "qiao.state.initialize-schema=true", "qiao.jobs.boot4-job.every=1h",
                            "qiao.jackyun.endpoint=" + sim.endpoint(), "qiao.jackyun.app-key=" + sim.appKey(),
                            "qiao.jackyun.app-secret=" + sim.appSecret())
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(JdbcCheckpointStore.class);
                        JackyunClient client = context.getBean(JackyunClient.class);
                        long n = 0;
                        for (Object w : client.warehouses().list(WarehouseQuery.builder().build())) {
                            n++;
                        }
                        assertThat(n).isEqualTo(sim.warehouses().size());
                        assertThat(context.getBean(QiaoJobScheduler.class).scheduledJobs()).containsExactly("boot4-job");
                        QiaoJobStatus status = context.getBean(QiaoJobStatus.class);
                        for (int i = 0; i < 600 && status.lastReport("boot4-job").isEmpty(); i++) {
                            Thread.sleep(100);
                        }
                        assertThat(status.lastReport("boot4-job").orElseThrow().status())
                                .isEqualTo(SyncReport.Status.SUCCEEDED);
                        MeterRegistry meters = context.getBean(MeterRegistry.class);
                        assertThat(meters.get("qiao.sync.records").tags("job", "boot4-job", "outcome", "written")
                                .counter().count()).isEqualTo(3);
                        assertThat(meters.get("qiao.api.calls").tags("vendor", "jackyun").timers()).isNotEmpty();
                    });
        }
    }

    /** Boot 4 keeps the endpoint and sanitizing APIs; its health API moved, so the Boot 3 contributor stays off. */
    @Test
    void actuatorOnBoot4_endpointAndSanitizing_butNoHealthContributor() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        QiaoStateAutoConfiguration.class, QiaoJobsAutoConfiguration.class,
                        QiaoActuatorAutoConfiguration.class))
                .withUserConfiguration(OneJob.class)
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:boot4-actuator;DB_CLOSE_DELAY=-1",
                        "qiao.state.initialize-schema=true", "spring.jmx.enabled=true",
                        "management.endpoints.jmx.exposure.include=qiao")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(QiaoSanitizingFunction.class);
                    assertThat(context).hasSingleBean(QiaoEndpoint.class);
                    assertThat(context).doesNotHaveBean("qiaoHealthIndicator");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> jobs = (Map<String, Object>) context.getBean(QiaoEndpoint.class).jobs()
                            .get("jobs");
                    assertThat(jobs).containsKey("boot4-job");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OneJob {
        @Bean
        SyncJob<Integer, Integer> boot4Job(SyncJobs jobs) {
            return jobs.builder("boot4-job").source(ListSource.of(List.of(1, 2, 3))).sink(InMemorySink.keyedBy(x -> x))
                    .build();
        }
    }
}
