package io.qiao.kis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.kis.internal.KisHeaders;
import io.qiao.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Path A (user session) against WireMock stubs shaped like VENDORS.md 3.2. */
class UserSessionFlowTest {
    private final WireMockServer wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final ManualClock clock = ManualClock.startingNow();

    @BeforeEach
    void start() {
        wm.start();
        wm.stubFor(post(urlPathEqualTo("/koas/oauth2/access_token")).willReturn(ok(
                "{\"access_token\":\"AT1\",\"access_token_expire_in\":7200,\"session_id\":\"S1\","
                        + "\"session_id_expire_in\":86400,\"session_secret\":\"SS1\"}")));
        wm.stubFor(post(urlPathEqualTo("/koas/user/get_service_gateway")).willReturn(ok(
                "{\"auth_data\":\"AUTH1\",\"gw_router_addr\":\"router-1\",\"extend_data\":{"
                        + "\"refresh_auth_data_token\":\"RT1\",\"refresh_auth_data_token_expire_in\":86400}}")));
        wm.stubFor(post(urlPathEqualTo("/koas/user/refresh_auth_data")).willReturn(ok(
                "{\"access_token\":\"AT2\",\"auth_data\":\"AUTH2\",\"gw_router_addr\":\"router-1\",\"extend_data\":{"
                        + "\"refresh_auth_data_token\":\"RT2\",\"refresh_auth_data_token_expire_in\":86400}}")));
        wm.stubFor(post(urlPathEqualTo("/koas/app007104/api/miscellaneousreceipt/list")).willReturn(ok(
                "{\"TotalPages\":1,\"List\":[]}")));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String data) {
        return aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"errcode\":0,\"description\":\"成功\",\"data\":" + data + "}");
    }

    private KisClient client() {
        return KisClient.builder().endpoint(wm.baseUrl()).clock(clock).rateLimits(RateLimits.none())
                .sessionCredentials(KisSessionCredentials.builder().clientId("cid").clientSecret(Secret.of("csec"))
                        .authorizationCode(Secret.of("CODE")).accountNumber("UE123").productId("P1").icrmId("I1")
                        .build())
                .build();
    }

    @Test
    void firstCall_exchangesTheCode_opensTheGateway_andSendsAuthDataOnBusinessCalls() {
        client().miscellaneousReceipts().findByBillNo("x");

        wm.verify(postRequestedFor(urlPathEqualTo("/koas/oauth2/access_token"))
                .withQueryParam("client_id", equalTo("cid")).withRequestBody(equalToJson("{\"code\":\"CODE\"}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/koas/user/get_service_gateway"))
                .withQueryParam("access_token", equalTo("AT1"))
                .withRequestBody(equalToJson("{\"session_id\":\"S1\",\"acctnumber\":\"UE123\",\"pid\":\"P1\",\"icrmid\":\"I1\"}")));
        LoggedRequest gateway = wm.findAll(postRequestedFor(urlPathEqualTo("/koas/user/get_service_gateway"))).get(0);
        String expected = KisHeaders.kisSignature(gateway.getHeader("Kis-State"), "S1", gateway.getHeader("Kis-Traceid"),
                "SS1", gateway.getHeader("Kis-Timestamp"));
        assertThat(gateway.getHeader("KIS-Signature")).isEqualTo(expected);

        wm.verify(postRequestedFor(urlPathEqualTo("/koas/app007104/api/miscellaneousreceipt/list"))
                .withQueryParam("access_token", equalTo("AT1"))
                .withHeader("KIS-AuthData", equalTo("AUTH1")).withHeader("X-GW-Router-Addr", equalTo("router-1"))
                .withHeader("Kis-Ver", equalTo("1.0")).withRequestBody(containing("\"FBillNo\":\"x\"")));
    }

    @Test
    void expiredAccessToken_isRenewedWithRefreshAuthData_notWithTheOneTimeCode() {
        KisClient kis = client();
        kis.miscellaneousReceipts().findByBillNo("x");

        clock.advance(Duration.ofHours(2));
        kis.miscellaneousReceipts().findByBillNo("y");

        wm.verify(1, postRequestedFor(urlPathEqualTo("/koas/oauth2/access_token")));
        wm.verify(postRequestedFor(urlPathEqualTo("/koas/user/refresh_auth_data"))
                .withRequestBody(equalToJson("{\"refresh_auth_data_token\":\"RT1\",\"access_token\":\"AT1\"}")));
        List<LoggedRequest> lists = wm.findAll(postRequestedFor(urlPathEqualTo("/koas/app007104/api/miscellaneousreceipt/list")));
        assertThat(lists).extracting(r -> r.getHeader("KIS-AuthData")).containsExactly("AUTH1", "AUTH2");
    }
}
