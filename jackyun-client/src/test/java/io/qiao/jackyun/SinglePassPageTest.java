package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.jackyun.model.Warehouse;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A page's envelope check and record binding share one pass: the outcomes must be those of two passes. */
class SinglePassPageTest {
    private static final String ROW = "{\"warehouseId\":\"11\",\"warehouseCode\":\"W11\",\"gmtModified\":\"2024-05-01 12:34:56\"}";

    @Test
    void list_whenResultComesBeforeCode_bindsRecords() {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"result\":{\"data\":{\"warehouseInfo\":[" + ROW + "]},\"contextId\":5},\"subCode\":\"\",\"code\":200}"))
                .build();

        Warehouse w = client.warehouses().list().stream().findFirst().orElseThrow();

        assertThat(w.warehouseId()).isEqualTo(11);
        assertThat(w.gmtModified()).isEqualTo(LocalDateTime.of(2024, 5, 1, 12, 34, 56));
    }

    @Test
    void list_whenDataIsAJsonEncodedString_bindsRecords() {
        String encoded = ("{\"warehouseInfo\":[" + ROW + "]}").replace("\"", "\\\"");
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"code\":0,\"subCode\":\"200\",\"result\":{\"contextId\":\"7\",\"data\":\"" + encoded + "\"}}")).build();

        assertThat(client.warehouses().list().stream().findFirst().orElseThrow().warehouseCode()).isEqualTo("W11");
    }

    @Test
    void list_whenARowDoesNotBindButTheSubCodeIsAnError_throwsTheVendorError() {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"code\":0,\"result\":{\"data\":{\"warehouseInfo\":[{\"warehouseId\":\"x\"}]},\"contextId\":9},"
                        + "\"msg\":\"无权限\",\"subCode\":\"0130000609\"}")).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.warehouses().list().stream().count());

        assertThat(e.vendorCode()).isEqualTo("0130000609");
        assertThat(e.requestId()).contains("9");
    }

    @Test
    void list_whenADateIsInvalid_throwsDecodeExceptionNamingIt_withoutRetrying() {
        AtomicInteger calls = new AtomicInteger();
        JackyunClient client = TestClients.client(ScriptedTransport.answering(form -> {
            calls.incrementAndGet();
            return "{\"code\":0,\"subCode\":\"\",\"result\":{\"data\":{\"warehouseInfo\":["
                    + ROW.replace("2024-05-01", "2024-13-01") + "]}}}";
        })).build();

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> client.warehouses().list().stream().count());

        assertThat(e.getMessage()).contains("Warehouse", "2024-13-01 12:34:56", "month 13 is outside 1-12");
        assertThat(e.excerpt()).contains("warehouseInfo");
        assertThat(e.operation()).isEqualTo("erp.warehouse.get");
        assertThat(calls).hasValue(1);
    }

    @Test
    void list_whenTheBodyIsTruncatedInsideTheRecords_isMalformedAndRetried() {
        AtomicInteger calls = new AtomicInteger();
        JackyunClient client = TestClients.client(ScriptedTransport.answering(form -> {
            calls.incrementAndGet();
            return "{\"code\":0,\"subCode\":\"\",\"result\":{\"data\":{\"warehouseInfo\":[" + ROW;
        })).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.warehouses().list().stream().count());

        assertThat(e.isRetryable()).isTrue();
        assertThat(calls).hasValue(3);
    }

    @Test
    void list_whenTrailingGarbageFollowsTheEnvelope_isMalformed() {
        JackyunClient client = TestClients.client(ScriptedTransport.always(
                "{\"code\":0,\"result\":{\"data\":{\"warehouseInfo\":[" + ROW + "]}}} {")).build();

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.warehouses().list().stream().count());

        assertThat(e.getMessage()).contains("not a Jackyun JSON envelope");
    }
}
