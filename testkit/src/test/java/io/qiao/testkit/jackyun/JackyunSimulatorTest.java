package io.qiao.testkit.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator over plain HTTP, without any Qiao client code. */
class JackyunSimulatorTest {
    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(120).build()));

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Map<String, String> form(String method, String biz) {
        Map<String, String> f = new LinkedHashMap<>();
        if (method != null) f.put("method", method);
        f.put("appkey", JACKYUN.simulator().appKey());
        f.put("version", "v1.0");
        f.put("contenttype", "json");
        f.put("timestamp", LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(JackyunGateway.TIME));
        f.put("bizcontent", biz);
        return f;
    }

    private static Map<String, String> signed(Map<String, String> f) {
        f.put("sign", SimSignature.expected(f, JACKYUN.simulator().appSecret()));
        return f;
    }

    private static HttpResponse<String> send(Map<String, String> f) throws IOException, InterruptedException {
        StringJoiner body = new StringJoiner("&");
        f.forEach((k, v) -> body.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(JACKYUN.simulator().endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode call(String method, String biz) throws Exception {
        return MAPPER.readTree(send(signed(form(method, biz))).body());
    }

    @Test
    void warehouses_pagedFromIndexZeroWithAShortLastPage() throws Exception {
        JsonNode p0 = call("erp.warehouse.get", "{\"pageIndex\":0,\"pageSize\":50}");
        JsonNode p2 = call("erp.warehouse.get", "{\"pageIndex\":2,\"pageSize\":50}");

        assertThat(p0.get("code").asInt()).isZero();
        assertThat(p0.path("result").path("data").path("warehouseInfo")).hasSize(50);
        assertThat(p2.path("result").path("data").path("warehouseInfo")).hasSize(20);
        assertThat(p2.path("result").path("data").path("warehouseInfo").get(0).path("warehouseCode").asText())
                .isEqualTo("WH000101");
        assertThat(JACKYUN.simulator().requestCount("erp.warehouse.get")).isEqualTo(2);
    }

    /** Public callers open the cursor with 0 as a number (a Frappe connector) or "0" as a string (Go, JS): both work. */
    @Test
    void stockQuantities_maxQuantityIdZeroAsNumberOrString_opensTheCursor() throws Exception {
        JsonNode number = call("erp.stockquantity.get", "{\"pageIndex\":0,\"pageSize\":5,\"maxQuantityId\":0}");
        JsonNode text = call("erp.stockquantity.get", "{\"pageIndex\":0,\"pageSize\":5,\"maxQuantityId\":\"0\"}");
        JsonNode next = call("erp.stockquantity.get", "{\"pageIndex\":0,\"pageSize\":5,\"maxQuantityId\":\"5\"}");

        JsonNode rows = number.path("result").path("data").path("goodsStockQuantity");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).path("quantityId").asLong()).isEqualTo(1);
        assertThat(text.path("result").path("data").path("goodsStockQuantity")).isEqualTo(rows);
        assertThat(next.path("result").path("data").path("goodsStockQuantity").get(0).path("quantityId").asLong())
                .isEqualTo(6);
    }

    @Test
    void warehouses_filteredByModifiedWindowInclusive() throws Exception {
        JackyunDataSet d = JACKYUN.simulator().data();
        String start = JackyunGateway.TIME.format(d.warehouse(10).gmtModified());
        String end = JackyunGateway.TIME.format(d.warehouse(19).gmtModified());
        JsonNode r = call("erp.warehouse.get", "{\"pageIndex\":0,\"pageSize\":200,\"gmtModifiedStart\":\"" + start
                + "\",\"gmtModifiedEnd\":\"" + end + "\"}");
        assertThat(r.path("result").path("data").path("warehouseInfo")).hasSize(10);
    }

    @Test
    void badSign_isRejectedWithTheRealSubCode() throws Exception {
        Map<String, String> f = form("erp.warehouse.get", "{}");
        f.put("sign", "00000000000000000000000000000000");
        JsonNode r = MAPPER.readTree(send(f).body());
        assertThat(r.get("subCode").asText()).isEqualTo("0858030801");
        assertThat(r.get("msg").asText()).isEqualTo("签名错误");
        assertThat(JACKYUN.simulator().rejectedCount()).isEqualTo(1);
    }

    @Test
    void unknownAppKey_isRejected() throws Exception {
        Map<String, String> f = form("erp.warehouse.get", "{}");
        f.put("appkey", "nobody");
        assertThat(MAPPER.readTree(send(signed(f)).body()).get("subCode").asText()).isEqualTo("0858030802");
    }

    @Test
    void missingMethod_isAParameterError() throws Exception {
        assertThat(call(null, "{}").get("subCode").asText()).isEqualTo("0050030002");
    }

    @Test
    void unknownMethod_isNotSubscribed() throws Exception {
        assertThat(call("erp.nothing.here", "{}").get("subCode").asText()).isEqualTo("0130020310");
    }

    @Test
    void tradeWindowLongerThanSevenDays_isRejected() throws Exception {
        JsonNode r = call("oms.trade.fullinfoget", "{\"fields\":\"tradeNo\",\"startModified\":\"2024-05-01 00:00:00\","
                + "\"endModified\":\"2024-05-08 00:00:01\"}");
        assertThat(r.get("subCode").asText()).isEqualTo("0050030002");
        assertThat(r.get("msg").asText()).contains("7天");
    }

    @Test
    void pageSizeAbove200_isRejected() throws Exception {
        assertThat(call("erp.warehouse.get", "{\"pageSize\":201}").get("subCode").asText()).isEqualTo("0050030002");
    }

    @Test
    void staleTimestamp_isRejected() throws Exception {
        Map<String, String> f = form("erp.warehouse.get", "{}");
        f.put("timestamp", "2019-07-30 15:18:30");
        JsonNode r = MAPPER.readTree(send(signed(f)).body());
        assertThat(r.get("subCode").asText()).isEqualTo("0050030002");
        assertThat(r.get("msg").asText()).contains("timestamp");
    }

    @Test
    void documents_returnOnlyTheSelectedFields() throws Exception {
        JsonNode r = call("erp.storage.goodsdocin.v2", "{\"pageIndex\":0,\"pageSize\":1,\"selelctFields\":\"goodsdocNo,quantity\"}");
        JsonNode doc = r.path("result").path("data").path("goodsDocList").get(0);
        assertThat(doc.get("goodsdocNo").asText()).isEqualTo("RK00000001");
        assertThat(doc.has("warehouseCode")).isFalse();
        assertThat(doc.path("goodsDocDetailList").get(0).has("quantity")).isTrue();
        assertThat(call("erp.storage.goodsdocin.v2", "{}").get("subCode").asText()).isEqualTo("0050030002");
    }

    @Test
    void trades_scrollToTheEnd() throws Exception {
        String window = "\"fields\":\"tradeNo,scrollId\",\"pageSize\":200,\"startModified\":\"2024-05-01 00:00:00\","
                + "\"endModified\":\"2024-05-07 23:59:59\"";
        JsonNode first = call("oms.trade.fullinfoget", "{" + window + ",\"scrollId\":\"\"}").path("result").path("data");
        int expected = JACKYUN.simulator().data().firstIndexAtOrAfter(LocalDateTime.of(2024, 5, 8, 0, 0), 400);
        int seen = first.path("trades").size();
        String scroll = first.path("scrollId").asText();
        while (!scroll.isEmpty()) {
            JsonNode next = call("oms.trade.fullinfoget", "{" + window + ",\"scrollId\":\"" + scroll + "\"}")
                    .path("result").path("data");
            seen += next.path("trades").size();
            scroll = next.path("scrollId").asText();
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void faults_throttleThenServeNormally() throws Exception {
        JACKYUN.simulator().faults().next(JackyunFault.throttled(), 1);
        assertThat(call("erp.warehouse.get", "{}").get("subCode").asText()).isEqualTo("0859999999");
        assertThat(call("erp.warehouse.get", "{}").get("subCode").asText()).isEmpty();
        assertThat(JACKYUN.simulator().faultCount()).isEqualTo(1);
    }

    @Test
    void faults_httpStatusMalformedJsonAndDataAsString() throws Exception {
        JACKYUN.simulator().faults().next(JackyunFault.httpStatus(503), 1).next(JackyunFault.malformedJson(), 1)
                .next(JackyunFault.dataAsString(), 1);
        assertThat(send(signed(form("erp.warehouse.get", "{}"))).statusCode()).isEqualTo(503);
        String malformed = send(signed(form("erp.warehouse.get", "{}"))).body();
        assertThatThrownBy(() -> MAPPER.readTree(malformed)).isInstanceOf(IOException.class);
        JsonNode data = call("erp.warehouse.get", "{\"pageSize\":1}").path("result").path("data");
        assertThat(data.isTextual()).isTrue();
        assertThat(MAPPER.readTree(data.asText()).path("warehouseInfo")).hasSize(1);
    }

    @Test
    void faults_connectionReset_leavesTheCallerWithoutAnswer() {
        JACKYUN.simulator().faults().next("erp.warehouse.get", JackyunFault.connectionReset(), 1);
        assertThatThrownBy(() -> send(signed(form("erp.warehouse.get", "{}")))).isInstanceOf(IOException.class);
    }

    @Test
    void faults_onlyForTheNamedMethod() throws Exception {
        JACKYUN.simulator().faults().next("oms.trade.fullinfoget", JackyunFault.throttled(), 1);
        assertThat(call("erp.warehouse.get", "{}").get("subCode").asText()).isEmpty();
        assertThat(JACKYUN.simulator().faults().pending()).isEqualTo(1);
    }

    @Test
    void faults_everyNthRequest() throws Exception {
        JACKYUN.simulator().faults().every(3, JackyunFault.slow(Duration.ofMillis(1)));
        for (int i = 0; i < 6; i++) {
            assertThat(call("erp.warehouse.get", "{}").get("subCode").asText()).isEmpty();
        }
        assertThat(JACKYUN.simulator().faultCount()).isEqualTo(2);
    }
}
