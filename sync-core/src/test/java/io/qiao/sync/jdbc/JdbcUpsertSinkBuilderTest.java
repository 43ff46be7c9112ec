package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcUpsertSinkBuilderTest {
    private final DataSource ds = TestDatabase.H2.dataSource();

    @Test
    void build_withoutKey_namesTheMissingSetting() {
        assertThatThrownBy(() -> JdbcUpsertSink.into(ds, "warehouse").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs key(...)");
    }

    @Test
    void into_withAnInjectedTableName_isRefused() {
        assertThatThrownBy(() -> JdbcUpsertSink.into(ds, "warehouse; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JdbcUpsertSink.into(table) 'warehouse; DROP TABLE x'");
    }

    @Test
    void build_keyOutsideTheColumns_isRefused() {
        assertThatThrownBy(() -> JdbcUpsertSink.into(ds, "t").key("code").columns("id", "name").build())
                .hasMessageContaining("key column 'code' is not among columns [id, name]");
    }

    @Test
    void build_insertOnlyKey_isRefused() {
        assertThatThrownBy(() -> JdbcUpsertSink.into(ds, "t").key("id").insertOnly("id").build())
                .hasMessageContaining("insert-only column 'id' is a key column");
    }

    @Test
    void checkpoints_onAnotherDataSource_areRefused() {
        JdbcCheckpointStore elsewhere = JdbcCheckpointStore.of(TestDatabase.H2.dataSource());

        assertThatThrownBy(() -> JdbcUpsertSink.into(ds, "t").key("id").checkpoints(elsewhere))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another DataSource");
    }

    @Test
    void numericSettings_mustBePositive() {
        assertThatThrownBy(() -> JdbcUpsertSink.into(ds, "t").batchSize(0)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> JdbcUpsertSink.into(ds, "t").rowsPerStatement(0)).hasMessageContaining("rowsPerStatement");
    }

    @Test
    void writers_outsideOneToSixteen_areRefused_namingTheSetting() {
        assertThatThrownBy(() -> JdbcUpsertSink.into(ds, "t").writers(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("writers must be between 1 and 16, was 0");
        assertThatThrownBy(() -> JdbcUpsertSink.into(ds, "t").writers(17))
                .hasMessage("writers must be between 1 and 16, was 17");
    }
}
