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
}
