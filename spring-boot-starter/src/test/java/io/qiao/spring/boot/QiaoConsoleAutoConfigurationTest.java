package io.qiao.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.console.QiaoConsole;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class QiaoConsoleAutoConfigurationTest {
    private static final AutoConfigurations CONFIGS = AutoConfigurations.of(QiaoJobsAutoConfiguration.class,
            QiaoConsoleAutoConfiguration.class);
    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(CONFIGS).withUserConfiguration(Stores.class);

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
