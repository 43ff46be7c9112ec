package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.ApiException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Decoding of the envelopes captured in VENDORS.md 2.4, and the subCode -> ApiException mapping. */
class JackyunEnvelopeTest {

    @Test
    void call_successWithCodeZero_returnsData() {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"code\":0,\"msg\":\"\",\"subCode\":\"0000000000\",\"result\":{\"contextId\":\"2558976806644932353\","
                        + "\"data\":{\"warehouseInfo\":[{\"warehouseId\":\"1\"}]}}}")).build();

        JsonNode data = client.call("erp.warehouse.get", Map.of("pageIndex", 0), true);

        assertThat(data.path("warehouseInfo").get(0).path("warehouseId").asText()).isEqualTo("1");
    }

    /** The official doc example: code 200, empty subCode. */
    @Test
    void call_docExampleWithCode200_isSuccess() {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"code\":200,\"msg\":\"\",\"result\":{\"data\":{\"x\":1},\"contextId\":\"7\"},\"subCode\":\"\"}"))
                .build();

        assertThat(client.call("erp.goods.skuimport", "{}").path("x").asInt()).isEqualTo(1);
    }

    /** OMS methods answer subCode "200" and a data string that must be parsed a second time. */
    @Test
    void call_dataEncodedAsString_isParsedTwice() {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"code\":0,\"subCode\":\"200\",\"result\":{\"contextId\":1,"
                        + "\"data\":\"{\\\"trades\\\":[{\\\"tradeNo\\\":\\\"T1\\\"}]}\"}}")).build();

        assertThat(client.call("omsapi-business.order.get", "{}", true).path("trades").get(0).path("tradeNo").asText())
                .isEqualTo("T1");
    }

    /**
     * Every success form a source documents, one row each (VENDORS.md 2.4): the official doc examples (code 200,
     * subCode ""), antgit2024/ai-costing-system's live-verified set ("0", "0000000000", "00000000", OMS "200", and
     * ERP "0030000004" 操作成功 from erp.storage.goodslist), code sent as a string ("200" in a public skill doc),
     * and envelopes with no or a null subCode.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "doc example: code 200, subCode empty | {\"code\":200,\"msg\":\"\",\"subCode\":\"\"",
            "code 0, subCode ten zeros | {\"code\":0,\"msg\":\"\",\"subCode\":\"0000000000\"",
            "code 0, subCode eight zeros | {\"code\":0,\"msg\":\"\",\"subCode\":\"00000000\"",
            "code 0, subCode 0 | {\"code\":0,\"msg\":\"\",\"subCode\":\"0\"",
            "OMS: code 200, subCode 200 | {\"code\":200,\"msg\":\"\",\"subCode\":\"200\"",
            "ERP goodslist: code 200, subCode 0030000004 | {\"code\":200,\"msg\":\"操作成功\",\"subCode\":\"0030000004\"",
            "code 0, subCode 0030000004 | {\"code\":0,\"msg\":\"操作成功\",\"subCode\":\"0030000004\"",
            "code as a string \"200\" | {\"code\":\"200\",\"msg\":\"\",\"subCode\":\"\"",
            "code as a string \"0\", no subCode | {\"code\":\"0\",\"msg\":\"\"",
            "code 0, subCode null | {\"code\":0,\"msg\":\"\",\"subCode\":null",
    })
    void call_documentedSuccessForm_returnsData(String form, String head) {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                head + ",\"result\":{\"contextId\":\"7\",\"data\":{\"goods\":[{\"skuId\":\"11\"}]}}}")).build();

        JsonNode data = client.call("erp.storage.goodslist", Map.of("pageIndex", 0), true);

        assertThat(data.path("goods").get(0).path("skuId").asText()).as(form).isEqualTo("11");
    }

    /** A subCode no source lists as success stays an error, even with code 200 and a cheerful message. */
    @ParameterizedTest(name = "code {0}, subCode {1}")
    @CsvSource({"200, 0030000005", "0, 0030000003", "200, 0000000001", "0, 00300000040"})
    void call_unknownSubCode_isAnErrorCarryingCodeAndMessage(int code, String subCode) {
        JackyunClient client = TestClients.client(ScriptedTransport.always("{\"code\":" + code
                + ",\"msg\":\"操作成功?\",\"subCode\":\"" + subCode + "\",\"result\":{\"data\":{\"goods\":[]}}}"))
                .retry(TestClients.fastRetry(1)).build();

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.call("erp.storage.goodslist", "{}", true));

        assertThat(e.vendorCode()).isEqualTo(subCode);
        assertThat(e.vendorMessage()).isEqualTo("操作成功?");
        assertThat(e.getMessage()).contains(subCode, "操作成功?");
        assertThat(e.isRetryable()).isFalse();
    }

    /** The real capture (jinfenghua1990/zhejiang): contextId is a number there. */
    @Test
    void call_realErrorCapture_throwsApiExceptionWithSubCodeAndContextId() {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"code\":0,\"msg\":\"该应用未开通开放平台，无法调用接口，请联系客户经理处理\",\"result\":{\"data\":null,"
                        + "\"contextId\":2558976806644932353},\"subCode\":\"0130000609\"}")).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.warehouses().list().stream().count());

        assertThat(e.vendorCode()).isEqualTo("0130000609");
        assertThat(e.vendorMessage()).contains("未开通开放平台");
        assertThat(e.requestId()).contains("2558976806644932353");
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.operation()).isEqualTo("erp.warehouse.get");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("0130000609", "2558976806644932353", "erp.warehouse.get");
    }

    /** The doc's error example: code 0 (looks like success) but a subCode: subCode decides. */
    @Test
    void call_docErrorExample_subCodeWinsOverCode() {
        AtomicInteger calls = new AtomicInteger();
        JackyunClient client = TestClients.client(ScriptedTransport.answering(f -> {
            calls.incrementAndGet();
            return "{\"code\":0,\"msg\":\"未知错误\",\"result\":{\"data\":null,\"contextId\":\"99\"},\"subCode\":\"0130020001\"}";
        })).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.call("erp.x", "{}", true));

        assertThat(e.vendorCode()).isEqualTo("0130020001");
        assertThat(e.isRetryable()).isTrue();
        assertThat(calls).hasValue(3); // retried to the attempt limit
    }

    @ParameterizedTest(name = "subCode {0} -> retryable={1}, throttled={2}")
    @CsvSource({
            "0858030801, false, false",
            "0858030802, false, false",
            "0858030803, false, false",
            "0130020310, false, false",
            "0050030002, false, false",
            "0130000609, false, false",
            "0031310400, false, false",
            "0859999999, true, true",
            "0130020001, true, false",
            "0123456789, false, false",
    })
    void call_knownSubCodes_mapToRetryability(String subCode, boolean retryable, boolean throttled) {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"code\":0,\"msg\":\"m\",\"result\":{\"data\":null},\"subCode\":\"" + subCode + "\"}"))
                .retry(TestClients.fastRetry(1)).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.call("erp.x", "{}", true));

        assertThat(e.vendorCode()).isEqualTo(subCode);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.isThrottled()).isEqualTo(throttled);
    }

    @Test
    void call_nonSuccessCodeWithoutSubCode_isAnErrorNamingTheCode() {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"code\":500,\"msg\":\"系统繁忙\",\"result\":{\"data\":null}}")).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.call("erp.x", "{}"));

        assertThat(e.vendorCode()).isEqualTo("500");
        assertThat(e.vendorMessage()).isEqualTo("系统繁忙");
    }

    @ParameterizedTest(name = "HTTP {0} -> retryable={1}, throttled={2}")
    @CsvSource({"503, true, false", "500, true, false", "408, true, false", "429, true, true", "400, false, false",
            "404, false, false"})
    void call_httpErrors_mapToRetryability(int status, boolean retryable, boolean throttled) {
        JackyunClient client = TestClients.client(ScriptedTransport.withStatus(
                f -> new ScriptedTransport.Answer(status, "<html>error</html>")))
                .retry(TestClients.fastRetry(1)).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.call("erp.x", "{}", true));

        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.vendorMessage()).isEqualTo("<html>error</html>");
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.isThrottled()).isEqualTo(throttled);
    }

    @Test
    void call_malformedJsonThenGood_retriesAndSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        JackyunClient client = TestClients.client(ScriptedTransport.answering(f -> calls.incrementAndGet() == 1
                ? "{\"code\":0,\"result\":{\"data\":{\"x\":"
                : "{\"code\":0,\"result\":{\"data\":{\"x\":2}}}")).build();

        assertThat(client.call("erp.x", "{}", true).path("x").asInt()).isEqualTo(2);
        assertThat(calls).hasValue(2);
    }

    @Test
    void call_persistentlyMalformedJson_endsAsRetryableApiExceptionWithExcerpt() {
        JackyunClient client = TestClients.client(ScriptedTransport.always("<html>gateway</html>")).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.call("erp.x", "{}", true));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("not a Jackyun JSON envelope", "<html>gateway</html>");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void call_writeIsNotRetriedOnServerError() {
        AtomicInteger calls = new AtomicInteger();
        JackyunClient client = TestClients.client(ScriptedTransport.withStatus(f -> {
            calls.incrementAndGet();
            return new ScriptedTransport.Answer(503, "busy");
        })).build();

        catchThrowableOfType(ApiException.class, () -> client.call("erp.storage.goodsdocin.add", "{}"));

        assertThat(calls).hasValue(1);
    }

    @Test
    void call_writeIsRetriedWhenThrottled() {
        AtomicInteger calls = new AtomicInteger();
        JackyunClient client = TestClients.client(ScriptedTransport.answering(f -> calls.incrementAndGet() == 1
                ? "{\"code\":0,\"msg\":\"busy\",\"subCode\":\"0859999999\"}"
                : "{\"code\":0,\"result\":{\"data\":{\"ok\":true}}}")).build();

        assertThat(client.call("erp.storage.goodsdocin.add", "{}").path("ok").asBoolean()).isTrue();
        assertThat(calls).hasValue(2);
    }
}
