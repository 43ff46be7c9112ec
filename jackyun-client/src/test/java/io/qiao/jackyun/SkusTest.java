package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Json;
import io.qiao.jackyun.model.Sku;
import io.qiao.jackyun.model.SkuQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@code erp.storage.goodslist}: the bizcontent actually sent, both paging forms, and the rows parsed. */
class SkusTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The head the live API answers this method with (antgit2024/ai-costing-system). */
    private static final String OK_HEAD = "{\"code\":200,\"msg\":\"操作成功\",\"subCode\":\"0030000004\",";

    /** {@code total} SKUs with skuId 1..total, served after maxSkuId (cursor) or by pageIndex (no cursor). */
    private static String page(Map<String, String> form, int total) {
        try {
            JsonNode biz = MAPPER.readTree(form.get("bizcontent"));
            int size = biz.get("pageSize").asInt();
            long after = biz.has("maxSkuId") ? biz.get("maxSkuId").asLong() : (long) biz.get("pageIndex").asInt() * size;
            String rows = LongStream.rangeClosed(after + 1, Math.min(total, after + size))
                    .mapToObj(id -> "{\"skuId\":\"" + id + "\",\"goodsId\":\"" + (1 + id / 3) + "\",\"goodsNo\":\"G" + id
                            + "\",\"isBlockup\":0,\"skuIsBlockup\":\"0\",\"skuGmtModified\":1716605439000}")
                    .collect(Collectors.joining(","));
            return OK_HEAD + "\"result\":{\"contextId\":\"1\",\"data\":{\"goods\":[" + rows + "]}}}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void list_withoutARange_walksTheMaxSkuIdCursorFromZeroWithPageIndexZero() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 5));
        JackyunClient client = TestClients.client(t).build();

        List<Sku> all = client.skus().list(SkuQuery.builder().pageSize(2).build()).stream().toList();

        assertThat(all).extracting(Sku::skuId).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(t.sent).extracting(f -> f.get("method")).containsOnly("erp.storage.goodslist");
        assertThat(t.sent).extracting(f -> f.get("bizcontent")).containsExactly(
                "{\"pageIndex\":0,\"pageSize\":2,\"maxSkuId\":0}",
                "{\"pageIndex\":0,\"pageSize\":2,\"maxSkuId\":2}",
                "{\"pageIndex\":0,\"pageSize\":2,\"maxSkuId\":4}");
    }

    @Test
    void list_withARange_pagesByPageIndexInSkuModifiedWindowsSentAsBeijingTime() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 3));
        JackyunClient client = TestClients.client(t).build();
        Instant from = LocalDateTime.of(2024, 5, 1, 0, 0).atZone(Json.SHANGHAI).toInstant();

        List<Sku> all = client.skus().list(SkuQuery.builder().modifiedFrom(from).modifiedTo(from.plus(Duration.ofDays(2)))
                .maxWindow(Duration.ofDays(1)).pageSize(2).build()).stream().toList();

        assertThat(all).hasSize(6); // the script answers the same three SKUs in each window
        assertThat(t.sent).extracting(f -> f.get("bizcontent")).containsExactly(
                "{\"pageIndex\":0,\"pageSize\":2,\"startDateModifiedSku\":\"2024-05-01 00:00:00\",\"endDateModifiedSku\":\"2024-05-01 23:59:59\"}",
                "{\"pageIndex\":1,\"pageSize\":2,\"startDateModifiedSku\":\"2024-05-01 00:00:00\",\"endDateModifiedSku\":\"2024-05-01 23:59:59\"}",
                "{\"pageIndex\":0,\"pageSize\":2,\"startDateModifiedSku\":\"2024-05-02 00:00:00\",\"endDateModifiedSku\":\"2024-05-02 23:59:59\"}",
                "{\"pageIndex\":1,\"pageSize\":2,\"startDateModifiedSku\":\"2024-05-02 00:00:00\",\"endDateModifiedSku\":\"2024-05-02 23:59:59\"}");
    }

    @Test
    void list_modifiedByGoods_sendsTheGoodsModifiedPairAndEveryFilterAsDocumented() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 0));
        JackyunClient client = TestClients.client(t).build();
        Instant from = LocalDateTime.of(2024, 5, 1, 8, 0).atZone(Json.SHANGHAI).toInstant();

        client.skus().list(SkuQuery.builder().modifiedFrom(from).modifiedTo(from.plusSeconds(3600))
                .modifiedBy(SkuQuery.ModifiedTime.GOODS).goodsNos(List.of("G1", "G2")).skuBarcodes(List.of("690001"))
                .blockup(false).skuBlockup(true).includeDeleted(true).pageSize(50).build()).stream().count();

        assertThat(t.sent).extracting(f -> f.get("bizcontent")).containsExactly("{\"pageIndex\":0,\"pageSize\":50,"
                + "\"startDateModifiedGoods\":\"2024-05-01 08:00:00\",\"endDateModifiedGoods\":\"2024-05-01 08:59:59\","
                + "\"goodsNos\":\"G1,G2\",\"skuBarcodes\":\"690001\",\"isBlockup\":0,\"skuIsBlockup\":1,"
                + "\"isQueryDelete\":\"1\"}");
    }

    @Test
    void list_isLazy() {
        ScriptedTransport t = ScriptedTransport.answering(f -> page(f, 5));
        Iterator<Sku> it = TestClients.client(t).build().skus().list(SkuQuery.builder().pageSize(2).build()).iterator();

        assertThat(t.sent).isEmpty();
        it.next();
        assertThat(t.sent).hasSize(1);
    }

    @Test
    void list_decodesTheDocumentedFields_idsAsTextAndDateTimesAsEpochMillis() {
        JackyunClient client = TestClients.client(ScriptedTransport.always(OK_HEAD + "\"result\":{\"contextId\":\"9\","
                + "\"data\":{\"goods\":[{\"goodsId\":\"1123123\",\"goodsNo\":\"A00001\",\"goodsName\":\"货品名称\","
                + "\"skuId\":\"1212\",\"skuName\":\"规格名称\",\"skuNo\":\"规格编号\",\"skuBarcode\":\"code_0001\","
                + "\"skuCode\":\"123\",\"unitName\":\"个\",\"cateId\":12,\"cateName\":\"服装\",\"cateFullName\":\"空调\","
                + "\"brandId\":12,\"brandName\":\"活鼎红\",\"isBlockup\":\"1\",\"skuIsBlockup\":0,\"isDelete\":\"0\","
                + "\"isPackageGood\":0,\"goodsAttr\":1,\"retailPrice\":\"1\",\"skuWeight\":1.2,"
                + "\"warehouseId\":\"123469988849846\",\"warehouseName\":\"笛佛仓\",\"defaultVendId\":\"129885456456466\","
                + "\"defaultVendName\":\"笛佛供应商\",\"gmtCreate\":\"1631020179000\",\"skuGmtCreate\":\"1631020179000\","
                + "\"goodsGmtModified\":1751707629000,\"skuGmtModified\":1716605439000,\"goodsField1\":\"x\","
                + "\"imgUrlList\":[{\"imgUrl\":\"http:asasda.png\"}]}]}}}")).build();

        Sku s = client.skus().list().stream().findFirst().orElseThrow();

        LocalDateTime created = LocalDateTime.ofInstant(Instant.ofEpochMilli(1631020179000L), Json.SHANGHAI);
        assertThat(s).isEqualTo(new Sku(1123123L, "A00001", "货品名称", 1212L, "规格名称", "规格编号", "code_0001", "123",
                "个", 12, "服装", "空调", 12, "活鼎红", true, false, false, false, 1, new BigDecimal("1"),
                new BigDecimal("1.2"), 123469988849846L, "笛佛仓", 129885456456466L, "笛佛供应商", created, created,
                LocalDateTime.of(2025, 7, 5, 17, 27, 9), LocalDateTime.of(2024, 5, 25, 10, 50, 39)));
    }

    @Test
    void query_rejectsBadInputNamingTheField() {
        assertThatThrownBy(() -> SkuQuery.builder().pageSize(201)).hasMessageContaining("pageSize")
                .hasMessageContaining("201");
        assertThatThrownBy(() -> SkuQuery.builder().goodsNos(List.of("A,B"))).hasMessageContaining("goodsNos")
                .hasMessageContaining("comma");
        assertThatThrownBy(() -> SkuQuery.builder().skuBarcodes(List.of(" "))).hasMessageContaining("skuBarcodes");
        Instant t0 = Instant.parse("2024-05-02T00:00:00Z");
        assertThatThrownBy(() -> SkuQuery.modifiedBetween(t0, t0.minusSeconds(1))).hasMessageContaining("modifiedTo")
                .hasMessageContaining("before");
    }

    @Test
    void query_toBuilder_keepsEverySetting() {
        SkuQuery q = SkuQuery.builder().modifiedFrom(Instant.parse("2024-05-01T00:00:00Z"))
                .modifiedTo(Instant.parse("2024-05-03T00:00:00Z")).modifiedBy(SkuQuery.ModifiedTime.GOODS)
                .goodsNos(List.of("G1")).skuBarcodes(List.of("B1")).blockup(true).skuBlockup(false)
                .includeDeleted(true).pageSize(7).maxWindow(Duration.ofHours(5)).build();

        assertThat(q.toBuilder().build().toString()).isEqualTo(q.toString());
    }
}
