package io.qiao.spring.boot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import io.qiao.sync.SyncJob;

/**
 * With Actuator on the class path: the {@code qiao} health contributor, the {@code /actuator/qiao} endpoint and the
 * sanitizing function that masks Qiao's secrets in {@code /actuator/env} and {@code /actuator/configprops}.
 */
@AutoConfiguration(after = QiaoJobsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
public class QiaoActuatorAutoConfiguration {

    /**
     * Boot 3 shows no value in env and configprops unless {@code management.endpoint.*.show-values} says so; then
     * only SanitizingFunction beans mask. This one keeps Qiao's secrets (and the robots' webhook URLs, which
     * carry their tokens) masked whatever show-values says.
     */
    @Bean
    @ConditionalOnMissingBean(QiaoSanitizingFunction.class)
    SanitizingFunction qiaoSanitizingFunction() {
        return new QiaoSanitizingFunction();
    }

    @Bean
    @ConditionalOnBean(QiaoJobStatus.class)
    @ConditionalOnMissingBean
    QiaoJobsView qiaoJobsView(QiaoJobStatus status, QiaoProperties properties, ObjectProvider<SyncJob<?, ?>> jobs) {
        return new QiaoJobsView(status, properties, jobs);
    }

    @Bean(name = "qiaoHealthIndicator")
    @ConditionalOnBean(QiaoJobsView.class)
    @ConditionalOnMissingBean(name = "qiaoHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("qiao")
    QiaoHealthIndicator qiaoHealthIndicator(QiaoJobsView view) {
        return new QiaoHealthIndicator(view);
    }

    @Bean
    @ConditionalOnBean(QiaoJobsView.class)
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(endpoint = QiaoEndpoint.class)
    QiaoEndpoint qiaoEndpoint(QiaoJobsView view) {
        return new QiaoEndpoint(view);
    }
}
