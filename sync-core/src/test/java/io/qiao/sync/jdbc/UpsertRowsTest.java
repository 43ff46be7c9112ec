package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.record.Rejection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link UpsertRows} alone: records to rows, before any database. */
class UpsertRowsTest {
    record Item(long id, String warehouseCode, Integer qty) {
    }

    private static UpsertRows<Item> items() {
        return new UpsertRows<>("item", List.of("id"), null, null);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void prepare_javaRecords_becomeOneSnakeCaseColumnPerComponent() {
        UpsertRows.Prepared<Item> prepared = items().prepare(List.of(new Item(1, "W1", 5), new Item(2, "W2", null)));

        assertThat(prepared.columns()).containsExactly("id", "warehouse_code", "qty");
        assertThat(prepared.rows()).extracting(r -> java.util.Arrays.toString(r.values()))
                .containsExactly("[1, W1, 5]", "[2, W2, null]");
        assertThat(prepared.rejected()).isEmpty();
    }

    @Test
    void prepare_repeatedKey_keepsTheLastRecordAtTheLastRecordsPlace() {
        Item first = new Item(1, "A", 1);
        Item other = new Item(2, "B", 2);
        Item last = new Item(1, "A", 3);

        UpsertRows.Prepared<Item> prepared = items().prepare(List.of(first, other, last));

        assertThat(prepared.rows()).extracting(UpsertRows.Row::record).containsExactly(other, last);
    }

    @Test
    void prepare_compositeKeyWithBytes_collapsesEqualContents() {
        UpsertRows<Map<String, Object>> rows = new UpsertRows<>("t", List.of("shop", "sku"), null, null);

        UpsertRows.Prepared<Map<String, Object>> prepared = rows.prepare(List.of(
                map("shop", "s1", "sku", new byte[] {1, 2}, "qty", 1),
                map("shop", "s1", "sku", new byte[] {1, 2}, "qty", 2),
                map("shop", "s2", "sku", new byte[] {1, 2}, "qty", 3)));

        assertThat(prepared.rows()).extracting(r -> r.values()[2]).containsExactly(2, 3);
    }

    @Test
    void prepare_withFixedColumns_ordersValuesAsTheColumns_whateverTheMapsOrder() {
        UpsertRows<Map<String, Object>> rows = new UpsertRows<>("t", List.of("id"), List.of("id", "name"), null);

        UpsertRows.Prepared<Map<String, Object>> prepared = rows.prepare(List.of(map("name", "n", "id", 7L)));

        assertThat(prepared.columns()).containsExactly("id", "name");
        assertThat(prepared.rows().get(0).values()).containsExactly(7L, "n");
    }

    @Test
    void prepare_refusesBadRecordsBeforeTheDatabase_namingWhatIsWrong() {
        RowMapper<String> mapper = s -> switch (s) {
            case "good" -> map("id", 1L, "name", "g");
            case "nullKey" -> map("id", null, "name", "n");
            case "otherColumns" -> map("id", 3L);
            case "empty" -> Map.of();
            default -> throw new IllegalStateException("no such item " + s);
        };
        UpsertRows<String> rows = new UpsertRows<>("item", List.of("id"), null, mapper);

        UpsertRows.Prepared<String> prepared = rows.prepare(List.of("good", "nullKey", "otherColumns", "empty", "boom"));

        assertThat(prepared.rows()).extracting(UpsertRows.Row::record).containsExactly("good");
        assertThat(prepared.rejected()).allSatisfy(r -> assertThat(r.stage()).isEqualTo(Rejection.Stage.WRITE));
        assertThat(prepared.rejected()).extracting(r -> r.record() + ": " + r.reasons().get(0)).containsExactly(
                "nullKey: key column 'id' is null",
                "otherColumns: row has columns [id] but this batch writes [id, name] into item",
                "empty: the mapper gave no columns for item",
                "boom: cannot map the record to a row of item: no such item boom");
    }

    @Test
    void prepare_mapperColumnsWithoutTheKeyOrWithAnInjectedName_rejectTheRecord() {
        UpsertRows<Map<String, Object>> rows = new UpsertRows<>("item", List.of("id"), null, null);

        UpsertRows.Prepared<Map<String, Object>> noKey = rows.prepare(List.of(map("name", "n")));
        UpsertRows.Prepared<Map<String, Object>> injected = rows.prepare(List.of(map("id", 1L, "name; DROP", "n")));

        assertThat(noKey.rejected().get(0).reasons().get(0)).contains("key column 'id' is not among the mapped columns");
        assertThat(injected.rejected().get(0).reasons().get(0)).contains("is not a valid SQL identifier");
        assertThat(noKey.rows()).isEmpty();
        assertThat(injected.rows()).isEmpty();
    }
}
