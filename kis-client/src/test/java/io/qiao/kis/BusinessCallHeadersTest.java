package io.qiao.kis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.kis.model.MaterialQuery;
import io.qiao.testkit.kis.KisSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * koas business requests as sent: the headers, and the Material/List keyword. The headers by default are what every
 * public koas caller sends (Kis-*, KIS-AuthData, X-GW-Router-Addr, access_token), with no X-Api-* signature; the
 * token call is signed. The signed business call is an option.
 */
class BusinessCallHeadersTest {
    private static final String LIST = "/koas/app007104/api/miscellaneousreceipt/list";
    private static final String MATERIALS = "/koas/APP006992/api/Material/List";
    private static final String TOKEN = "/jdyconnector/app_management/kingdee_auth_token";
    private static final List<String> X_API = List.of("X-Api-ClientID", "X-Api-Auth-Version", "X-Api-TimeStamp",
            "X-Api-Nonce", "X-Api-SignHeaders", "X-Api-Signature");

    private final WireMockServer wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeEach
    void start() {
        wm.start();
        wm.stubFor(get(urlPathEqualTo(TOKEN)).willReturn(ok("{\"access_token\":\"AT1\",\"app-token\":\"APPTOKEN1\","
                + "\"expires\":" + (System.currentTimeMillis() + 86_400_000L) + ",\"uid\":1}")));
        wm.stubFor(post(urlPathEqualTo(LIST)).willReturn(ok("{\"TotalPages\":1,\"List\":[]}")));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String data) {
        return aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"errcode\":0,\"description\":\"成功\",\"data\":" + data + "}");
    }

    private KisClient.Builder client() {
        return KisClient.builder().endpoint(wm.baseUrl()).rateLimits(RateLimits.none())
                .credentials(KisCredentials.gateway("cid", Secret.of("csec"), "akey", Secret.of("asec"), "router-1"));
    }

    @Test
    void businessCall_byDefault_sendsTheHeadersPublicCallersSend_andNoGatewaySignature() {
        client().build().miscellaneousReceipts().findByBillNo("x");

        LoggedRequest call = wm.findAll(postRequestedFor(urlPathEqualTo(LIST))).get(0);
        assertThat(call.queryParameter("access_token").firstValue()).isEqualTo("AT1");
        assertThat(call.getHeader("KIS-AuthData")).isEqualTo("APPTOKEN1");
        assertThat(call.getHeader("X-GW-Router-Addr")).isEqualTo("router-1");
        assertThat(call.getHeader("Kis-Ver")).isEqualTo("1.0");
        assertThat(call.getHeader("Kis-State")).isNotBlank();
        assertThat(call.getHeader("Kis-Traceid")).isNotBlank();
        assertThat(call.getHeader("Kis-Timestamp")).matches("\\d{10}");
        assertThat(X_API).allSatisfy(h -> assertThat(call.containsHeader(h)).as(h).isFalse());

        LoggedRequest token = wm.findAll(getRequestedFor(urlPathEqualTo(TOKEN))).get(0);
        assertThat(X_API).allSatisfy(h -> assertThat(token.containsHeader(h)).as(h).isTrue());
        assertThat(token.getHeader("X-Api-ClientID")).isEqualTo("cid");
    }

    /** The keyword goes as SearchKey, the name public KIS clients send to Material/List. */
    @Test
    void materialsList_sendsTheKeywordAsSearchKey() {
        wm.stubFor(post(urlPathEqualTo(MATERIALS)).willReturn(ok("{\"TotalPages\":1,\"List\":[]}")));

        client().build().materials().list(MaterialQuery.builder().keyword("螺丝").pageSize(50).build()).stream().count();

        wm.verify(postRequestedFor(urlPathEqualTo(MATERIALS)).withRequestBody(equalToJson(
                "{\"CurrentPage\":\"1\",\"ItemsOfPage\":\"50\",\"SearchKey\":\"螺丝\"}")));
    }

    @Test
    void businessCall_withSignBusinessCalls_alsoCarriesTheGatewaySignature() {
        client().signBusinessCalls(true).build().miscellaneousReceipts().findByBillNo("x");

        LoggedRequest call = wm.findAll(postRequestedFor(urlPathEqualTo(LIST))).get(0);
        assertThat(X_API).allSatisfy(h -> assertThat(call.containsHeader(h)).as(h).isTrue());
        assertThat(call.getHeader("X-Api-ClientID")).isEqualTo("cid");
        assertThat(call.getHeader("KIS-AuthData")).isEqualTo("APPTOKEN1");
    }

    /** The simulator checks the signature itself when it is required: the option's signature is the real one. */
    @Test
    void signBusinessCalls_isAcceptedByAGatewayThatRequiresTheSignature() {
        try (KisSimulator sim = KisSimulator.builder().requireBusinessSignature(true).build().start()) {
            KisClient kis = KisTestSupport.clientFor(sim).signBusinessCalls(true).build();
            sim.clearMaterials();
            sim.addMaterial("1.01.001", "A", "PCS");

            assertThat(kis.materials().list(MaterialQuery.all()).stream().toList()).hasSize(1);
            assertThat(sim.signatureFailures()).isEmpty();
        }
    }

    @Test
    void signBusinessCalls_withSessionCredentials_isRefusedNamingWhy() {
        KisClient.Builder b = KisClient.builder().signBusinessCalls(true).credentials(KisSessionCredentials.builder()
                .clientId("cid").clientSecret(Secret.of("csec")).authorizationCode(Secret.of("CODE"))
                .accountNumber("UE1").productId("P1").icrmId("I1").build());

        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signBusinessCalls").hasMessageContaining("gateway credentials");
    }
}
