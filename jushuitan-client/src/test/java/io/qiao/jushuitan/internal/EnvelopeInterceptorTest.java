package io.qiao.jushuitan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeInterceptorTest {
    private static final Request REQUEST = Request.post(URI.create("http://x/open/other/inout/query"),
            RequestBody.form(Map.of("biz", "{}"))).operation("/open/other/inout/query").idempotent(true).build();

    private static Response answer(int status, String body) {
        EnvelopeInterceptor envelope = new EnvelopeInterceptor(Json.newMapper().getFactory());
        return envelope.intercept(new io.qiao.client.Interceptor.Chain() {
            @Override
            public Request request() {
                return REQUEST;
            }

            @Override
            public Response proceed(Request r) {
                return new Response(r, status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    @Test
    void code0_passesTheAnswerThrough() {
        assertThat(answer(200, "{\"code\":0,\"msg\":\"执行成功\",\"data\":{}}").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({"199, 5 requests a second", "200, 100 requests a minute"})
    void throttlingCodes_areThrottledAndRetryable_neverSuccess(String code, String hint) {
        assertThatThrownBy(() -> answer(200, "{\"code\":" + code + ",\"msg\":\"调用频次超过限制\",\"data\":null}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.isThrottled()).isTrue();
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.vendorCode()).isEqualTo(code);
                })
                .hasMessageContaining(hint);
    }

    @ParameterizedTest
    @CsvSource({"10, app secret", "100, access token", "110, whitelist", "140, clock", "150, re-authorise",
            "190, permission"})
    void otherKnownCodes_areClearAndNotRetryable(String code, String hint) {
        assertThatThrownBy(() -> answer(200, "{\"code\":\"" + code + "\",\"msg\":\"验证失败\"}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.vendorCode()).isEqualTo(code);
                    assertThat(e.vendorMessage()).isEqualTo("验证失败");
                })
                .hasMessageContaining(hint).hasMessageContaining("/open/other/inout/query");
    }

    @Test
    void issuccessFalse_isAnErrorEvenWithCode0() {
        assertThatThrownBy(() -> answer(200, "{\"code\":0,\"issuccess\":false,\"message\":\"部分失败\"}"))
                .isInstanceOf(ApiException.class).hasMessageContaining("部分失败");
    }

    @Test
    void http5xx_isRetryable_http4xxIsNot() {
        assertThatThrownBy(() -> answer(502, "<html>bad gateway</html>"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isRetryable()).isTrue());
        assertThatThrownBy(() -> answer(404, "{}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isRetryable()).isFalse());
    }

    @Test
    void answerWithoutCode_orNotJson_isADecodeException() {
        assertThatThrownBy(() -> answer(200, "{\"data\":{}}")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("no 'code'");
        assertThatThrownBy(() -> answer(200, "<html/>")).isInstanceOf(DecodeException.class);
    }
}
