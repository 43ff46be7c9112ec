package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.OrderOut;
import io.qiao.jushuitan.model.OrderOutItem;
import io.qiao.jushuitan.model.OrderOutQuery;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import io.qiao.testkit.jushuitan.SimDocument;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 销售出库 ({@code /open/orders/out/simple/query}) against the simulator: the typed request sent and the records read. */
class OrderOutsTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b.limitsEnforced(false));

    private static JushuitanClient client(JushuitanSimulator sim) {
        return JushuitanClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).rateLimits(RateLimits.none()).build();
    }

    private static Instant instant(java.time.LocalDateTime shanghai) {
        return shanghai.atZone(Json.SHANGHAI).toInstant();
    }

    @Test
    void list_overTheWholeDataSet_readsEveryDocumentOnce_inSevenDayWindowsOfFifty(JushuitanSimulator sim) {
        List<OrderOut> all = client(sim).orderOuts().list(OrderOutQuery.modifiedBetween(instant(sim.dataSet().start()),
                instant(sim.dataSet().end()))).stream().toList();

        assertThat(all).extracting(OrderOut::ioId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sim.dataSet().orderOuts().stream().map(SimDocument::id).toList());
        List<String> sent = sim.recentBiz(OrderOuts.QUERY);
        assertThat(sent).isNotEmpty().allSatisfy(b -> assertThat(b).contains("\"page_size\":50", "\"modified_begin\":",
                "\"modified_end\":"));
        assertThat(sent).hasSizeGreaterThanOrEqualTo(4); // 28 days in windows of at most 7
    }

    @Test
    void list_sendsTheTypedFilters_andDecodesTheDocument(JushuitanSimulator sim) {
        SimDocument first = sim.dataSet().orderOuts().get(0);

        List<OrderOut> found = client(sim).orderOuts().list(OrderOutQuery.builder()
                .ioIds(List.of(first.id())).status("Confirmed").wmsCoId(10_001L).shopId(16_001L).pageSize(20).build())
                .stream().toList();

        assertThat(sim.recentBiz(OrderOuts.QUERY).subList(0, 1)).containsExactly("{\"status\":\"Confirmed\",\"shop_id\":16001,"
                + "\"wms_co_id\":10001,\"io_ids\":[" + first.id() + "],\"page_index\":1,\"page_size\":20}");
        OrderOut doc = client(sim).orderOuts().list(OrderOutQuery.modifiedBetween(instant(first.modified()),
                instant(first.modified().plusSeconds(1)))).stream().filter(o -> o.ioId() == first.id()).findFirst()
                .orElseThrow();
        assertThat(doc.soId()).isEqualTo(first.soId());
        assertThat(doc.status()).isEqualTo("Confirmed");
        assertThat(doc.modified()).isEqualTo(first.modified());
        assertThat(doc.lId()).startsWith("SF");
        assertThat(doc.ts()).isPositive();
        assertThat(doc.items()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.skuId()).startsWith("SKU-");
            assertThat(i.qty()).isPositive();
            assertThat(i.saleAmount()).isEqualByComparingTo(i.salePrice().multiply(java.math.BigDecimal.valueOf(i.qty())));
        });
        assertThat(doc.payAmount()).isEqualByComparingTo(doc.items().stream().map(OrderOutItem::saleAmount)
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
        assertThat(found).extracting(OrderOut::ioId).containsExactly(first.id());
    }

    @Test
    void query_withoutRangeOrIds_orWithTooManyIds_isRefusedNamingTheField() {
        assertThatThrownBy(() -> OrderOutQuery.builder().build())
                .hasMessageContaining("/open/orders/out/simple/query").hasMessageContaining("modified range");
        assertThatThrownBy(() -> OrderOutQuery.builder().pageSize(51))
                .hasMessageContaining("page_size must be between 1 and 50");
        assertThatThrownBy(() -> OrderOutQuery.builder().soIds(java.util.Collections.nCopies(51, "x")))
                .hasMessageContaining("so_ids");
    }

    @Test
    void list_byStartTs_chainsPagesByTheLargestTs_withIsGetTotalFalseAndPageOne_eachDocumentOnce(JushuitanSimulator sim) {
        List<SimDocument> docs = sim.dataSet().orderOuts();
        long firstTs = docs.get(0).json().path("ts").asLong();

        List<OrderOut> all = client(sim).orderOuts().list(OrderOutQuery.builder().startTs(firstTs - 1)
                .status("Confirmed").pageSize(20).build()).stream().toList();

        // The simulator reads start_ts as inclusive, so each page after the first repeats its predecessor's last
        // row: the client keeps only rows newer than the ts it sent.
        assertThat(all).extracting(OrderOut::ts).doesNotHaveDuplicates().isSorted();
        assertThat(all).extracting(OrderOut::ioId)
                .containsExactlyElementsOf(docs.stream().map(SimDocument::id).toList());
        List<String> sent = sim.recentBiz(OrderOuts.QUERY);
        assertThat(sent.get(0)).isEqualTo("{\"status\":\"Confirmed\",\"start_ts\":" + (firstTs - 1)
                + ",\"is_get_total\":false,\"page_index\":1,\"page_size\":20}");
        assertThat(sent.get(1)).isEqualTo("{\"status\":\"Confirmed\",\"start_ts\":" + all.get(19).ts()
                + ",\"is_get_total\":false,\"page_index\":1,\"page_size\":20}");
        assertThat(sent).allSatisfy(b -> assertThat(b).doesNotContain("modified_begin").contains("\"page_index\":1,"));
    }

    @Test
    void list_byStartTs_afterTheLastDocument_sendsOneRequest_andReadsNothing(JushuitanSimulator sim) {
        List<SimDocument> docs = sim.dataSet().orderOuts();
        long lastTs = docs.get(docs.size() - 1).json().path("ts").asLong();

        List<OrderOut> none = client(sim).orderOuts().list(OrderOutQuery.builder().startTs(lastTs).build()).stream()
                .toList();

        assertThat(none).isEmpty();
        assertThat(sim.recentBiz(OrderOuts.QUERY)).hasSize(1);
    }

    @Test
    void list_whenTheVendorListsUnderOrders_insteadOfDatas_readsThemThere() {
        try (JushuitanSimulator sim = JushuitanSimulator.builder().orderOutListKey("orders").limitsEnforced(false)
                .build().start()) {
            List<OrderOut> all = client(sim).orderOuts().list(OrderOutQuery.modifiedBetween(
                    instant(sim.dataSet().start()), instant(sim.dataSet().end()))).stream().toList();
            List<OrderOut> byTs = client(sim).orderOuts().list(OrderOutQuery.builder().startTs(0).build()).stream()
                    .toList();

            List<Long> expected = sim.dataSet().orderOuts().stream().map(SimDocument::id).toList();
            assertThat(all).extracting(OrderOut::ioId).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(byTs).extracting(OrderOut::ioId).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void query_withStartTsAndARangeOrIds_orANegativeStartTs_isRefusedNamingTheField() {
        Instant now = Instant.parse("2024-05-01T00:00:00Z");
        assertThatThrownBy(() -> OrderOutQuery.builder().startTs(1).modifiedBetween(now, now.plusSeconds(60)).build())
                .hasMessageContaining("start_ts reads by row version alone; drop the modified range");
        assertThatThrownBy(() -> OrderOutQuery.builder().startTs(1).ioIds(List.of(5L)).build())
                .hasMessageContaining("drop the so_ids/o_ids/io_ids");
        assertThatThrownBy(() -> OrderOutQuery.builder().startTs(-1))
                .hasMessageContaining("start_ts must not be negative, was -1");
        assertThat(OrderOutQuery.builder().startTs(7).build().toBuilder().build().startTs()).isEqualTo(7L);
    }
}
