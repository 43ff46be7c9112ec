package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qiao.archive.ArchiveClient;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.kis.KisClient;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class QiaoClientsAutoConfigurationTest {
    private static JackyunSimulator jackyun;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QiaoClientsAutoConfiguration.class));

    @BeforeAll
    static void startSimulator() {
        jackyun = JackyunSimulator.builder().build().start();
    }

    @AfterAll
    static void stopSimulator() {
        jackyun.close();
    }

    @Test
    void noEndpoint_noClientBeans() {
        runner.withPropertyValues("qiao.jackyun.app-key=k", "qiao.jackyun.app-secret=s").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(JackyunClient.class);
            assertThat(context).doesNotHaveBean(JushuitanClient.class);
            assertThat(context).doesNotHaveBean(KisClient.class);
            assertThat(context).doesNotHaveBean(ArchiveClient.class);
        });
    }

    @Test
    void eachEndpoint_makesThatVendorsClientOnly() {
        runner.withPropertyValues("qiao.jushuitan.endpoint=http://127.0.0.1:1", "qiao.jushuitan.app-key=k",
                "qiao.jushuitan.app-secret=s", "qiao.jushuitan.access-token=t").run(context -> {
            assertThat(context).hasSingleBean(JushuitanClient.class);
            assertThat(context).doesNotHaveBean(JackyunClient.class);
            assertThat(context).doesNotHaveBean(KisClient.class);
            assertThat(context).doesNotHaveBean(ArchiveClient.class);
        });
        runner.withPropertyValues("qiao.kis.endpoint=http://127.0.0.1:1", "qiao.kis.client-id=c",
                "qiao.kis.client-secret=cs", "qiao.kis.app-key=k", "qiao.kis.app-secret=s",
                "qiao.kis.router-address=r.example").run(context -> {
            assertThat(context).hasSingleBean(KisClient.class);
            assertThat(context).doesNotHaveBean(JushuitanClient.class);
        });
        runner.withPropertyValues("qiao.kis.endpoint=http://127.0.0.1:1", "qiao.kis.client-id=c",
                "qiao.kis.client-secret=cs", "qiao.kis.outer-instance-id=oid").run(context ->
                assertThat(context).hasSingleBean(KisClient.class));
        runner.withPropertyValues("qiao.archive.endpoint=http://127.0.0.1:1", "qiao.archive.app-key=k",
                "qiao.archive.app-secret=s").run(context -> {
            assertThat(context).hasSingleBean(ArchiveClient.class);
            assertThat(context).doesNotHaveBean(KisClient.class);
        });
    }

    @Test
    void jackyunClient_fromProperties_callsTheConfiguredEndpointSignedWithTheConfiguredSecret_andIsTimed() {
        runner.withConfiguration(AutoConfigurations.of(QiaoMetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("qiao.jackyun.endpoint=" + jackyun.endpoint(),
                        "qiao.jackyun.app-key=" + jackyun.appKey(), "qiao.jackyun.app-secret=" + jackyun.appSecret())
                .run(context -> {
                    JackyunClient client = context.getBean(JackyunClient.class);
                    long before = jackyun.requestCount("erp.warehouse.get");
                    long listed = StreamSupport.stream(client.warehouses().list(WarehouseQuery.builder().build())
                            .spliterator(), false).count();
                    // The simulator refuses a wrong signature: an answer proves the key and secret were used.
                    assertThat(listed).isEqualTo(jackyun.warehouses().size());
                    assertThat(jackyun.requestCount("erp.warehouse.get")).isGreaterThan(before);
                    Timer timer = context.getBean(MeterRegistry.class).find("qiao.api.calls")
                            .tags("vendor", "jackyun", "operation", "erp.warehouse.get", "outcome", "success").timer();
                    assertThat(timer).isNotNull();
                    assertThat(timer.count()).isEqualTo(jackyun.requestCount("erp.warehouse.get") - before);
                });
    }

    @Test
    void userDefinedClient_starterBacksOff() {
        runner.withUserConfiguration(OwnJackyun.class)
                .withPropertyValues("qiao.jackyun.endpoint=http://127.0.0.1:1", "qiao.jackyun.app-key=k",
                        "qiao.jackyun.app-secret=s")
                .run(context -> {
                    assertThat(context).hasSingleBean(JackyunClient.class);
                    assertThat(context.getBean(JackyunClient.class)).isSameAs(context.getBean("ownJackyun"));
                });
    }

    @Test
    void missingSecret_failsNamingTheProperty() {
        runner.withPropertyValues("qiao.jackyun.endpoint=http://127.0.0.1:1", "qiao.jackyun.app-key=k")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("qiao.jackyun.app-secret is required");
                });
    }

    @Test
    void kisIncomplete_failsNamingWhatIsMissing_neverTheSecret() {
        runner.withPropertyValues("qiao.kis.endpoint=http://127.0.0.1:1", "qiao.kis.client-id=c",
                "qiao.kis.client-secret=kis-top-secret-value").run(context -> {
                    assertThat(context).hasFailed();
                    Throwable root = context.getStartupFailure();
                    while (root.getCause() != null && !root.getMessage().startsWith("qiao.kis")) {
                        root = root.getCause();
                    }
                    assertThat(root.getMessage()).startsWith("qiao.kis").contains("routerAddress");
                    assertThat(stackText(context.getStartupFailure())).doesNotContain("kis-top-secret-value");
                });
    }

    @Test
    void badEndpoint_failsNamingTheProperty_neverTheSecret() {
        runner.withPropertyValues("qiao.archive.endpoint=ftp://archive", "qiao.archive.app-key=k",
                "qiao.archive.app-secret=archive-top-secret-value").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("qiao.archive.endpoint must be an http(s) URL");
                    assertThat(stackText(context.getStartupFailure())).doesNotContain("archive-top-secret-value");
                });
    }

    private static String stackText(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnJackyun {
        @Bean(destroyMethod = "close")
        JackyunClient ownJackyun() {
            return JackyunClient.builder().credentials(JackyunCredentials.of("own", "own-secret")).build();
        }
    }
}
