package io.qiao.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.jackyun.model.Warehouse;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A source record's value through Connect's JsonConverter, with and without schemas, and back into a sink row. */
class JsonConverterRoundTripTest {
    @ParameterizedTest(name = "schemas.enable={0}")
    @ValueSource(booleans = {true, false})
    void aWarehouse_survivesJsonConverter_andBecomesTheSinksRow(boolean schemas) {
        Warehouse w = new Warehouse(12L, "WH000012", "十二号仓", "1", "自建自用", false, null, 1L, "C1", "公司1", 10L, "D10",
                "部门10", "杭州", "0571", "联系人", LocalDateTime.of(2024, 4, 1, 8, 0), LocalDateTime.of(2024, 5, 2, 9, 30),
                List.of());
        Object value = ModelValues.plain(w);
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);

        byte[] bytes = converter.fromConnectData("wh", null, value);
        SchemaAndValue back = converter.toConnectData("wh", bytes);

        String json = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"warehouseCode\":\"WH000012\"").contains("\"gmtModified\":\"2024-05-02 09:30:00\"");
        Map<String, String> sink = new HashMap<>();
        sink.put("connection.url", "jdbc:h2:mem:x");
        sink.put("table", "warehouse");
        sink.put("key.fields", "warehouseCode");
        Map<String, Object> row = new SinkRows(new SinkConfig(sink)).row(back.value());
        assertThat(row).containsEntry("warehouse_code", "WH000012").containsEntry("warehouse_id", 12L)
                .containsEntry("gmt_modified", "2024-05-02 09:30:00");
    }
}
