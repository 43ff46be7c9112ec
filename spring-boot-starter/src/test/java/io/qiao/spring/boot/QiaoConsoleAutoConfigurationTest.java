package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.console.ApiCallLog;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.JushuitanCredentials;
import io.qiao.console.QiaoConsole;
import io.qiao.console.RunHistory;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.ListSource;
import io.qiao.sync.SyncJob;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.console.ConsolePipeline;
import io.qiao.console.ConsoleRequest;
import io.qiao.sync.observe.SyncStatusStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.system.ApplicationTemp;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class QiaoConsoleAutoConfigurationTest {
    private static final AutoConfigurations CONFIGS = AutoConfigurations.of(QiaoJobsAutoConfiguration.class,
            QiaoConsoleAutoConfiguration.class);
    @TempDir
    Path history;
    private WebApplicationContextRunner web;

    @BeforeEach
    void runner() {
        web = new WebApplicationContextRunner().withConfiguration(CONFIGS).withUserConfiguration(Stores.class)
                .withPropertyValues("qiao.console.history-dir=" + history);
    }

    @Configuration(proxyBeanMethods = false)
    static class Stores {
        @Bean
        CheckpointStore checkpoints() {
            return new InMemoryCheckpointStore();
        }

        @Bean
        DeadLetterStore deadLetters() {
            return new InMemoryDeadLetterStore();
        }

        @Bean
        SyncJob<Integer, Integer> numbers(SyncJobs jobs) {
            return jobs.builder("numbers").source(ListSource.of(List.of(1, 2))).sink(InMemorySink.keyedBy(x -> x))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnConsole {
        @Bean
        QiaoConsole myConsole(SyncJob<Integer, Integer> numbers) {
            return QiaoConsole.builder().pipeline(ConsolePipeline.of(numbers, SyncStatusStore.inMemory())).build();
        }
    }

    @Test
    void servletApplication_withTheConsole_mountsItAtQiao_overEverySyncJob() {
        web.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(registration(context).getUrlMappings()).containsExactly("/qiao/*");
            String overview = context.getBean(QiaoConsole.class)
                    .handle(new ConsoleRequest("GET", "/api/overview", Map.of(), Map.of(), null)).text();
            assertThat(overview).contains("\"name\":\"numbers\"");
        });
    }

    @Test
    void noSyncJobBean_noConsole_noServlet_andNoFailure() {
        new WebApplicationContextRunner().withConfiguration(CONFIGS)
                .withBean(CheckpointStore.class, InMemoryCheckpointStore::new)
                .withBean(DeadLetterStore.class, InMemoryDeadLetterStore::new).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SyncJobs.class);
                    assertThat(context).doesNotHaveBean(QiaoConsole.class).doesNotHaveBean(ServletRegistrationBean.class);
                });
    }

    @Test
    void customPath_isHonoured() {
        web.withPropertyValues("qiao.console.path=/ops/qiao").run(context ->
                assertThat(registration(context).getUrlMappings()).containsExactly("/ops/qiao/*"));
    }

    @Test
    void disabled_noConsole_noServlet() {
        web.withPropertyValues("qiao.console.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(QiaoConsole.class).doesNotHaveBean(ServletRegistrationBean.class);
        });
    }

    @Test
    void consoleNotOnTheClassPath_noServlet() {
        web.withClassLoader(new FilteredClassLoader(QiaoConsole.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ServletRegistrationBean.class);
        });
    }

    @Test
    void notAWebApplication_noConsole_noServlet() {
        new ApplicationContextRunner().withConfiguration(CONFIGS).withUserConfiguration(Stores.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(QiaoConsole.class).doesNotHaveBean(ServletRegistrationBean.class);
        });
    }

    @Test
    void applicationsOwnConsole_backsOffOurs_andIsTheOneMounted() {
        web.withUserConfiguration(OwnConsole.class).run(context -> {
            assertThat(context).hasSingleBean(QiaoConsole.class).hasBean("myConsole").doesNotHaveBean("qiaoConsole");
            assertThat(registration(context).getUrlMappings()).containsExactly("/qiao/*");
        });
    }

    @Test
    void runsAndApiCalls_areRecordedInTheHistoryDir_whereTheConsoleReadsThem() {
        web.run(context -> {
            assertThat(context).hasNotFailed();
            RunHistory runs = context.getBean(RunHistory.class);
            assertThat(runs.toString()).contains(history.resolve("runs.jsonl").toString());
            assertThat(context.getBean(ApiCallLog.class).file()).isEqualTo(history.resolve("api-calls.jsonl"));
            assertThat(context.getBean(SyncJobs.class).toString()).contains("listeners=2"); // the status and the history

            SyncJob<?, ?> numbers = context.getBean("numbers", SyncJob.class);
            numbers.runOnce();
            assertThat(runs.read(java.time.Instant.EPOCH)).singleElement()
                    .satisfies(r -> assertThat(r.written()).isEqualTo(2));
            context.getBeansOfType(ApiCallListenerFactory.class).values().forEach(f -> f.forVendor("kis")
                    .onCall(new io.qiao.client.ApiCallEvent("kis.material.list", io.qiao.client.ApiCallEvent.Outcome.SUCCESS,
                            1, java.time.Duration.ofMillis(5), 200, null)));
            String usage = context.getBean(QiaoConsole.class)
                    .handle(new ConsoleRequest("GET", "/api/api-usage", Map.of(), Map.of(), null)).text();
            assertThat(usage).contains("\"operation\":\"kis.material.list\",\"vendor\":\"kis\",\"calls\":1");
        });
    }

    @Test
    void aVendorsClientNotOnTheClassPath_startsWithoutIt_andTheOthersLimitsAreDrawn() {
        web.withConfiguration(AutoConfigurations.of(QiaoClientsAutoConfiguration.class))
                .withPropertyValues(JACKYUN).withPropertyValues(JUSHUITAN)
                .withClassLoader(new FilteredClassLoader(JushuitanClient.class)).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JackyunClient.class);
                    Map<String, JsonNode> vendors = apiUsageVendors(context);
                    assertThat(vendors).containsOnlyKeys("jackyun");
                    assertThat(vendors.get("jackyun").path("limitPerSecond").asDouble()).isEqualTo(10.0);
                });
    }

    @Test
    void applicationsOwnClient_itsRateLimitsAreTheOnesDrawn() {
        web.withConfiguration(AutoConfigurations.of(QiaoClientsAutoConfiguration.class))
                .withPropertyValues(JUSHUITAN)
                .withBean(JushuitanClient.class, () -> jushuitan(RateLimits.of(RateLimit.perSecond(2))))
                .run(context -> {
                    assertThat(context).hasSingleBean(JushuitanClient.class);
                    JsonNode jushuitan = apiUsageVendors(context).get("jushuitan");
                    assertThat(jushuitan.path("limitPerSecond").asDouble()).isEqualTo(2.0);
                    assertThat(jushuitan.path("limits")).hasSize(1);
                });
    }

    @Test
    void twoClientsOfOneVendor_eachWithItsOwnAccount_noLimitIsDrawnForThatVendor() {
        web.withBean("shopA", JushuitanClient.class, () -> jushuitan(RateLimits.of(RateLimit.perSecond(2))))
                .withBean("shopB", JushuitanClient.class, () -> jushuitan(RateLimits.of(RateLimit.perSecond(3))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(apiUsageVendors(context)).doesNotContainKey("jushuitan");
                });
    }

    private static final String[] JACKYUN = {"qiao.jackyun.endpoint=http://127.0.0.1:9", "qiao.jackyun.app-key=k",
            "qiao.jackyun.app-secret=s"};
    private static final String[] JUSHUITAN = {"qiao.jushuitan.endpoint=http://127.0.0.1:9",
            "qiao.jushuitan.app-key=k", "qiao.jushuitan.app-secret=s"};

    private static JushuitanClient jushuitan(RateLimits limits) {
        return JushuitanClient.builder().endpoint(URI.create("http://127.0.0.1:9"))
                .credentials(JushuitanCredentials.of("k", "s")).rateLimits(limits).build();
    }

    /** The console's API-usage {@code vendors[]}, keyed by vendor. */
    private static Map<String, JsonNode> apiUsageVendors(org.springframework.context.ApplicationContext context)
            throws Exception {
        String usage = context.getBean(QiaoConsole.class)
                .handle(new ConsoleRequest("GET", "/api/api-usage", Map.of(), Map.of(), null)).text();
        Map<String, JsonNode> vendors = new LinkedHashMap<>();
        new ObjectMapper().readTree(usage).path("vendors").forEach(v -> vendors.put(v.path("vendor").asText(), v));
        return vendors;
    }

    @Test
    void historyDir_unset_isQiaoConsoleInBootsApplicationTempDirectory() {
        new WebApplicationContextRunner().withConfiguration(CONFIGS).withUserConfiguration(Stores.class).run(context ->
                assertThat(context.getBean(ApiCallLog.class).file())
                        .isEqualTo(new ApplicationTemp().getDir("qiao-console").toPath().resolve("api-calls.jsonl")));
    }

    @Test
    void historyDir_thatCannotBeADirectory_failsStartup_namingTheProperty() throws Exception {
        Path file = Files.writeString(history.resolve("a-file"), "x");
        web.withPropertyValues("qiao.console.history-dir=" + file).run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("qiao.console.history-dir '" + file + "' cannot be made a directory"));
    }

    @Test
    void consoleDisabled_recordsNothing() {
        web.withPropertyValues("qiao.console.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(RunHistory.class).doesNotHaveBean(ApiCallLog.class);
            assertThat(context.getBean(SyncJobs.class).toString()).contains("listeners=1");
        });
    }

    @Test
    void badPath_failsStartup_namingTheProperty() {
        web.withPropertyValues("qiao.console.path=qiao/").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("qiao.console.path 'qiao/' must start with '/'"));
    }

    @Test
    void shortToken_failsStartup_namingThePropertyNotTheValue() {
        web.withPropertyValues("qiao.console.token=short7x").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("qiao.console.token must be at least 8 characters")
                .hasMessageNotContaining("short7x"));
    }

    @SuppressWarnings("unchecked")
    private static ServletRegistrationBean<?> registration(org.springframework.context.ApplicationContext context) {
        return context.getBean("qiaoConsoleServlet", ServletRegistrationBean.class);
    }
}
