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
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import io.qiao.sync.SyncJob;

/**
 * With Actuator on the class path: the {@code /actuator/qiao} endpoint, the sanitizing function that masks Qiao's
 * secrets in {@code /actuator/env} and {@code /actuator/configprops}, and the {@code qiao} health contributor. The
 * health contributor is Boot 3's: Boot 4 moved health to {@code org.springframework.boot.health.contributor}, so on
 * Boot 4 only the endpoint and the sanitizing function are made (StarterOnBoot4Test).
 */
@AutoConfiguration(after = QiaoJobsAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
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

    @Bean
    @ConditionalOnBean(QiaoJobStatus.class)
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(endpoint = QiaoEndpoint.class)
    QiaoEndpoint qiaoEndpoint(QiaoJobsView view) {
        return new QiaoEndpoint(view);
    }

    /** Boot 3's health API; nested so that Boot 4, which lacks it, skips only this part. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        // On QiaoJobStatus, made by an earlier auto-configuration: member classes are read before the outer
        // class's bean methods, so QiaoJobsView is not known yet when this condition is evaluated.
        @Bean(name = "qiaoHealthIndicator")
        @ConditionalOnBean(QiaoJobStatus.class)
        @ConditionalOnMissingBean(name = "qiaoHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("qiao")
        QiaoHealthIndicator qiaoHealthIndicator(QiaoJobsView view) {
            return new QiaoHealthIndicator(view);
        }
    }
}
