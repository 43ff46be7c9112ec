package io.qiao.kis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.Request;
import io.qiao.client.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KisEnvelopeTest {
    private final KisEnvelope envelope = new KisEnvelope(Json.create());
    private final Request request = Request.get(URI.create("http://kis/koas/x")).operation("op")
            .header("Kis-Traceid", "trace-9").build();

    private Response response(int status, String body) {
        return new Response(request, status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void check_errcodeZero_passes_andDataIsReturned() {
        Response r = response(200, "{\"errcode\":0,\"description\":\"成功\",\"data\":{\"FID\":5}}");

        envelope.check(r);

        assertThat(envelope.data(r).get("FID").asInt()).isEqualTo(5);
    }

    @Test
    void check_errcodeAsString_isAccepted() {
        envelope.check(response(200, "{\"errcode\":\"0\",\"data\":{}}"));
    }

    @Test
    void check_businessError_becomesApiExceptionWithDescriptionAndTraceId() {
        assertThatThrownBy(() -> envelope.check(response(200, "{\"errcode\":10201,\"description\":\"单据编号已存在\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.vendorCode()).isEqualTo("10201");
                    assertThat(e.vendorMessage()).isEqualTo("单据编号已存在");
                    assertThat(e.requestId()).contains("trace-9");
                    assertThat(e.isRetryable()).isFalse();
                });
    }

    @Test
    void check_http519_isASignatureFailureWithHint_notRetryable() {
        assertThatThrownBy(() -> envelope.check(response(519, "{\"errcode\":-1,\"description\":\"签名错误\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(519);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("signature").contains("clock");
                });
    }

    @Test
    void check_busyDescription_isRetryable_andRateLimitIsThrottled() {
        assertThatThrownBy(() -> envelope.check(response(200, "{\"errcode\":10201,\"description\":\"系统繁忙，请稍后重试\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isRetryable()).isTrue());
        assertThatThrownBy(() -> envelope.check(response(429, "{\"errcode\":429,\"description\":\"已限流\"}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isThrottled()).isTrue());
    }

    @Test
    void check_gatewayErrorWithoutJson_isRetryable() {
        assertThatThrownBy(() -> envelope.check(response(502, "<html>Bad Gateway</html>")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    void check_successWithoutEnvelope_isADecodeException() {
        assertThatThrownBy(() -> envelope.check(response(200, "{\"data\":1}"))).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> envelope.check(response(200, "not json"))).isInstanceOf(DecodeException.class);
    }

    @Test
    void isAuthFailure_recognisesExpiredTokenDescriptions() {
        assertThat(KisEnvelope.isAuthFailure(200, "app-token 已过期，请重新获取")).isTrue();
        assertThat(KisEnvelope.isAuthFailure(200, "KIS-AuthData invalid or expired")).isTrue();
        assertThat(KisEnvelope.isAuthFailure(200, "FItemID invalid")).isFalse();
        assertThat(KisEnvelope.isAuthFailure(401, null)).isTrue();
        assertThat(KisEnvelope.isAuthFailure(200, "单据编号已存在")).isFalse();
    }
}
