package io.qiao.testkit.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 商品资料, 采购单, 售后单 and the 销售出库 start_ts mode, checked with hand-made requests: the records served and
 * the vendor's parameter rules (range cap, page size cap, required parameters, list caps and types).
 */
class JushuitanDocumentQueriesTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b
            .documents(1_000).limitsEnforced(false));

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String WEEK = "\"modified_begin\":\"2024-05-01 00:00:00\",\"modified_end\":\"2024-05-08 00:00:00\"";
    private static final String TOO_LONG = "\"modified_begin\":\"2024-05-01 00:00:00\",\"modified_end\":\"2024-05-08 00:00:01\"";

    private static JsonNode post(JushuitanSimulator sim, String path, Map<String, String> fields) throws Exception {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put("sign", JushuitanHandler.sign(sim.appSecret(), f));
        StringJoiner form = new StringJoiner("&");
        f.forEach((k, v) -> form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.endpoint() + path))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return MAPPER.readTree(r.body());
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static JsonNode query(JushuitanSimulator sim, String path, String biz) throws Exception {
        JsonNode t = post(sim, "/openWeb/auth/getInitToken", Map.of("app_key", sim.appKey(), "timestamp", now(),
                "grant_type", "authorization_code", "charset", "utf-8", "code", "ab12cd"));
        return post(sim, path, Map.of("app_key", sim.appKey(), "access_token",
                t.path("data").path("access_token").asText(), "timestamp", now(), "version", "2", "charset", "utf-8",
                "biz", biz));
    }

    private static void assertRefused(JsonNode answer, String message) {
        assertThat(answer.path("code").asInt()).as(answer.toString()).isEqualTo(JushuitanHandler.BAD_PARAMETER);
        assertThat(answer.path("msg").asText()).contains(message);
    }

    @Test
    void skuQuery_servesTheCatalogueModifiedInTheWindow_underDatas(JushuitanSimulator sim) throws Exception {
        JsonNode r = query(sim, JushuitanHandler.SKU_QUERY, "{" + WEEK + ",\"page_size\":50}");

        assertThat(r.path("code").asInt()).as(r.toString()).isZero();
        long expected = sim.dataSet().skuRecords().stream()
                .filter(d -> d.modified().isBefore(sim.dataSet().start().plusDays(7))).count();
        assertThat(r.path("data").path("data_count").asLong()).isEqualTo(expected).isPositive();
        assertThat(r.path("data").path("datas").get(0).path("sku_id").asText()).startsWith("SKU-");
    }

    @Test
    void skuQuery_bySkuIds_takesOneCommaSeparatedString_atMostTwenty(JushuitanSimulator sim) throws Exception {
        JsonNode two = query(sim, JushuitanHandler.SKU_QUERY, "{\"sku_ids\":\"SKU-001,SKU-002\"}");
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            many.add(String.format("SKU-%03d", i));
        }

        assertThat(two.path("data").path("datas")).extracting(n -> n.path("sku_id").asText())
                .containsExactlyInAnyOrder("SKU-001", "SKU-002");
        assertRefused(query(sim, JushuitanHandler.SKU_QUERY, "{\"sku_ids\":\"" + String.join(",", many) + "\"}"),
                "sku_ids 最多20个");
        assertRefused(query(sim, JushuitanHandler.SKU_QUERY, "{\"sku_ids\":[\"SKU-001\"]}"), "逗号分隔");
    }

    @Test
    void skuQuery_withoutRangeOrIds_orOverSevenDays_orPagesOverFifty_isRefused(JushuitanSimulator sim)
            throws Exception {
        assertRefused(query(sim, JushuitanHandler.SKU_QUERY, "{\"page_size\":10}"), "不能同时为空");
        assertRefused(query(sim, JushuitanHandler.SKU_QUERY, "{" + TOO_LONG + "}"), "七天");
        assertRefused(query(sim, JushuitanHandler.SKU_QUERY, "{" + WEEK + ",\"page_size\":51}"), "page_size 最大50");
        assertRefused(query(sim, JushuitanHandler.SKU_QUERY, "{" + WEEK + ",\"date_field\":\"io_date\"}"),
                "date_field");
        assertRefused(query(sim, JushuitanHandler.SKU_QUERY, "{\"modified_begin\":\"2024-05-01 00:00:00\"}"),
                "同时存在");
    }

    @Test
    void purchaseQuery_byWindowOrIds_andItsRules(JushuitanSimulator sim) throws Exception {
        SimDocument first = sim.dataSet().purchases().get(0);

        JsonNode byPoId = query(sim, JushuitanHandler.PURCHASE_QUERY, "{\"po_ids\":[" + first.id() + "]}");
        JsonNode bySoId = query(sim, JushuitanHandler.PURCHASE_QUERY, "{\"so_ids\":[\"" + first.soId() + "\"]}");

        assertThat(byPoId.path("data").path("datas")).singleElement()
                .satisfies(n -> assertThat(n.path("po_id").asLong()).isEqualTo(first.id()));
        assertThat(bySoId.path("data").path("datas")).singleElement()
                .satisfies(n -> assertThat(n.path("so_id").asText()).isEqualTo(first.soId()));
        assertRefused(query(sim, JushuitanHandler.PURCHASE_QUERY, "{}"), "不能同时为空");
        assertRefused(query(sim, JushuitanHandler.PURCHASE_QUERY, "{" + TOO_LONG + "}"), "七天");
        assertRefused(query(sim, JushuitanHandler.PURCHASE_QUERY, "{" + WEEK + ",\"page_size\":100}"), "page_size");
    }

    @Test
    void refundQuery_narrowsByStatusTypeAndGoodStatus_andRefusesWhatTheVendorRefuses(JushuitanSimulator sim)
            throws Exception {
        JsonNode confirmed = query(sim, JushuitanHandler.REFUND_QUERY,
                "{" + WEEK + ",\"status\":\"Confirmed\",\"type\":\"普通退货\",\"page_size\":50}");

        long expected = sim.dataSet().refunds().stream()
                .filter(d -> d.modified().isBefore(sim.dataSet().start().plusDays(7)))
                .filter(d -> "Confirmed".equals(d.status()) && "普通退货".equals(d.type())).count();
        assertThat(confirmed.path("data").path("data_count").asLong()).isEqualTo(expected).isPositive();
        assertThat(confirmed.path("data").path("datas")).allSatisfy(n -> {
            assertThat(n.path("status").asText()).isEqualTo("Confirmed");
            assertThat(n.path("type").asText()).isEqualTo("普通退货");
        });
        assertRefused(query(sim, JushuitanHandler.REFUND_QUERY, "{\"status\":\"Confirmed\"}"), "不能同时为空");
        assertRefused(query(sim, JushuitanHandler.REFUND_QUERY, "{" + TOO_LONG + "}"), "七天");
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            buyers.add("\"b" + i + "\"");
        }
        assertRefused(query(sim, JushuitanHandler.REFUND_QUERY, "{" + WEEK + ",\"shop_buyer_ids\":["
                + String.join(",", buyers) + "]}"), "shop_buyer_ids 最多50个");
    }

    @Test
    void orderOutQuery_startTs_servesFromThatRowVersionInTsOrder_andRefusesAWindowWithIt(JushuitanSimulator sim)
            throws Exception {
        long third = sim.dataSet().orderOuts().get(2).json().path("ts").asLong();

        JsonNode r = query(sim, JushuitanHandler.ORDER_OUT_QUERY, "{\"start_ts\":" + third
                + ",\"is_get_total\":false,\"page_index\":1,\"page_size\":5}");

        assertThat(r.path("data").path("datas")).extracting(n -> n.path("ts").asLong())
                .containsExactly(third, third + 1, third + 2, third + 3, third + 4);
        assertThat(r.path("data").has("data_count")).as("no totals with is_get_total=false").isFalse();
        assertThat(r.path("data").path("has_next").asBoolean()).isTrue();
        assertRefused(query(sim, JushuitanHandler.ORDER_OUT_QUERY, "{\"start_ts\":1," + WEEK + "}"),
                "start_ts 与 modified_begin/modified_end 不能同时使用");
        assertRefused(query(sim, JushuitanHandler.ORDER_OUT_QUERY, "{\"start_ts\":-1}"), "start_ts");
    }
}
