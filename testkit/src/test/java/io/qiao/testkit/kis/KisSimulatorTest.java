package io.qiao.testkit.kis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.testkit.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator driven by hand-built requests, as a vendor-doc reader would send them. */
class KisSimulatorTest {
    private final ManualClock clock = ManualClock.startingNow();
    private final KisSimulator sim = KisSimulator.builder().clock(clock).tokenTtl(Duration.ofMinutes(10)).start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        sim.stop();
    }

    private HttpRequest.Builder signed(String method, String path, String rawQuery, String clientSecret) {
        String ts = Long.toString(clock.millis());
        String nonce = "12345";
        String sig = GatewaySignatures.apiSignature(clientSecret, method, path, rawQuery,
                Map.of("x-api-nonce", nonce, "x-api-timestamp", ts));
        return HttpRequest.newBuilder(URI.create(sim.endpoint() + path + (rawQuery == null ? "" : "?" + rawQuery)))
                .header("X-Api-ClientID", KisSimulator.DEFAULT_CLIENT_ID)
                .header("X-Api-Auth-Version", "2.0")
                .header("X-Api-TimeStamp", ts)
                .header("X-Api-Nonce", nonce)
                .header("X-Api-SignHeaders", "X-Api-TimeStamp,X-Api-Nonce")
                .header("X-Api-Signature", sig);
    }

    private HttpResponse<String> token(String clientSecret, String appSecret) throws Exception {
        String appSig = GatewaySignatures.appSignature(KisSimulator.DEFAULT_APP_KEY, appSecret);
        String q = "app_key=" + KisSimulator.DEFAULT_APP_KEY + "&app_signature="
                + URLEncoder.encode(appSig, StandardCharsets.UTF_8);
        return http.send(signed("GET", "/jdyconnector/app_management/kingdee_auth_token", q, clientSecret).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String appToken() throws Exception {
        return json.readTree(token(KisSimulator.DEFAULT_CLIENT_SECRET, KisSimulator.DEFAULT_APP_SECRET).body())
                .path("data").path("app-token").asText();
    }

    private JsonNode business(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(sim.endpoint() + path))
                .header("Content-Type", "application/json")
                .header("KIS-AuthData", token)
                .header("X-GW-Router-Addr", KisSimulator.DEFAULT_ROUTER_ADDRESS)
                .header("Kis-State", "s").header("Kis-Timestamp", Long.toString(clock.instant().getEpochSecond()))
                .header("Kis-Traceid", UUID.randomUUID().toString()).header("Kis-Ver", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return json.readTree(http.send(r, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static final String BILL = "{\"Object\":{\"Head\":{\"FBillNo\":\"B1\",\"Fdate\":\"2024-05-02\",\"FTranType\":10,"
            + "\"FDCStockID\":\"001\"},\"Entry\":[{\"FItemID\":\"SKU-A\",\"FUnitID\":\"PCS\",\"FQty\":2,\"Fauxqty\":2,"
            + "\"FAuxQtyMust\":2,\"FPlanMode\":14036}]}}";

    @Test
    void token_forCorrectSignatures_hasAnAppTokenExpiringInEpochMillis() throws Exception {
        HttpResponse<String> r = token(KisSimulator.DEFAULT_CLIENT_SECRET, KisSimulator.DEFAULT_APP_SECRET);

        JsonNode data = json.readTree(r.body()).path("data");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(data.path("app-token").asText()).isNotEmpty();
        assertThat(data.path("expires").asLong()).isEqualTo(clock.millis() + Duration.ofMinutes(10).toMillis());
        assertThat(sim.tokensIssued()).isEqualTo(1);
    }

    @Test
    void token_withAWrongClientSecretOrAppSecret_isHttp519() throws Exception {
        assertThat(token("wrong", KisSimulator.DEFAULT_APP_SECRET).statusCode()).isEqualTo(519);
        assertThat(token(KisSimulator.DEFAULT_CLIENT_SECRET, "wrong").statusCode()).isEqualTo(519);
        assertThat(json.readTree(token("wrong", KisSimulator.DEFAULT_APP_SECRET).body()).path("errcode").asInt()).isEqualTo(-1);
        assertThat(sim.tokensIssued()).isZero();
    }

    @Test
    void token_withATimestampOlderThanFiveMinutes_isRefused() throws Exception {
        HttpRequest.Builder old = signed("GET", "/jdyconnector/app_management/kingdee_auth_token", "app_key=x",
                KisSimulator.DEFAULT_CLIENT_SECRET);
        clock.advance(Duration.ofMinutes(6));

        assertThat(http.send(old.GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(519);
        assertThat(sim.signatureFailures()).anyMatch(s -> s.contains("5 minutes"));
    }

    @Test
    void business_storesABill_andRefusesADuplicateFBillNo() throws Exception {
        sim.addMaterial("SKU-A", "A", "PCS");
        String token = appToken();

        JsonNode first = business("/koas/APP007104/api/miscellaneousreceipt/create", token, BILL);
        JsonNode second = business("/koas/app007104/api/miscellaneousreceipt/create", token, BILL);

        assertThat(first.path("errcode").asInt()).isZero();
        assertThat(first.path("data").path("FBillNo").asText()).isEqualTo("B1");
        assertThat(second.path("errcode").asInt()).isEqualTo(KisSimulator.ERR_BUSINESS);
        assertThat(second.path("description").asText()).contains("单据编号[B1]已经存在");
        assertThat(sim.bills()).singleElement().satisfies(b -> assertThat(b.entries().get(0)).containsEntry("FQty", 2));
    }

    @Test
    void business_missingFields_areRefusedWithKisStyleDescriptions() throws Exception {
        JsonNode r = business("/koas/app007104/api/miscellaneousreceipt/create", appToken(),
                "{\"Object\":{\"Head\":{\"FBillNo\":\"B2\"},\"Entry\":[{\"FItemID\":\"\",\"FQty\":0}]}}");

        assertThat(r.path("description").asText()).contains("日期(Fdate)不能为空").contains("单据类型(FTranType)不能为空")
                .contains("第1行分录：物料代码(FItemID)不能为空").contains("实收数量(FQty)必须大于0");
        assertThat(sim.billCount()).isZero();
    }

    @Test
    void business_fdateAsDateOrDateTimeWithT_isAccepted_otherShapesRefused() throws Exception {
        sim.addMaterial("SKU-A", "A", "PCS");
        String token = appToken();
        String path = "/koas/app007104/api/miscellaneousreceipt/create";

        JsonNode withT = business(path, token, BILL.replace("\"2024-05-02\"", "\"2024-05-02T13:45:10\""));
        JsonNode slashes = business(path, token, BILL.replace("B1", "B3").replace("\"2024-05-02\"", "\"2024/05/02\""));

        assertThat(withT.path("errcode").asInt()).isZero();
        assertThat(sim.bill("B1").orElseThrow().head()).containsEntry("Fdate", "2024-05-02T13:45:10");
        assertThat(slashes.path("description").asText()).contains("日期(Fdate)[2024/05/02]格式不正确");
        assertThat(sim.bill("B3")).isEmpty();
    }

    @Test
    void business_withAnExpiredOrUnknownToken_isRefused() throws Exception {
        String token = appToken();
        clock.advance(Duration.ofMinutes(11));

        JsonNode r = business("/koas/app007104/api/miscellaneousreceipt/list", token, "{}");

        assertThat(r.path("errcode").asInt()).isEqualTo(KisSimulator.ERR_TOKEN);
        assertThat(business("/koas/app007104/api/miscellaneousreceipt/list", "made-up", "{}").path("errcode").asInt())
                .isEqualTo(KisSimulator.ERR_TOKEN);
    }

    @Test
    void fault_lostResponse_storesTheBillButResetsTheConnection() throws Exception {
        sim.addMaterial("SKU-A", "A", "PCS");
        String token = appToken();
        sim.injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);

        boolean lost = false;
        try {
            business("/koas/app007104/api/miscellaneousreceipt/create", token, BILL);
        } catch (IOException e) {
            lost = true;
        }

        assertThat(lost).isTrue();
        assertThat(sim.bill("B1")).isPresent();
        assertThat(business("/koas/app007104/api/miscellaneousreceipt/list", token,
                "{\"CurrentPage\":\"1\",\"ItemsOfPage\":\"10\",\"FBillNo\":\"B1\"}").path("data").path("List")).hasSize(1);
    }

    @Test
    void materials_arePagedWithTotalPages() throws Exception {
        for (int i = 0; i < 5; i++) {
            sim.addMaterial("M" + i, "m", "PCS", Map.of("F_103", "sku-" + i));
        }

        JsonNode d = business("/koas/APP006992/api/Material/List", appToken(), "{\"CurrentPage\":2,\"ItemsOfPage\":\"2\"}")
                .path("data");

        assertThat(d.path("TotalPages").asInt()).isEqualTo(3);
        assertThat(d.path("List").get(0).path("FNumber").asText()).isEqualTo("M2");
        assertThat(d.path("List").get(0).path("F_103").asText()).isEqualTo("sku-2");
    }
}
