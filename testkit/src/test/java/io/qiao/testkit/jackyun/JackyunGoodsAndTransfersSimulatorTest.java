package io.qiao.testkit.jackyun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code erp.storage.goodslist} and {@code erp.allocate.get} over plain HTTP, without any Qiao client code. */
class JackyunGoodsAndTransfersSimulatorTest {
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);
    private static final LocalDateTime JUNE = LocalDateTime.of(2024, 6, 1, 0, 0);

    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().skus(31).transfers(40).modifiedBetween(MAY, JUNE).build()));

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode call(String method, String biz) throws IOException, InterruptedException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("method", method);
        f.put("appkey", JACKYUN.simulator().appKey());
        f.put("version", "v1.0");
        f.put("contenttype", "json");
        f.put("timestamp", LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(JackyunGateway.TIME));
        f.put("bizcontent", biz);
        f.put("sign", SimSignature.expected(f, JACKYUN.simulator().appSecret()));
        StringJoiner body = new StringJoiner("&");
        f.forEach((k, v) -> body.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(JACKYUN.simulator().endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static List<Long> skuIds(JsonNode answer) {
        List<Long> ids = new ArrayList<>();
        answer.path("result").path("data").path("goods").forEach(g -> ids.add(g.path("skuId").asLong()));
        return ids;
    }

    @Test
    void goodslist_answersWithTheLiveSuccessHead200_0030000004() throws Exception {
        JsonNode a = call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":5}");

        assertThat(a.path("code").asInt()).isEqualTo(200);
        assertThat(a.path("subCode").asText()).isEqualTo("0030000004");
        assertThat(a.path("msg").asText()).isEqualTo("操作成功");
        assertThat(skuIds(a)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void goodslist_withoutPageIndexOrPageSize_isRefusedAsTheDocMarksThemRequired() throws Exception {
        JsonNode noIndex = call("erp.storage.goodslist", "{\"pageSize\":5}");
        JsonNode noSize = call("erp.storage.goodslist", "{\"pageIndex\":0}");

        assertThat(noIndex.path("subCode").asText()).isEqualTo("0050030002");
        assertThat(noIndex.path("msg").asText()).contains("pageIndex");
        assertThat(noSize.path("msg").asText()).contains("pageSize");
        assertThat(JACKYUN.simulator().rejectedCount()).isEqualTo(2);
    }

    @Test
    void goodslist_maxSkuIdCursor_returnsTheSkusAfterIt() throws Exception {
        assertThat(skuIds(call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":4,\"maxSkuId\":0}")))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(skuIds(call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":4,\"maxSkuId\":\"29\"}")))
                .containsExactly(30L, 31L);
        assertThat(call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":4,\"maxSkuId\":\"x\"}")
                .path("subCode").asText()).isEqualTo("0050030002");
    }

    @Test
    void goodslist_skuModifiedWindow_andFilters_selectAsTheVendorDoes() throws Exception {
        JackyunDataSet data = JACKYUN.simulator().data();
        JackyunDataSet.Sku s = data.sku(10);
        String window = "\"startDateModifiedSku\":\"" + JackyunGateway.TIME.format(s.skuGmtModified())
                + "\",\"endDateModifiedSku\":\"" + JackyunGateway.TIME.format(s.skuGmtModified()) + "\"";

        assertThat(skuIds(call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":50," + window + "}")))
                .containsExactly(11L);
        assertThat(skuIds(call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":50,\"goodsNos\":\""
                + data.sku(0).goodsNo() + "," + data.sku(3).goodsNo() + "\"}"))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(skuIds(call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":50,\"skuBarcode\":\""
                + data.sku(7).skuBarcode() + "\"}"))).containsExactly(8L);
        assertThat(skuIds(call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":50,\"isBlockup\":1}")))
                .containsExactly(11L, 22L); // index % 11 == 10
        assertThat(call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":50,\"startDateModifiedSku\":"
                + "\"2024-05-01 00:00:00\"}").path("msg").asText()).contains("必须同时传入");
        assertThat(call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":50,\"isBlockup\":2}")
                .path("msg").asText()).contains("isBlockup");
    }

    @Test
    void goodslist_sendsDateTimesAsEpochMillis_idsAsTextOrNumbers() throws Exception {
        JsonNode goods = call("erp.storage.goodslist", "{\"pageIndex\":0,\"pageSize\":2}").path("result").path("data")
                .path("goods");
        JackyunDataSet.Sku first = JACKYUN.simulator().data().sku(0);

        assertThat(goods.get(0).path("skuId").isTextual()).isTrue();
        assertThat(goods.get(1).path("skuId").isNumber()).isTrue();
        assertThat(goods.get(0).path("skuGmtModified").asLong()).isEqualTo(
                first.skuGmtModified().atZone(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli());
    }

    @Test
    void allocate_pagesByCreationWindow_withShortLastPage_andFilters() throws Exception {
        JackyunDataSet data = JACKYUN.simulator().data();
        JsonNode p0 = call("erp.allocate.get", "{\"pageIndex\":0,\"pageSize\":30}");
        JsonNode p1 = call("erp.allocate.get", "{\"pageIndex\":1,\"pageSize\":30}");

        assertThat(p0.path("result").path("data").path("stockAllocate")).hasSize(30);
        assertThat(p1.path("result").path("data").path("stockAllocate")).hasSize(10);
        JsonNode first = p0.path("result").path("data").path("stockAllocate").get(0);
        JackyunDataSet.Transfer t = data.transfer(0);
        assertThat(first.path("allocateNo").asText()).isEqualTo(t.allocateNo());
        assertThat(first.path("intWarehouseCode").asText()).isEqualTo(t.inWarehouseCode());
        assertThat(first.path("stockAllocateDetailViews")).hasSize(t.lines().size());

        JackyunDataSet.Transfer t7 = data.transfer(7);
        String created = JackyunGateway.TIME.format(t7.gmtCreate());
        JsonNode one = call("erp.allocate.get", "{\"pageIndex\":0,\"pageSize\":30,\"startCreateTime\":\"" + created
                + "\",\"endCreateTime\":\"" + created + "\"}");
        assertThat(one.path("result").path("data").path("stockAllocate")).hasSize(1);
        JsonNode byNo = call("erp.allocate.get", "{\"pageIndex\":0,\"pageSize\":30,\"allocateNos\":\""
                + data.transfer(3).allocateNo() + "," + data.transfer(9).allocateNo() + "\"}");
        assertThat(byNo.path("result").path("data").path("stockAllocate")).hasSize(2);
        JsonNode completed = call("erp.allocate.get", "{\"pageIndex\":0,\"pageSize\":50,\"status\":20}");
        assertThat(completed.path("result").path("data").path("stockAllocate")).hasSize(8)
                .allSatisfy(n -> assertThat(n.path("status").asInt()).isEqualTo(20));
    }

    @Test
    void allocate_badParameters_getSubCode0050030002() throws Exception {
        assertThat(call("erp.allocate.get", "{\"pageIndex\":0,\"pageSize\":201}").path("subCode").asText())
                .isEqualTo("0050030002");
        assertThat(call("erp.allocate.get", "{\"pageIndex\":0,\"pageSize\":20,\"endCreateTime\":\"2024-05-01 00:00:00\"}")
                .path("msg").asText()).contains("startCreateTime");
        assertThat(call("erp.allocate.get", "{\"pageIndex\":0,\"pageSize\":20,\"status\":\"done\"}")
                .path("msg").asText()).contains("status");
    }

    @Test
    void allocate_maxWindow_whenConfigured_refusesLongerCreationRanges() throws Exception {
        try (JackyunSimulator sim = JackyunSimulator.builder().maxWindow("erp.allocate.get", java.time.Duration.ofDays(7))
                .build().start()) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("method", "erp.allocate.get");
            f.put("appkey", sim.appKey());
            f.put("version", "v1.0");
            f.put("contenttype", "json");
            f.put("timestamp", LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(JackyunGateway.TIME));
            f.put("bizcontent", "{\"pageIndex\":0,\"pageSize\":20,\"startCreateTime\":\"2024-05-01 00:00:00\","
                    + "\"endCreateTime\":\"2024-05-09 00:00:00\"}");
            f.put("sign", SimSignature.expected(f, sim.appSecret()));
            StringJoiner body = new StringJoiner("&");
            f.forEach((k, v) -> body.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            JsonNode a = MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(sim.endpoint())
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            assertThat(a.path("subCode").asText()).isEqualTo("0050030002");
            assertThat(a.path("msg").asText()).contains("7天");
        }
    }

    @Test
    void dataSet_documents_mixPurchaseReceiptsAndOtherTypes() {
        JackyunDataSet data = JACKYUN.simulator().data();

        assertThat(data.document(JackyunDataSet.Direction.INBOUND, 0).inouttype()).isEqualTo("101");
        assertThat(data.document(JackyunDataSet.Direction.INBOUND, 0).inouttypeName()).isEqualTo("采购入库");
        assertThat(data.document(JackyunDataSet.Direction.INBOUND, 1).inouttype()).isEqualTo("104");
        assertThat(data.document(JackyunDataSet.Direction.OUTBOUND, 3).inouttype()).isEqualTo("201");
        assertThat(data.document(JackyunDataSet.Direction.OUTBOUND, 4).inouttype()).isEqualTo("204");
    }
}
