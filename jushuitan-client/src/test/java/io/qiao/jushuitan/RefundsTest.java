package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.Refund;
import io.qiao.jushuitan.model.RefundItem;
import io.qiao.jushuitan.model.RefundQuery;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import io.qiao.testkit.jushuitan.SimDocument;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 售后单 ({@code /open/refund/single/query}) against the simulator: the typed request sent and the records read. */
class RefundsTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b.limitsEnforced(false));

    private static JushuitanClient client(JushuitanSimulator sim) {
        return JushuitanClient.builder().endpoint(sim.endpoint())
                .credentials(JushuitanCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                .rateLimits(RateLimits.none()).build();
    }

    private static Instant instant(LocalDateTime shanghai) {
        return shanghai.atZone(Json.SHANGHAI).toInstant();
    }

    @Test
    void list_withStatusAndType_sendsThem_andReadsExactlyTheMatchingAfterSales(JushuitanSimulator sim) {
        List<Refund> found = client(sim).refunds().list(RefundQuery.builder().modifiedBetween(
                        instant(sim.dataSet().start()), instant(sim.dataSet().end()))
                .status("Confirmed").type("普通退货").shopId(16_001).build()).stream().toList();

        assertThat(sim.recentBiz(Refunds.QUERY)).hasSize(4).allSatisfy(b -> assertThat(b)
                .startsWith("{\"shop_id\":16001,\"status\":\"Confirmed\",\"type\":\"普通退货\",\"modified_begin\":"));
        assertThat(found).extracting(Refund::asId).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                sim.dataSet().refunds().stream().filter(d -> "Confirmed".equals(d.status()) && "普通退货".equals(d.type()))
                        .map(SimDocument::id).toList());
    }

    @Test
    void list_byIds_sendsEveryIdFilter_andDecodesTheAfterSaleAndItsLines(JushuitanSimulator sim) {
        SimDocument first = sim.dataSet().refunds().get(0);
        long oId = first.json().path("o_id").asLong();

        List<Refund> found = client(sim).refunds().list(RefundQuery.builder().asIds(List.of(first.id()))
                .oIds(List.of(oId)).soIds(List.of(first.soId())).shopBuyerIds(List.of("buyer0"))
                .goodStatus("BUYER_RETURNED_GOODS").pageSize(10).build()).stream().toList();

        assertThat(sim.recentBiz(Refunds.QUERY)).containsExactly("{\"good_status\":\"BUYER_RETURNED_GOODS\","
                + "\"so_ids\":[\"" + first.soId() + "\"],\"o_ids\":[" + oId + "],\"as_ids\":[" + first.id() + "],"
                + "\"shop_buyer_ids\":[\"buyer0\"],\"page_index\":1,\"page_size\":10}");
        assertThat(found).hasSize(1);
        Refund r = found.get(0);
        assertThat(r.asId()).isEqualTo(first.id());
        assertThat(r.oId()).isEqualTo(oId);
        assertThat(r.type()).isEqualTo(first.type());
        assertThat(r.asDate()).isEqualTo(first.ioDate());
        assertThat(r.modified()).isEqualTo(first.modified());
        assertThat(r.ts()).isPositive();
        assertThat(r.items()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.asId()).isEqualTo(first.id());
            assertThat(i.amount()).isEqualByComparingTo(i.price().multiply(BigDecimal.valueOf(i.qty())));
            assertThat(i.rQty()).isNotNull();
            assertThat(i.isGift()).isFalse();
        });
        assertThat(r.refund()).isEqualByComparingTo(r.items().stream().map(RefundItem::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void query_withoutRangeOrIds_orWithTooManyBuyers_isRefusedNamingTheField() {
        assertThatThrownBy(() -> RefundQuery.builder().status("Confirmed").build())
                .hasMessage("/open/refund/single/query: give a modified range, so_ids, o_ids or as_ids");
        assertThatThrownBy(() -> RefundQuery.builder().shopBuyerIds(Collections.nCopies(51, "b")))
                .hasMessageContaining("shop_buyer_ids takes at most 50 values");
        assertThatThrownBy(() -> RefundQuery.builder().status("")).hasMessageContaining("status must not be blank");
    }
}
