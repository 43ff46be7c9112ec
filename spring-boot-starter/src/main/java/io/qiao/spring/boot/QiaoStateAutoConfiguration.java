package io.qiao.spring.boot;

import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JdbcDeadLetterStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The JDBC checkpoint store (which also grants the job leases) and dead-letter store on the application's
 * {@code DataSource}, each unless the application defines its own {@link CheckpointStore} or
 * {@link DeadLetterStore}. With {@code qiao.state.initialize-schema=true} their tables are created at startup when
 * missing. Both class names of DataSourceAutoConfiguration are listed: it moved to spring-boot-jdbc in Boot 4.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnClass(DataSource.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(QiaoProperties.class)
public class QiaoStateAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CheckpointStore.class)
    JdbcCheckpointStore qiaoCheckpointStore(DataSource dataSource, QiaoProperties properties) {
        // Each replica gets its own default owner id (pid@host plus a random part), so leases tell replicas apart.
        JdbcCheckpointStore store = JdbcCheckpointStore.of(dataSource);
        if (properties.getState().isInitializeSchema()) {
            store.createTablesIfMissing();
        }
        return store;
    }

    @Bean
    @ConditionalOnMissingBean(DeadLetterStore.class)
    JdbcDeadLetterStore qiaoDeadLetterStore(DataSource dataSource, QiaoProperties properties) {
        JdbcDeadLetterStore store = JdbcDeadLetterStore.of(dataSource);
        if (properties.getState().isInitializeSchema()) {
            store.createTablesIfMissing();
        }
        return store;
    }
}
