package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.Secret;
import io.qiao.jackyun.internal.JackyunSigner;
import io.qiao.jackyun.model.WarehouseQuery;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JackyunClientTest {

    @Test
    void build_withoutAppKey_namesTheMissingSetting() {
        assertThatThrownBy(() -> JackyunClient.builder().appSecret(Secret.of("s")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("appKey");
    }

    @Test
    void build_withoutAppSecret_namesTheMissingSetting() {
        assertThatThrownBy(() -> JackyunClient.builder().appKey("k").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("appSecret");
    }

    @Test
    void call_sendsTheCommonParametersSignedWithBeijingTime() {
        ScriptedTransport t = ScriptedTransport.always("{\"code\":0,\"result\":{\"data\":{}}}");
        JackyunClient client = TestClients.client(t).build();

        client.call("erp.warehouse.get", "{\"pageIndex\":0,\"pageSize\":50}", true);

        Map<String, String> form = t.sent.get(0);
        assertThat(form).containsEntry("method", "erp.warehouse.get").containsEntry("appkey", "test_appkey")
                .containsEntry("version", "v1.0").containsEntry("contenttype", "json")
                .containsEntry("bizcontent", "{\"pageIndex\":0,\"pageSize\":50}")
                .containsEntry("timestamp", "2024-01-01 12:00:00") // the clock says 04:00 UTC
                .doesNotContainKey("token");
        // K3 (VENDORS.md 2.3): exactly these parameters and secret
        assertThat(form.get("sign")).isEqualTo("64f2f7e60df02bab76198c00925f8c85");
    }

    @Test
    void call_withIsvToken_sendsTokenUnsigned() {
        ScriptedTransport t = ScriptedTransport.always("{\"code\":0,\"result\":{\"data\":{}}}");
        JackyunClient client = TestClients.client(t).token(Secret.of("isv-token")).version("1.0").build();

        client.call("erp.warehouse.get", Map.of("pageIndex", 0), true);

        Map<String, String> form = t.sent.get(0);
        assertThat(form).containsEntry("token", "isv-token").containsEntry("version", "1.0");
        Map<String, String> withoutToken = new HashMap<>(form);
        withoutToken.remove("token");
        assertThat(form.get("sign")).isEqualTo(JackyunSigner.sign(withoutToken, Secret.of("TEST_SECRET")));
    }

    @Test
    void call_bizcontentIsCamelCaseJsonWithUnescapedChinese() {
        ScriptedTransport t = ScriptedTransport.always("{\"code\":0,\"result\":{\"data\":{}}}");
        JackyunClient client = TestClients.client(t).build();

        client.warehouses().list(WarehouseQuery.builder().name("主仓").build()).stream().count();

        assertThat(t.sent.get(0).get("bizcontent")).isEqualTo("{\"pageIndex\":0,\"pageSize\":100,\"name\":\"主仓\"}");
    }

    @Test
    void call_serialisesDateTimesAsTheVendorWritesThem() {
        ScriptedTransport t = ScriptedTransport.always("{\"code\":0,\"result\":{\"data\":{}}}");
        JackyunClient client = TestClients.client(t).build();

        Map<String, Object> biz = new java.util.LinkedHashMap<>();
        biz.put("pageIndex", 0);
        biz.put("startDateModifiedSku", java.time.LocalDateTime.of(2024, 5, 1, 8, 30));
        client.call("erp.storage.goodslist", biz, true);

        assertThat(t.sent.get(0).get("bizcontent"))
                .isEqualTo("{\"pageIndex\":0,\"startDateModifiedSku\":\"2024-05-01 08:30:00\"}");
    }

    @Test
    void listeners_seeEveryAttemptWithItsOutcome() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        ScriptedTransport t = ScriptedTransport.answering(f -> n.incrementAndGet() == 1
                ? "{\"code\":0,\"msg\":\"busy\",\"subCode\":\"0859999999\"}"
                : "{\"code\":0,\"result\":{\"data\":{}}}");
        java.util.List<io.qiao.client.ApiCallEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.qiao.client.ApiUsage usage = new io.qiao.client.ApiUsage();
        JackyunClient client = TestClients.client(t).listener(events::add).listener(usage).build();

        client.call("erp.warehouse.get", "{}", true);

        assertThat(events).extracting(io.qiao.client.ApiCallEvent::outcome).containsExactly(
                io.qiao.client.ApiCallEvent.Outcome.THROTTLED, io.qiao.client.ApiCallEvent.Outcome.SUCCESS);
        assertThat(events.get(0).vendorCode()).isEqualTo("0859999999");
        assertThat(usage.snapshot()).singleElement().satisfies(s -> {
            assertThat(s.operation()).isEqualTo("erp.warehouse.get");
            assertThat(s.calls()).isEqualTo(2);
            assertThat(s.throttled()).isEqualTo(1);
        });
    }

    @Test
    void toString_neverShowsTheSecret() {
        JackyunClient client = JackyunClient.builder()
                .credentials(JackyunCredentials.of("k", Secret.of("super-secret"))).build();
        assertThat(client.toString()).doesNotContain("super-secret");
        assertThat(JackyunCredentials.of("k", Secret.of("super-secret")).toString()).doesNotContain("super-secret");
    }

    @Test
    void rateLimits_areTheLimitersTheClientPacesWith_theDefaultOrTheOnesGiven_soAnotherClientCanShareThem() {
        io.qiao.client.RateLimits shared = io.qiao.client.RateLimits.of(io.qiao.client.RateLimit.perSecond(3));
        try (JackyunClient byDefault = JackyunClient.builder().credentials(JackyunCredentials.of("k", "s")).build();
             JackyunClient given = JackyunClient.builder().credentials(JackyunCredentials.of("k", "s"))
                     .rateLimits(shared).build()) {
            assertThat(byDefault.rateLimits().limitsFor("default")).containsExactly(JackyunClient.DEFAULT_RATE_LIMIT);
            assertThat(given.rateLimits()).isSameAs(shared);
        }
    }
}
