package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.jackyun.model.StockDocument;
import io.qiao.jackyun.model.StockDocumentQuery;
import io.qiao.jackyun.model.StockQuantity;
import io.qiao.jackyun.model.StockQuantityQuery;
import io.qiao.jackyun.model.Trade;
import io.qiao.jackyun.model.TradeQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Request shapes and the vendor's response variants for stock, documents and trades. */
class OperationsTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 5, 1, 0, 0);

    private static String ok(String data) {
        return "{\"code\":0,\"subCode\":\"\",\"result\":{\"contextId\":1,\"data\":" + data + "}}";
    }

    @Test
    void stockQuantities_chainPagesByMaxQuantityId_startingAtZero() {
        AtomicInteger n = new AtomicInteger();
        ScriptedTransport t = ScriptedTransport.answering(f -> n.incrementAndGet() == 1
                ? ok("{\"goodsStockQuantity\":[{\"quantityId\":\"7\"},{\"quantityId\":9}]}")
                : ok("{\"goodsStockQuantity\":[{\"quantityId\":12,\"currentQuantity\":\"3.5\"}]}"));

        List<StockQuantity> rows = TestClients.client(t).build().stockQuantities()
                .list(StockQuantityQuery.builder().pageSize(2).warehouseCode("WH1").build()).stream().toList();

        assertThat(rows).extracting(StockQuantity::quantityId).containsExactly(7L, 9L, 12L);
        assertThat(rows.get(2).currentQuantity()).isEqualByComparingTo(new BigDecimal("3.5"));
        assertThat(t.sent).extracting(f -> f.get("bizcontent")).containsExactly(
                "{\"pageIndex\":0,\"pageSize\":2,\"warehouseCode\":\"WH1\",\"maxQuantityId\":0}",
                "{\"pageIndex\":0,\"pageSize\":2,\"warehouseCode\":\"WH1\",\"maxQuantityId\":9}");
    }

    @Test
    void documents_sendSelelctFieldsAsTheVendorSpellsIt() {
        ScriptedTransport t = ScriptedTransport.always(ok("{\"goodsDocList\":[]}"));

        TestClients.client(t).build().stockDocuments().outbound(StockDocumentQuery.modifiedBetween(T0, T0.plusDays(1))
                .toBuilder().fields(List.of("goodsdocNo", "quantity")).billNo("B1").build()).stream().count();

        assertThat(t.sent.get(0)).containsEntry("method", "erp.storage.goodsdocout.v2");
        assertThat(t.sent.get(0).get("bizcontent")).isEqualTo("{\"pageIndex\":0,\"pageSize\":100,"
                + "\"gmtModifiedStart\":\"2024-05-01 00:00:00\",\"gmtModifiedEnd\":\"2024-05-01 23:59:59\","
                + "\"billNo\":\"B1\",\"selelctFields\":\"goodsdocNo,quantity\"}");
    }

    @Test
    void documents_underAnUndocumentedListKey_areStillRead() {
        ScriptedTransport t = ScriptedTransport.always(ok("{\"total\":1,\"rows\":[{\"goodsdocNo\":\"RK1\","
                + "\"goodsDocDetailList\":[{\"goodsNo\":\"G1\",\"quantity\":2}]}]}"));

        List<StockDocument> docs = TestClients.client(t).build().stockDocuments()
                .inbound(StockDocumentQuery.modifiedBetween(T0, T0.plusDays(1))).stream().toList();

        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.goodsdocNo()).isEqualTo("RK1");
            assertThat(d.lines()).extracting(StockDocument.Line::goodsNo).containsExactly("G1");
        });
    }

    @Test
    void documents_asFlatRows_becomeOneLineEach() {
        ScriptedTransport t = ScriptedTransport.always(ok("{\"goodsDocList\":[{\"goodsdocNo\":\"RK1\",\"goodsNo\":\"G1\","
                + "\"quantity\":\"2\",\"baceCurrencyCostPrice\":1.5,\"inOutDate\":\"2024-05-01 10:00:00\"}]}"));

        StockDocument d = TestClients.client(t).build().stockDocuments()
                .inbound(StockDocumentQuery.modifiedBetween(T0, T0.plusDays(1))).stream().findFirst().orElseThrow();

        assertThat(d.inOutDate()).isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 0));
        assertThat(d.lines()).singleElement().satisfies(l -> {
            assertThat(l.goodsNo()).isEqualTo("G1");
            assertThat(l.quantity()).isEqualByComparingTo("2");
            assertThat(l.costPrice()).isEqualByComparingTo("1.5");
        });
    }

    @Test
    void trades_scrollWithinEachSevenDayWindow() {
        AtomicInteger n = new AtomicInteger();
        ScriptedTransport t = ScriptedTransport.answering(f -> switch (n.incrementAndGet()) {
            case 1 -> ok("{\"trades\":[{\"tradeId\":1},{\"tradeId\":2}],\"scrollId\":\"S1\"}");
            case 2 -> ok("{\"trades\":[{\"tradeId\":3}],\"scrollId\":\"\"}");
            default -> ok("{\"trades\":[{\"tradeId\":4,\"tradeNo\":\"T4\",\"scrollId\":\"S9\"},"
                    + "{\"tradeId\":5,\"scrollId\":\"S9\"}]}");
        });

        List<Trade> trades = TestClients.client(t).build().trades().list(TradeQuery.builder().modifiedFrom(T0)
                .modifiedTo(T0.plusDays(10)).fields(List.of("tradeId", "tradeNo")).pageSize(2).build()).stream().limit(5)
                .toList();

        assertThat(trades).extracting(Trade::tradeId).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(t.sent.get(0).get("bizcontent")).isEqualTo("{\"pageIndex\":0,\"pageSize\":2,"
                + "\"startModified\":\"2024-05-01 00:00:00\",\"endModified\":\"2024-05-07 23:59:59\","
                + "\"fields\":\"tradeId,tradeNo,scrollId\",\"scrollId\":\"\"}");
        assertThat(t.sent.get(1).get("bizcontent")).contains("\"scrollId\":\"S1\"");
        assertThat(t.sent.get(2).get("bizcontent")).contains("\"startModified\":\"2024-05-08 00:00:00\"",
                "\"scrollId\":\"\"");
    }

    @Test
    void trades_repeatingTheSameScrollId_stopsInsteadOfLooping() {
        ScriptedTransport t = ScriptedTransport.always(ok("{\"trades\":[{\"tradeId\":1}],\"scrollId\":\"SAME\"}"));

        assertThatThrownBy(() -> TestClients.client(t).build().trades().list(TradeQuery.builder().modifiedFrom(T0)
                .modifiedTo(T0.plusDays(1)).pageSize(1).build()).stream().count())
                .hasMessageContaining("same continuation");
        assertThat(t.sent).hasSize(2);
    }

    @Test
    void tradeQuery_rejectsWhatTheVendorWould() {
        assertThatThrownBy(() -> TradeQuery.builder().maxWindow(Duration.ofDays(8)))
                .hasMessageContaining("maxWindow").hasMessageContaining("7 days");
        assertThatThrownBy(() -> TradeQuery.builder().build()).hasMessageContaining("modifiedFrom");
        assertThatThrownBy(() -> TradeQuery.builder().fields(List.of())).hasMessageContaining("fields");
        assertThatThrownBy(() -> StockDocumentQuery.builder().fields(List.of())).hasMessageContaining("selelctFields");
        assertThatThrownBy(() -> StockQuantityQuery.builder().pageSize(0)).hasMessageContaining("pageSize");
    }
}
