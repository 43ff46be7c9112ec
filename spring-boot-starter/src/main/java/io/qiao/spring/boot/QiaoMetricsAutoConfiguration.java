package io.qiao.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Qiao's meters, only when {@code micrometer-core} is on the class path and the application has a
 * {@link MeterRegistry}: {@code qiao.api.calls} from every client the starter builds, {@code qiao.sync.*} and
 * {@code qiao.dead.letters.open} from every job built with {@link SyncJobs}. Both class names of Boot's composite
 * registry configuration are listed: it moved to spring-boot-micrometer-metrics in Boot 4.
 */
@AutoConfiguration(before = {QiaoClientsAutoConfiguration.class, QiaoJobsAutoConfiguration.class}, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class QiaoMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    QiaoMetrics qiaoMetrics(ObjectProvider<MeterRegistry> registry) {
        return new QiaoMetrics(registry.getObject());
    }
}
