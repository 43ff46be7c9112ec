package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Json;
import io.qiao.jackyun.model.StockDocument;
import io.qiao.jackyun.model.StockDocumentQuery;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code inouttype} filter: applied by the client to the vendor's own pages, so paging is not cut short. */
class StockDocumentTypesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant MAY_1 = LocalDateTime.of(2024, 5, 1, 0, 0).atZone(Json.SHANGHAI).toInstant();

    /** Page 0: two 其他入库 (a full page without one purchase receipt); page 1: a 采购入库 and a 销售退货. */
    private static String page(Map<String, String> form) {
        try {
            JsonNode biz = MAPPER.readTree(form.get("bizcontent"));
            String rows = biz.get("pageIndex").asInt() == 0
                    ? row("RK1", "104", "其他入库") + "," + row("RK2", "104", "其他入库")
                    : row("RK3", "101", "采购入库");
            return "{\"code\":0,\"subCode\":\"\",\"result\":{\"data\":{\"goodsDocList\":[" + rows + "]}}}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String row(String no, String type, String name) {
        return "{\"goodsdocNo\":\"" + no + "\",\"inouttype\":\"" + type + "\",\"inouttypeName\":\"" + name + "\"}";
    }

    @Test
    void purchaseReceipts_keepType101_readingPastAFullPageWithoutAny() {
        ScriptedTransport t = ScriptedTransport.answering(StockDocumentTypesTest::page);
        JackyunClient client = TestClients.client(t).build();

        List<StockDocument> docs = client.stockDocuments().purchaseReceipts(StockDocumentQuery.builder()
                .modifiedFrom(MAY_1).modifiedTo(MAY_1.plusSeconds(3600)).fields(List.of("goodsdocNo")).pageSize(2)
                .build()).stream().toList();

        assertThat(docs).extracting(StockDocument::goodsdocNo).containsExactly("RK3");
        assertThat(docs.get(0).inouttypeName()).isEqualTo(StockDocumentTypes.NAMES.get(StockDocumentTypes.PURCHASE_IN));
        assertThat(t.sent).extracting(f -> f.get("method")).containsOnly(StockDocuments.INBOUND_METHOD);
        // the same requests as the unfiltered listing, with inouttype added to the fields the filter reads
        assertThat(t.sent).extracting(f -> f.get("bizcontent")).containsExactly(
                "{\"pageIndex\":0,\"pageSize\":2,\"gmtModifiedStart\":\"2024-05-01 00:00:00\",\"gmtModifiedEnd\":"
                        + "\"2024-05-01 00:59:59\",\"selelctFields\":\"goodsdocNo,inouttype\"}",
                "{\"pageIndex\":1,\"pageSize\":2,\"gmtModifiedStart\":\"2024-05-01 00:00:00\",\"gmtModifiedEnd\":"
                        + "\"2024-05-01 00:59:59\",\"selelctFields\":\"goodsdocNo,inouttype\"}");
    }

    @Test
    void inbound_withoutTypes_keepsEveryDocumentAndAsksOnlyTheFieldsGiven() {
        ScriptedTransport t = ScriptedTransport.answering(StockDocumentTypesTest::page);

        List<StockDocument> docs = TestClients.client(t).build().stockDocuments().inbound(StockDocumentQuery.builder()
                .fields(List.of("goodsdocNo")).pageSize(2).build()).stream().toList();

        assertThat(docs).extracting(StockDocument::inouttype).containsExactly("104", "104", "101");
        assertThat(t.sent.get(0).get("bizcontent")).endsWith("\"selelctFields\":\"goodsdocNo\"}");
    }

    @Test
    void inouttypes_severalCodes_keepEachOfThem() {
        ScriptedTransport t = ScriptedTransport.answering(StockDocumentTypesTest::page);

        List<StockDocument> docs = TestClients.client(t).build().stockDocuments().inbound(StockDocumentQuery.builder()
                .inouttypes(List.of(StockDocumentTypes.PURCHASE_IN, StockDocumentTypes.OTHER_IN)).pageSize(2).build())
                .stream().toList();

        assertThat(docs).extracting(StockDocument::goodsdocNo).containsExactly("RK1", "RK2", "RK3");
    }

    @Test
    void inouttypes_blankCode_isRefusedNamingTheField() {
        assertThatThrownBy(() -> StockDocumentQuery.builder().inouttypes(Arrays.asList("101", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inouttypes");
    }

    @Test
    void names_coverEveryCodeConstant() throws IllegalAccessException {
        for (var f : StockDocumentTypes.class.getFields()) {
            if (f.getType() == String.class) {
                assertThat(StockDocumentTypes.NAMES).containsKey((String) f.get(null));
            }
        }
        assertThat(StockDocumentTypes.NAMES).hasSize(15);
    }
}
