package io.qiao.spring.boot;

import io.qiao.client.Secret;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.observe.WebhookAlerter;
import java.net.URI;
import java.time.Clock;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link SyncJobs} factory, the job status, the webhook alerters and the scheduler of the jobs named in
 * {@code qiao.jobs.*}. Needs a checkpoint and a dead-letter store: the JDBC ones of
 * {@link QiaoStateAutoConfiguration} or the application's own.
 */
@AutoConfiguration(after = QiaoStateAutoConfiguration.class)
@ConditionalOnBean({CheckpointStore.class, DeadLetterStore.class})
@EnableConfigurationProperties(QiaoProperties.class)
public class QiaoJobsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    QiaoJobStatus qiaoJobStatus() {
        return new QiaoJobStatus(Clock.systemUTC());
    }

    /** Every SyncListener bean (metrics, alerts, status) is handed to the jobs' builders. */
    @Bean
    @ConditionalOnMissingBean
    SyncJobs syncJobs(CheckpointStore checkpoints, DeadLetterStore deadLetters, ObjectProvider<SyncListener> listeners) {
        return new SyncJobs(checkpoints, deadLetters, listeners.orderedStream().collect(Collectors.toList()));
    }

    @Bean
    @ConditionalOnMissingBean
    QiaoJobScheduler qiaoJobScheduler(QiaoProperties properties, ObjectProvider<SyncJob<?, ?>> jobs) {
        return new QiaoJobScheduler(properties.getJobs(), () -> jobs.orderedStream().collect(Collectors.toList()));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "qiao.alerts.dingtalk", name = "webhook")
    static class DingTalkAlerts {
        @Bean
        WebhookAlerter qiaoDingTalkAlerter(QiaoProperties properties) {
            QiaoProperties.Alerts a = properties.getAlerts();
            WebhookAlerter.Builder b = WebhookAlerter.dingTalk(webhook("qiao.alerts.dingtalk.webhook",
                    a.getDingtalk().getWebhook())).deadLetterThreshold(a.getDeadLetterThreshold());
            if (QiaoClientsAutoConfiguration.present(a.getDingtalk().getSecret())) {
                b.secret(Secret.of(a.getDingtalk().getSecret()));
            }
            return b.build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "qiao.alerts.wecom", name = "webhook")
    static class WeComAlerts {
        @Bean
        WebhookAlerter qiaoWeComAlerter(QiaoProperties properties) {
            QiaoProperties.Alerts a = properties.getAlerts();
            return WebhookAlerter.weCom(webhook("qiao.alerts.wecom.webhook", a.getWecom().getWebhook()))
                    .deadLetterThreshold(a.getDeadLetterThreshold()).build();
        }
    }

    /** The URL carries the robot's token: an error names the property, never the value. */
    private static URI webhook(String property, String value) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not a valid URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalStateException(property + " must be an http(s) URL");
        }
        return uri;
    }
}
