package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowMapperTest {
    record WarehouseRow(String warehouseCode, String sourceID, int status) {
    }

    @Test
    void snakeCase_splitsAtLowerToUpperBoundaries() {
        assertThat(RowMapper.snakeCase("warehouseCode")).isEqualTo("warehouse_code");
        assertThat(RowMapper.snakeCase("sourceID")).isEqualTo("source_id");
        assertThat(RowMapper.snakeCase("id")).isEqualTo("id");
        assertThat(RowMapper.snakeCase("createTime2")).isEqualTo("create_time2");
    }

    @Test
    void auto_mapsRecordComponentsInOrder() {
        Map<String, ?> row = RowMapper.<WarehouseRow>auto().toRow(new WarehouseRow("WH1", "9", 1));

        assertThat(row.keySet()).containsExactly("warehouse_code", "source_id", "status");
        assertThat(new java.util.ArrayList<Object>(row.values())).containsExactly("WH1", "9", 1);
    }

    @Test
    void auto_takesMapsAsTheyAre_andRefusesOtherTypes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 1);
        assertThat(RowMapper.auto().toRow(m)).isEqualTo(m);
        assertThatThrownBy(() -> RowMapper.auto().toRow("text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void recordColumns_readComponentsWithoutAMap() {
        RecordColumns.Shape shape = new RecordColumns().shapeOf(new WarehouseRow("WH1", "9", 1));

        assertThat(shape.columns()).containsExactly("warehouse_code", "source_id", "status");
        assertThat(shape.values(new WarehouseRow("WH2", "8", 2))).containsExactly("WH2", "8", 2);
    }
}
