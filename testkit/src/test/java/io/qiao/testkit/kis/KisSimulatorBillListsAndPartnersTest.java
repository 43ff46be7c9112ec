package io.qiao.testkit.kis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bill lists' filter and page-size rules, the 采购入库单 / 销售出库单 books with their partner checks, the customer
 * and supplier lists, and the enforced rate limit, over raw HTTP.
 */
class KisSimulatorBillListsAndPartnersTest {
    private final KisSimulator sim = KisSimulator.builder().maxPageSize(3).start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        sim.stop();
    }

    private String appToken() throws Exception {
        return appToken(sim);
    }

    private String appToken(KisSimulator s) throws Exception {
        String appSig = GatewaySignatures.appSignature(KisSimulator.DEFAULT_APP_KEY, KisSimulator.DEFAULT_APP_SECRET);
        String q = "app_key=" + KisSimulator.DEFAULT_APP_KEY + "&app_signature="
                + URLEncoder.encode(appSig, StandardCharsets.UTF_8);
        String path = "/jdyconnector/app_management/kingdee_auth_token";
        String ts = Long.toString(s.clock().millis());
        String nonce = "12345";
        String sig = GatewaySignatures.apiSignature(KisSimulator.DEFAULT_CLIENT_SECRET, "GET", path, q,
                Map.of("x-api-nonce", nonce, "x-api-timestamp", ts));
        HttpRequest r = HttpRequest.newBuilder(URI.create(s.endpoint() + path + "?" + q))
                .header("X-Api-ClientID", KisSimulator.DEFAULT_CLIENT_ID).header("X-Api-Auth-Version", "2.0")
                .header("X-Api-TimeStamp", ts).header("X-Api-Nonce", nonce)
                .header("X-Api-SignHeaders", "X-Api-TimeStamp,X-Api-Nonce").header("X-Api-Signature", sig).GET().build();
        return json.readTree(http.send(r, HttpResponse.BodyHandlers.ofString()).body()).path("data").path("app-token")
                .asText();
    }

    private HttpResponse<String> post(KisSimulator s, String path, String token, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(s.endpoint() + path))
                .header("Content-Type", "application/json").header("KIS-AuthData", token)
                .header("X-GW-Router-Addr", s.credentials().routerAddress())
                .header("Kis-State", "s").header("Kis-Timestamp", Long.toString(s.clock().instant().getEpochSecond()))
                .header("Kis-Traceid", UUID.randomUUID().toString()).header("Kis-Ver", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode business(String path, String token, String body) throws Exception {
        return json.readTree(post(sim, path, token, body).body());
    }

    private static String bill(String resource, String no, String fdate, int tranType, String supplyId) {
        return "{\"Object\":{\"Head\":{\"FBillNo\":\"" + no + "\",\"Fdate\":\"" + fdate + "\",\"FTranType\":" + tranType
                + (supplyId == null ? "" : ",\"FSupplyID\":\"" + supplyId + "\"")
                + ",\"FDCStockID\":\"001\"},\"Entry\":[{\"FItemID\":\"1\",\"FUnitID\":\"PCS\",\"FQty\":1,\"Fauxqty\":1,"
                + "\"FAuxQtyMust\":1,\"FPlanMode\":14036}]}}";
    }

    @Test
    void billList_dateRange_isWholeDaysInclusive_andADateTimeBoundIsRefused() throws Exception {
        sim.addMaterial("1.01.001", "A", "PCS");
        String token = appToken();
        String create = "/koas/app007104/api/miscellaneousreceipt/create";
        business(create, token, bill("r", "D1", "2024-05-01T23:59:59", 10, null));
        business(create, token, bill("r", "D2", "2024-05-02", 10, null));
        business(create, token, bill("r", "D3", "2024-05-03T00:00:00", 10, null));
        String list = "/koas/app007104/api/miscellaneousreceipt/list";

        JsonNode range = business(list, token, "{\"CurrentPage\":\"1\",\"ItemsOfPage\":\"3\",\"BeginDate\":\"2024-05-02\","
                + "\"EndDate\":\"2024-05-03\"}");
        JsonNode oneDay = business(list, token, "{\"CurrentPage\":\"1\",\"ItemsOfPage\":\"3\",\"BeginDate\":\"2024-05-01\","
                + "\"EndDate\":\"2024-05-01\"}");
        JsonNode dateTime = business(list, token, "{\"CurrentPage\":\"1\",\"ItemsOfPage\":\"3\","
                + "\"BeginDate\":\"2024-05-01 12:00:00\"}");
        JsonNode reversed = business(list, token, "{\"BeginDate\":\"2024-05-03\",\"EndDate\":\"2024-05-01\"}");

        assertThat(range.path("data").path("List").findValuesAsText("FBillNo")).containsExactly("D2", "D3");
        assertThat(oneDay.path("data").path("List").findValuesAsText("FBillNo")).containsExactly("D1");
        assertThat(dateTime.path("errcode").asInt()).isEqualTo(KisSimulator.ERR_BUSINESS);
        assertThat(dateTime.path("description").asText()).contains("BeginDate[2024-05-01 12:00:00]格式不正确");
        assertThat(reversed.path("description").asText()).contains("EndDate");
    }

    @Test
    void billList_pageSizeAboveTheCap_isServedAtTheCap_withTotalPagesCountedAtIt() throws Exception {
        sim.addMaterial("1.01.001", "A", "PCS");
        String token = appToken();
        for (int i = 1; i <= 7; i++) {
            business("/koas/app007104/api/miscellaneousreceipt/create", token, bill("r", "P" + i, "2024-05-02", 10, null));
        }

        JsonNode page3 = business("/koas/app007104/api/miscellaneousreceipt/list", token,
                "{\"CurrentPage\":\"3\",\"ItemsOfPage\":\"100\"}").path("data");

        assertThat(page3.path("TotalPages").asInt()).isEqualTo(3);
        assertThat(page3.path("List").findValuesAsText("FBillNo")).containsExactly("P7");
    }

    @Test
    void purchaseReceipt_needsAKnownSupplier_andSalesDelivery_aKnownCustomer_inFSupplyID() throws Exception {
        sim.addMaterial("1.01.001", "A", "PCS");
        SimulatedPartner supplier = sim.addSupplier("V001", "供应商甲");
        SimulatedPartner customer = sim.addCustomer("C001", "客户乙");
        String token = appToken();

        JsonNode purchase = business("/koas/app007104/api/purchasereceipt/create", token,
                bill("p", "WIN1", "2024-05-02", 1, supplier.id()));
        JsonNode unknownSupplier = business("/koas/app007104/api/purchasereceipt/create", token,
                bill("p", "WIN2", "2024-05-02", 1, "9999"));
        JsonNode customerAsSupplier = business("/koas/app007104/api/purchasereceipt/create", token,
                bill("p", "WIN3", "2024-05-02", 1, customer.id()));
        JsonNode sale = business("/koas/APP007104/api/salesdelivery/create", token,
                bill("s", "XOUT1", "2024-05-02", 21, "C001"));
        JsonNode noCustomer = business("/koas/app007104/api/salesdelivery/create", token,
                bill("s", "XOUT2", "2024-05-02", 21, null));
        JsonNode wrongType = business("/koas/app007104/api/salesdelivery/create", token,
                bill("s", "XOUT3", "2024-05-02", 29, "C001"));

        assertThat(purchase.path("errcode").asInt()).isZero();
        assertThat(unknownSupplier.path("description").asText()).contains("供应商(FSupplyID)[9999]在系统中不存在");
        assertThat(customerAsSupplier.path("description").asText()).contains("在系统中不存在");
        assertThat(sale.path("errcode").asInt()).isZero();
        assertThat(noCustomer.path("description").asText()).contains("购货单位(FSupplyID)不能为空");
        assertThat(wrongType.path("description").asText()).contains("单据类型(FTranType)必须为21");
        assertThat(sim.purchaseReceipts()).extracting(SimulatedBill::billNo).containsExactly("WIN1");
        assertThat(sim.salesDeliveries()).extracting(SimulatedBill::billNo).containsExactly("XOUT1");
        assertThat(sim.bills()).isEmpty();
        JsonNode listed = business("/koas/app007104/api/salesdelivery/list", token, "{\"FBillNo\":\"XOUT1\"}");
        assertThat(listed.path("data").path("List").findValuesAsText("FBillNo")).containsExactly("XOUT1");
    }

    @Test
    void partnerLists_filterBySearchKeyOnCodeOrName_andByIds() throws Exception {
        SimulatedPartner c1 = sim.addCustomer("C001", "华东客户");
        sim.addCustomer("C0011", "华南客户");
        sim.addSupplier("V001", "华东供应商");
        String token = appToken();

        JsonNode byCode = business("/koas/APP006992/api/Customer/List", token, "{\"SearchKey\":\"C001\"}");
        JsonNode byName = business("/koas/APP006992/api/Customer/List", token, "{\"SearchKey\":\"华南\"}");
        JsonNode byIds = business("/koas/APP006992/api/Customer/List", token, "{\"Ids\":[" + c1.itemId() + "]}");
        JsonNode suppliers = business("/koas/APP006992/api/Vendor/List", token, "{\"CurrentPage\":1,\"ItemsOfPage\":20}");

        assertThat(byCode.path("data").path("List").findValuesAsText("FNumber")).containsExactly("C001", "C0011");
        assertThat(byName.path("data").path("List").findValuesAsText("FNumber")).containsExactly("C0011");
        assertThat(byIds.path("data").path("List").findValuesAsText("FName")).containsExactly("华东客户");
        assertThat(suppliers.path("data").path("List").findValuesAsText("FNumber")).containsExactly("V001");
        assertThat(sim.calls(KisOperation.LIST_CUSTOMERS)).isEqualTo(3);
    }

    @Test
    void rateLimit_refusesRequestsBeyondTheBucket_withHttp429_andCountsThem() throws Exception {
        try (KisSimulator limited = KisSimulator.builder().rateLimit(3).start()) {
            String token = appToken(limited); // the first permit
            int[] statuses = new int[4];
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = post(limited, "/koas/APP006992/api/Material/List", token, "{}").statusCode();
            }

            assertThat(statuses).startsWith(200, 200).contains(429);
            assertThat(limited.throttledCalls()).isPositive();
        }
    }
}
