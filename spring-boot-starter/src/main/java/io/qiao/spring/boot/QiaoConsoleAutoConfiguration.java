package io.qiao.spring.boot;

import io.qiao.console.ConsolePipeline;
import io.qiao.console.QiaoConsole;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncStatus;
import io.qiao.sync.observe.SyncStatusStore;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The Qiao console under the application's own server: a {@link QiaoConsole} over every SyncJob bean, served by a
 * servlet at {@code qiao.console.path} (default {@code /qiao}), behind the application's security. Writes need the
 * container's authenticated user or {@code qiao.console.token}; the console's CSRF checks apply to both.
 */
@AutoConfiguration(after = QiaoJobsAutoConfiguration.class)
@ConditionalOnClass({QiaoConsole.class, jakarta.servlet.http.HttpServlet.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "qiao.console", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(QiaoProperties.class)
public class QiaoConsoleAutoConfiguration {

    @Bean
    QiaoConsoleServlet.HostAuthentication qiaoConsoleHostAuthentication() {
        return new QiaoConsoleServlet.HostAuthentication();
    }

    /** Every SyncJob bean becomes a pipeline; the statuses are those this instance saw (as the health shows). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({QiaoJobStatus.class, SyncJob.class}) // a console without a pipeline is refused by its builder
    QiaoConsole qiaoConsole(QiaoProperties properties, QiaoJobStatus status, ObjectProvider<SyncJob<?, ?>> jobs,
                            QiaoConsoleServlet.HostAuthentication authentication) {
        SyncStatusStore statuses = statusesOf(status);
        QiaoConsole.Builder b = QiaoConsole.builder().authorizer(authentication);
        try {
            b.token(properties.getConsole().getToken());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("qiao.console.token must be at least 8 characters (its value is not shown)");
        }
        jobs.orderedStream().forEach(j -> b.pipeline(ConsolePipeline.of(j, statuses)));
        return b.build();
    }

    @Bean
    @ConditionalOnBean(QiaoConsole.class)
    ServletRegistrationBean<QiaoConsoleServlet> qiaoConsoleServlet(QiaoProperties properties, QiaoConsole console,
                                                                   QiaoConsoleServlet.HostAuthentication authentication) {
        String path = path(properties.getConsole().getPath());
        ServletRegistrationBean<QiaoConsoleServlet> r =
                new ServletRegistrationBean<>(new QiaoConsoleServlet(console, authentication), path + "/*");
        r.setName("qiaoConsole");
        return r;
    }

    /** {@code qiao.console.path} checked: starts with "/", no trailing "/", no wildcard. */
    static String path(String value) {
        String p = value == null ? "" : value.strip();
        if (!p.startsWith("/") || p.length() < 2 || p.endsWith("/") || p.contains("*") || p.contains("?")
                || p.contains(" ")) {
            throw new IllegalStateException("qiao.console.path '" + value
                    + "' must start with '/', name at least one segment and not end with '/' (e.g. /qiao)");
        }
        return p;
    }

    /** The statuses this instance saw, read-only: the console reads them, the job status listener writes them. */
    private static SyncStatusStore statusesOf(QiaoJobStatus status) {
        return new SyncStatusStore() {
            @Override
            public Optional<SyncStatus> load(String job) {
                return Optional.of(status.status(job));
            }

            @Override
            public void save(SyncStatus s) {
                throw new UnsupportedOperationException("the console does not write job statuses");
            }
        };
    }
}
