package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Json;
import io.qiao.jackyun.model.Transfer;
import io.qiao.jackyun.model.TransferQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code erp.allocate.get}: the bizcontent actually sent, paging, and the live answer's shape parsed. */
class TransfersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant MAY_1 = LocalDateTime.of(2024, 5, 1, 0, 0).atZone(Json.SHANGHAI).toInstant();

    private static String page(Map<String, String> form, int total) {
        try {
            JsonNode biz = MAPPER.readTree(form.get("bizcontent"));
            int index = biz.get("pageIndex").asInt();
            int size = biz.get("pageSize").asInt();
            String rows = IntStream.range(index * size, Math.min(total, (index + 1) * size))
                    .mapToObj(i -> "{\"allocateNo\":\"DB" + i + "\",\"status\":\"20\"}")
                    .collect(Collectors.joining(","));
            return "{\"code\":200,\"msg\":\"\",\"subCode\":\"\",\"result\":{\"contextId\":\"1\",\"data\":"
                    + "{\"totalCount\":0,\"stockAllocate\":[" + rows + "]}}}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void list_sendsTheCreationWindowAndEveryFilter_andPagesUntilAShortPage_ignoringTotalCount() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 5));
        JackyunClient client = TestClients.client(t).build();

        List<Transfer> all = client.transfers().list(TransferQuery.builder().createdFrom(MAY_1)
                .createdTo(MAY_1.plus(Duration.ofHours(6))).allocateNos(List.of("DB1", "DB2")).status(20).outStatus(3)
                .inStatus(3).outWarehouseCode("WH1").inWarehouseCode("WH2").pageSize(2).build()).stream().toList();

        assertThat(all).extracting(Transfer::allocateNo).containsExactly("DB0", "DB1", "DB2", "DB3", "DB4");
        String filters = "\"startCreateTime\":\"2024-05-01 00:00:00\",\"endCreateTime\":\"2024-05-01 05:59:59\","
                + "\"allocateNos\":\"DB1,DB2\",\"status\":20,\"outStatus\":3,\"inStatus\":3,\"outWarehouseCode\":\"WH1\","
                + "\"inWarehouseCode\":\"WH2\"}";
        assertThat(t.sent).extracting(f -> f.get("method")).containsOnly("erp.allocate.get");
        assertThat(t.sent).extracting(f -> f.get("bizcontent")).containsExactly(
                "{\"pageIndex\":0,\"pageSize\":2," + filters, "{\"pageIndex\":1,\"pageSize\":2," + filters,
                "{\"pageIndex\":2,\"pageSize\":2," + filters);
    }

    @Test
    void list_aLongCreationRange_isSplitIntoSevenDayWindows() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 0));

        TestClients.client(t).build().transfers().list(TransferQuery.createdBetween(MAY_1, MAY_1.plus(Duration.ofDays(10))))
                .stream().count();

        assertThat(t.sent).extracting(f -> f.get("bizcontent")).containsExactly(
                "{\"pageIndex\":0,\"pageSize\":50,\"startCreateTime\":\"2024-05-01 00:00:00\",\"endCreateTime\":\"2024-05-07 23:59:59\"}",
                "{\"pageIndex\":0,\"pageSize\":50,\"startCreateTime\":\"2024-05-08 00:00:00\",\"endCreateTime\":\"2024-05-10 23:59:59\"}");
    }

    @Test
    void list_decodesTheLiveShape_intWarehouseSpellingTextStatusesAndMixedDateForms() {
        JackyunClient client = TestClients.client(ScriptedTransport.always("{\"code\":200,\"subCode\":\"\",\"result\":"
                + "{\"data\":{\"totalCount\":1,\"stockAllocate\":[{\"allocateId\":\"7000001\",\"allocateNo\":\"DB001\","
                + "\"outWarehouseCode\":\"WH1\",\"outWarehouseName\":\"主仓\",\"intWarehouseCode\":\"WH2\","
                + "\"intWarehouseName\":\"外仓\",\"status\":\"20\",\"outStatus\":3,\"inStatus\":\"3\",\"allocateType\":0,"
                + "\"sourceNo\":\"SRC-1\",\"memo\":\"调拨备注\",\"reason\":\"补货\",\"totalAmount\":\"17.00\","
                + "\"gmtCreate\":\"2024-05-01 10:00:00\",\"gmtModified\":1714532400000,\"auditDate\":null,"
                + "\"stockAllocateDetailViews\":[{\"allocateDetailId\":70,\"goodsId\":\"5\",\"goodsNo\":\"G5\","
                + "\"goodsName\":\"货品5\",\"skuId\":15,\"skuName\":\"规格0\",\"skuBarcode\":\"6900015\","
                + "\"outSkuCode\":\"OUT-5\",\"unitName\":\"Pcs\",\"skuCount\":2,\"outCount\":\"2\",\"inCount\":2,"
                + "\"skuPrice\":8.5,\"totalAmount\":17,\"rowRemark\":\"\"}]}]}}}")).build();

        Transfer t = client.transfers().list(TransferQuery.builder().build()).stream().findFirst().orElseThrow();

        assertThat(t).isEqualTo(new Transfer(7000001L, "DB001", "WH1", "主仓", "WH2", "外仓", 20, 3, 3, 0, "SRC-1",
                "调拨备注", "补货", new BigDecimal("17.00"), LocalDateTime.of(2024, 5, 1, 10, 0),
                LocalDateTime.of(2024, 5, 1, 11, 0), null, List.of(new Transfer.Line(70L, 5L, "G5", "货品5", 15L, "规格0",
                "6900015", "OUT-5", "Pcs", new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("2"),
                new BigDecimal("8.5"), new BigDecimal("17"), ""))));
    }

    @Test
    void list_readsTheInWarehouseSpellingOfErpAllocateSearchToo() {
        JackyunClient client = TestClients.client(ScriptedTransport.always("{\"code\":0,\"result\":{\"data\":"
                + "{\"stockAllocate\":[{\"allocateNo\":\"DB2\",\"inWarehouseCode\":\"WH9\",\"inWarehouseName\":\"九号仓\"}]}}}"))
                .build();

        Transfer t = client.transfers().list(TransferQuery.builder().build()).stream().findFirst().orElseThrow();

        assertThat(t.inWarehouseCode()).isEqualTo("WH9");
        assertThat(t.inWarehouseName()).isEqualTo("九号仓");
        assertThat(t.lines()).isEmpty();
    }

    @Test
    void query_rejectsBadInputNamingTheField() {
        assertThatThrownBy(() -> TransferQuery.builder().pageSize(0)).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> TransferQuery.builder().allocateNos(List.of("DB1,DB2")))
                .hasMessageContaining("allocateNos");
        assertThatThrownBy(() -> TransferQuery.builder().createdTo(MAY_1).build())
                .hasMessageContaining("createdTo").hasMessageContaining("needs a createdFrom");
        assertThatThrownBy(() -> TransferQuery.createdBetween(MAY_1, MAY_1.minusSeconds(1)))
                .hasMessageContaining("createdTo").hasMessageContaining("is before createdFrom");
    }
}
