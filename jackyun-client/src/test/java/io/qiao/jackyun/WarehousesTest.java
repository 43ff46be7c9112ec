package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Page;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WarehousesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Serves {@code total} warehouses page by page as the vendor does, ignoring time filters. */
    private static String page(Map<String, String> form, int total) {
        try {
            JsonNode biz = MAPPER.readTree(form.get("bizcontent"));
            int index = biz.get("pageIndex").asInt();
            int size = biz.get("pageSize").asInt();
            String items = IntStream.range(index * size, Math.min(total, (index + 1) * size))
                    .mapToObj(i -> "{\"warehouseId\":\"" + (i + 1) + "\",\"warehouseCode\":\"WH" + (i + 1)
                            + "\",\"isBlockup\":" + (i % 2 == 0 ? "\"0\"" : "1") + "}")
                    .collect(Collectors.joining(","));
            return "{\"code\":0,\"subCode\":\"\",\"result\":{\"contextId\":\"1\",\"data\":{\"warehouseInfo\":[" + items + "]}}}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void list_pagesFromIndexZeroUntilAShortPage() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 250));
        JackyunClient client = TestClients.client(t).build();

        List<Warehouse> all = client.warehouses().list(WarehouseQuery.builder().pageSize(100).build()).stream().toList();

        assertThat(all).hasSize(250);
        assertThat(all).extracting(Warehouse::warehouseId).doesNotHaveDuplicates();
        assertThat(t.sent).extracting(f -> f.get("bizcontent")).containsExactly(
                "{\"pageIndex\":0,\"pageSize\":100}", "{\"pageIndex\":1,\"pageSize\":100}",
                "{\"pageIndex\":2,\"pageSize\":100}");
    }

    @Test
    void list_whenTotalIsAMultipleOfPageSize_stopsOnTheEmptyPage() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 200));
        JackyunClient client = TestClients.client(t).build();

        assertThat(client.warehouses().list(WarehouseQuery.builder().pageSize(100).build()).stream().count())
                .isEqualTo(200);
        assertThat(t.sent).hasSize(3);
    }

    @Test
    void list_isLazy() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 250));
        JackyunClient client = TestClients.client(t).build();

        Iterator<Warehouse> it = client.warehouses().list(WarehouseQuery.builder().pageSize(100).build()).iterator();
        assertThat(t.sent).isEmpty();
        it.next();
        assertThat(t.sent).hasSize(1);
    }

    @Test
    void list_decodesFlagsWhetherTextOrNumber() {
        JackyunClient client = TestClients.client(ScriptedTransport.answering(f -> page(f, 2))).build();

        List<Warehouse> all = client.warehouses().list().stream().toList();

        assertThat(all).extracting(Warehouse::blockup).containsExactly(false, true);
        assertThat(all.get(0).warehouseId()).isEqualTo(1L);
    }

    @Test
    void list_withoutIsBlockup_readsNotBlockedUp() {
        JackyunClient client = TestClients.client(ScriptedTransport.always("{\"code\":0,\"result\":{\"data\":"
                + "{\"warehouseInfo\":[{\"warehouseId\":1},{\"warehouseId\":2,\"isBlockup\":null},"
                + "{\"warehouseId\":3,\"isBlockup\":\"\"}]}}}")).build();

        assertThat(client.warehouses().list().stream().toList()).extracting(Warehouse::blockup)
                .containsExactly(false, false, false);
    }

    @Test
    void list_decodesEveryDocumentedField() {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"code\":0,\"result\":{\"data\":{\"warehouseInfo\":[{\"warehouseId\":\"1001\",\"warehouseCode\":\"WH-A\","
                        + "\"warehouseName\":\"主仓\",\"warehouseTypeCode\":\"1\",\"warehouseTypeName\":\"自建自用\","
                        + "\"isBlockup\":\"1\",\"isDelete\":0,\"warehouseCompanyId\":7,\"warehouseCompanyCode\":\"C7\","
                        + "\"warehouseCompanyName\":\"公司\",\"warehouseDepartId\":\"8\",\"warehouseDepartCode\":\"D8\","
                        + "\"warehouseDepartName\":\"部门\",\"address\":\"杭州\",\"tel\":\"123\",\"linkMan\":\"张三\","
                        + "\"gmtModified\":\"2024-05-02 10:01:00\",\"unknownField\":42,"
                        + "\"salesList\":[{\"warehouseId\":1001,\"channelId\":5,\"channelCode\":\"TB\",\"channelName\":\"淘宝\"}]}]}}}"))
                .build();

        Warehouse w = client.warehouses().list().stream().findFirst().orElseThrow();

        assertThat(w).isEqualTo(new Warehouse(1001L, "WH-A", "主仓", "1", "自建自用", true, false, 7L, "C7", "公司", 8L,
                "D8", "部门", "杭州", "123", "张三", null, LocalDateTime.of(2024, 5, 2, 10, 1),
                List.of(new Warehouse.SalesChannel(1001L, 5L, "TB", "淘宝"))));
    }

    @Test
    void list_whenWindowExceedsMaxWindow_slicesIntoWindows() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 0));
        JackyunClient client = TestClients.client(t).build();
        LocalDateTime from = LocalDateTime.of(2024, 1, 1, 0, 0);

        List<Page<Warehouse>> pages = toList(client.warehouses().list(WarehouseQuery.modifiedBetween(from,
                from.plusDays(3)).toBuilder().maxWindow(Duration.ofDays(1)).build()).byPage());

        assertThat(pages).hasSize(3);
        assertThat(t.sent).extracting(f -> f.get("bizcontent")).containsExactly(
                "{\"pageIndex\":0,\"pageSize\":100,\"gmtModifiedStart\":\"2024-01-01 00:00:00\",\"gmtModifiedEnd\":\"2024-01-01 23:59:59\"}",
                "{\"pageIndex\":0,\"pageSize\":100,\"gmtModifiedStart\":\"2024-01-02 00:00:00\",\"gmtModifiedEnd\":\"2024-01-02 23:59:59\"}",
                "{\"pageIndex\":0,\"pageSize\":100,\"gmtModifiedStart\":\"2024-01-03 00:00:00\",\"gmtModifiedEnd\":\"2024-01-03 23:59:59\"}");
    }

    @Test
    void list_pagesToTheEndAcrossWindows() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 150)); // every window has 150
        JackyunClient client = TestClients.client(t).build();
        LocalDateTime from = LocalDateTime.of(2024, 1, 1, 0, 0);

        long count = client.warehouses().list(WarehouseQuery.builder().modifiedFrom(from).modifiedTo(from.plusDays(2))
                .maxWindow(Duration.ofDays(1)).pageSize(100).build()).stream().count();

        assertThat(count).isEqualTo(300);
        assertThat(t.sent).hasSize(4);
    }

    @Test
    void list_resumesFromAContinuationToken() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 250));
        JackyunClient client = TestClients.client(t).build();
        var listing = client.warehouses().list(WarehouseQuery.builder().pageSize(100).build());

        String token = listing.byPage().iterator().next().nextToken();
        List<Page<Warehouse>> rest = toList(listing.byPage(token));

        assertThat(rest).hasSize(2);
        assertThat(rest.get(0).items().get(0).warehouseId()).isEqualTo(101L);
    }

    @Test
    void list_modifiedSince_endsAtTheClocksNow() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 0));
        JackyunClient client = TestClients.client(t).build();

        client.warehouses().list(WarehouseQuery.modifiedSince(LocalDateTime.of(2024, 1, 1, 11, 0))).stream().count();

        assertThat(t.sent.get(0).get("bizcontent")).contains("\"gmtModifiedStart\":\"2024-01-01 11:00:00\"",
                "\"gmtModifiedEnd\":\"2024-01-01 11:59:59\"");
    }

    @Test
    void query_rejectsBadInputNamingTheField() {
        assertThatThrownBy(() -> WarehouseQuery.builder().pageSize(500))
                .hasMessageContaining("pageSize").hasMessageContaining("500");
        LocalDateTime t0 = LocalDateTime.of(2024, 1, 2, 0, 0);
        assertThatThrownBy(() -> WarehouseQuery.modifiedBetween(t0, t0.minusDays(1)))
                .hasMessageContaining("modifiedTo").hasMessageContaining("before");
    }

    private static <T> List<T> toList(Iterable<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEach(out::add);
        return out;
    }
}
