package io.qiao.spring.boot;

import io.qiao.archive.ArchiveClient;
import io.qiao.client.RateLimits;
import io.qiao.console.ApiCallLog;
import io.qiao.console.ConsolePipeline;
import io.qiao.console.QiaoConsole;
import io.qiao.console.RunHistory;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.kis.KisClient;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncStatus;
import io.qiao.sync.observe.SyncStatusStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.system.ApplicationTemp;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Qiao console under the application's own server: a {@link QiaoConsole} over every SyncJob bean, served by a
 * servlet at {@code qiao.console.path} (default {@code /qiao}), behind the application's security. Writes need the
 * container's authenticated user or {@code qiao.console.token}; the console's CSRF checks apply to both.
 *
 * <p>Its charts read what this application records in {@code qiao.console.history-dir}: every run of every job built
 * with {@link SyncJobs} ({@link RunHistory}, a listener of those jobs, {@code runs.jsonl}) and every call of every
 * client the starter builds ({@link ApiCallLog}, an {@link ApiCallListenerFactory}, {@code api-calls.jsonl}), the
 * files and format of the CLI's state directory, so {@code qiao report --errors --state-dir <dir>} reads them too.
 * The API-usage page draws each vendor's rate limit against its pace: the limits of the application's client of that
 * vendor (the one the starter builds, or the application's own when it has exactly one), as {@code qiao console}
 * draws those of the CLI's clients.
 */
@AutoConfiguration(after = {QiaoClientsAutoConfiguration.class, QiaoJobsAutoConfiguration.class})
@ConditionalOnClass({QiaoConsole.class, jakarta.servlet.http.HttpServlet.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "qiao.console", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(QiaoProperties.class)
public class QiaoConsoleAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(QiaoConsoleAutoConfiguration.class);
    /** The files of the CLI's state directory, so that its reports read the application's history too. */
    static final String RUNS_FILE = "runs.jsonl";
    static final String API_CALLS_FILE = "api-calls.jsonl";

    @Bean
    QiaoConsoleServlet.HostAuthentication qiaoConsoleHostAuthentication() {
        return new QiaoConsoleServlet.HostAuthentication();
    }

    /** Every finished run of every job built with {@link SyncJobs}, for the runs chart: it is a listener of them. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({QiaoJobStatus.class, SyncJob.class})
    RunHistory qiaoRunHistory(QiaoProperties properties) {
        Path dir = historyDir(properties.getConsole().getHistoryDir());
        log.info("qiao console: runs and API calls are recorded in {} (qiao.console.history-dir)", dir);
        return RunHistory.in(dir.resolve(RUNS_FILE));
    }

    /** Every call attempt of every client the starter builds, for the API-usage page. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean({QiaoJobStatus.class, SyncJob.class})
    ApiCallLog qiaoApiCallLog(QiaoProperties properties) {
        return ApiCallLog.in(historyDir(properties.getConsole().getHistoryDir()).resolve(API_CALLS_FILE));
    }

    /** Hands the log to the clients of {@link QiaoClientsAutoConfiguration}, each call tagged with its vendor. */
    @Bean
    @ConditionalOnBean(ApiCallLog.class)
    ApiCallListenerFactory qiaoConsoleApiCalls(ApiCallLog calls) {
        return calls::forVendor;
    }

    /** Every SyncJob bean becomes a pipeline; the statuses are those this instance saw (as the health shows). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({QiaoJobStatus.class, SyncJob.class}) // a console without a pipeline is refused by its builder
    QiaoConsole qiaoConsole(QiaoProperties properties, QiaoJobStatus status, ObjectProvider<SyncJob<?, ?>> jobs,
                            QiaoConsoleServlet.HostAuthentication authentication, ObjectProvider<RunHistory> runs,
                            ObjectProvider<ApiCallLog> calls, ObjectProvider<VendorRateLimits> rateLimits) {
        SyncStatusStore statuses = statusesOf(status);
        QiaoConsole.Builder b = QiaoConsole.builder().authorizer(authentication);
        runs.ifAvailable(b::runs);
        calls.ifAvailable(log -> b.apiCalls(log::read));
        rateLimits.orderedStream().forEach(v -> b.rateLimit(v.vendor(), v.limits()));
        try {
            b.token(properties.getConsole().getToken());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("qiao.console.token must be at least 8 characters (its value is not shown)");
        }
        jobs.orderedStream().forEach(j -> b.pipeline(ConsolePipeline.of(j, statuses)));
        return b.build();
    }

    /**
     * The rate limits of one vendor's client, drawn on the API-usage page; {@code vendor} is the name its calls are
     * logged with ({@link ApiCallListenerFactory#forVendor}).
     */
    record VendorRateLimits(String vendor, RateLimits limits) {
    }

    // One class per vendor, each only when that vendor's client is on the class path: a host needs only the clients
    // it uses. Several clients of one vendor (one per account) have limits each, none of which is the vendor's: then
    // no line is drawn rather than a wrong one.

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JackyunClient.class)
    static class JackyunRateLimits {
        @Bean
        @ConditionalOnSingleCandidate(JackyunClient.class)
        VendorRateLimits qiaoConsoleJackyunRateLimits(JackyunClient client) {
            return new VendorRateLimits("jackyun", client.rateLimits());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JushuitanClient.class)
    static class JushuitanRateLimits {
        @Bean
        @ConditionalOnSingleCandidate(JushuitanClient.class)
        VendorRateLimits qiaoConsoleJushuitanRateLimits(JushuitanClient client) {
            return new VendorRateLimits("jushuitan", client.rateLimits());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KisClient.class)
    static class KisRateLimits {
        @Bean
        @ConditionalOnSingleCandidate(KisClient.class)
        VendorRateLimits qiaoConsoleKisRateLimits(KisClient client) {
            return new VendorRateLimits("kis", client.rateLimits());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ArchiveClient.class)
    static class ArchiveRateLimits {
        @Bean
        @ConditionalOnSingleCandidate(ArchiveClient.class)
        VendorRateLimits qiaoConsoleArchiveRateLimits(ArchiveClient client) {
            return new VendorRateLimits("archive", client.rateLimits());
        }
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

    /**
     * {@code qiao.console.history-dir}, made when missing; unset: {@code qiao-console} in Boot's application temp
     * directory ({@link ApplicationTemp}: one per application and user, kept across restarts, readable by its owner
     * only), where Boot keeps persistent servlet sessions too.
     */
    static Path historyDir(String value) {
        if (value == null || value.isBlank()) {
            try {
                return new ApplicationTemp().getDir("qiao-console").toPath();
            } catch (RuntimeException e) {
                throw new IllegalStateException("qiao.console.history-dir is not set and the application's temp "
                        + "directory cannot be made (" + e.getMessage() + "); set qiao.console.history-dir", e);
            }
        }
        Path dir;
        try {
            dir = Path.of(value.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalStateException("qiao.console.history-dir '" + value + "' is not a path: " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("qiao.console.history-dir '" + value + "' cannot be made a directory: " + e,
                    e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalStateException("qiao.console.history-dir '" + value + "' is not writable by this process");
        }
        return dir;
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
