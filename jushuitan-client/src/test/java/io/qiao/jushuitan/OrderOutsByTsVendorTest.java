package io.qiao.jushuitan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.qiao.client.DecodeException;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.OrderOut;
import io.qiao.jushuitan.model.OrderOutQuery;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 销售出库 start_ts mode against canned answers the simulator would never give: an answer listing only under
 * {@code orders} with an exclusive bound, and a record without {@code ts}.
 */
class OrderOutsByTsVendorTest {
    private WireMockServer server;
    private JushuitanClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathEqualTo("/openWeb/auth/getInitToken")).willReturn(json(
                "{\"code\":0,\"msg\":\"执行成功\",\"data\":{\"access_token\":\"t\",\"expires_in\":86400,"
                        + "\"refresh_token\":\"r\",\"scope\":\"all\"}}")));
        client = JushuitanClient.builder().endpoint(URI.create(server.baseUrl()))
                .credentials(JushuitanCredentials.of("app", Secret.of("secret"))).rateLimits(RateLimits.none())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    /** Answers the {@code n}th query (from 1) with {@code body}. */
    private void answer(int n, String body) {
        server.stubFor(post(urlPathEqualTo(OrderOuts.QUERY)).inScenario("pages")
                .whenScenarioStateIs(n == 1 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "page" + n)
                .willSetStateTo("page" + (n + 1)).willReturn(json(body)));
    }

    /** The biz of every query sent, decoded from the form. */
    private List<String> bizSent() {
        return server.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(OrderOuts.QUERY))
                .map(e -> java.util.Arrays.stream(e.getRequest().getBodyAsString().split("&"))
                        .filter(f -> f.startsWith("biz=")).map(f -> java.net.URLDecoder.decode(f.substring(4),
                                java.nio.charset.StandardCharsets.UTF_8)).findFirst().orElseThrow())
                .toList();
    }

    @Test
    void list_byStartTs_underOrders_withAnExclusiveBound_readsEachOnce_andStopsOnAShortPage() {
        answer(1, "{\"code\":0,\"msg\":\"执行成功\",\"data\":{\"page_size\":2,\"page_index\":1,\"orders\":["
                + "{\"io_id\":1,\"ts\":10},{\"io_id\":2,\"ts\":11}]}}");
        answer(2, "{\"code\":0,\"msg\":\"执行成功\",\"data\":{\"page_size\":2,\"page_index\":1,\"orders\":["
                + "{\"io_id\":3,\"ts\":12}]}}");

        List<OrderOut> all = client.orderOuts().list(OrderOutQuery.builder().startTs(0).pageSize(2).build()).stream()
                .toList();

        assertThat(all).extracting(OrderOut::ioId).containsExactly(1L, 2L, 3L);
        assertThat(bizSent()).containsExactlyInAnyOrder(
                "{\"start_ts\":0,\"is_get_total\":false,\"page_index\":1,\"page_size\":2}",
                "{\"start_ts\":11,\"is_get_total\":false,\"page_index\":1,\"page_size\":2}");
    }

    @Test
    void list_byStartTs_whenARecordHasNoTs_failsNamingIt_ratherThanDroppingIt() {
        answer(1, "{\"code\":0,\"msg\":\"执行成功\",\"data\":{\"datas\":[{\"io_id\":1,\"ts\":10},{\"io_id\":2}]}}");

        assertThatThrownBy(() -> client.orderOuts().list(OrderOutQuery.builder().startTs(0).build()).stream().toList())
                .isInstanceOf(DecodeException.class).hasMessageContaining("a record has no ts");
    }
}
