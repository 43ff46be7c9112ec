package io.qiao.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerUpsertBenchTest {

    @Test
    void dataxUpsert_isDataXsMysqlUpdateTemplate_everyColumnUpdatedTheKeyToo() {
        assertThat(PeerUpsertBench.dataxUpsert("t", List.of("id", "code", "name")))
                .isEqualTo("INSERT INTO t (id,code,name) VALUES(?,?,?) ON DUPLICATE KEY UPDATE "
                        + "id=VALUES(id),code=VALUES(code),name=VALUES(name)");
    }

    @Test
    void withParams_appendsToAnExistingQuery_orStartsOne() {
        assertThat(PeerUpsertBench.withParams("jdbc:mysql://h/db?user=root", "a=1"))
                .isEqualTo("jdbc:mysql://h/db?user=root&a=1");
        assertThat(PeerUpsertBench.withParams("jdbc:mysql://h/db", "a=1")).isEqualTo("jdbc:mysql://h/db?a=1");
    }

    @Test
    void springBatchStatement_isASingleRowUpsertWithOnePlaceholderPerColumn() {
        String sql = PeerUpsertBench.singleRowUpsert("t");
        assertThat(sql).startsWith("INSERT INTO t (" + JdbcUpsertBench.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE");
        assertThat(sql.chars().filter(ch -> ch == '?').count()).isEqualTo(JdbcUpsertBench.COLUMNS.split(",").length);
    }
}
