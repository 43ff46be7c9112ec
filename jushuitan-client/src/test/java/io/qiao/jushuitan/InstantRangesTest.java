package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.InventoryQuery;
import io.qiao.jushuitan.model.OrderQuery;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.model.PurchaseInQuery;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Query ranges are {@link Instant}s in every client (issue 15): 聚水潭 receives them as Shanghai wall-clock
 * seconds, and the deprecated {@code LocalDateTime} builder overloads, read as Shanghai time, send the same.
 */
class InstantRangesTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b.limitsEnforced(false));

    /** 2024-05-01 08:00:00 in Shanghai. */
    private static final Instant FROM = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-05-02T00:00:00.250Z");
    private static final LocalDateTime FROM_LOCAL = LocalDateTime.of(2024, 5, 1, 8, 0);
    private static final LocalDateTime TO_LOCAL = LocalDateTime.of(2024, 5, 2, 8, 0, 0, 250_000_000);

    private static JushuitanClient client(JushuitanSimulator sim) {
        return JushuitanClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                .appSecret(Secret.of(sim.appSecret())).rateLimits(RateLimits.none()).build();
    }

    /** The biz of the only request to {@code path} that {@code call} sends. */
    private static String sent(JushuitanSimulator sim, String path, Consumer<JushuitanClient> call) {
        sim.reset();
        call.accept(client(sim));
        List<String> biz = sim.recentBiz(path);
        assertThat(biz).hasSize(1);
        return biz.get(0);
    }

    @Test
    void everyQuery_instantRange_isSentAsShanghaiSeconds_endRoundedUp(JushuitanSimulator sim) {
        String begin = "\"modified_begin\":\"2024-05-01 08:00:00\"";
        String end = "\"modified_end\":\"2024-05-02 08:00:01\"";

        assertThat(sent(sim, OtherInOuts.QUERY, c -> c.otherInOuts().list(OtherInOutQuery.modifiedBetween(FROM, TO))
                .stream().count())).contains(begin, end);
        assertThat(sent(sim, Orders.QUERY, c -> c.orders().list(OrderQuery.modifiedBetween(FROM, TO))
                .stream().count())).contains(begin, end);
        assertThat(sent(sim, Inventories.QUERY, c -> c.inventories().list(InventoryQuery.modifiedBetween(FROM, TO))
                .stream().count())).contains(begin, end);
        assertThat(sent(sim, PurchaseIns.QUERY, c -> c.purchaseIns().list(PurchaseInQuery.modifiedBetween(FROM, TO))
                .stream().count())).contains(begin, end);
    }

    @Test
    @SuppressWarnings("removal")
    void deprecatedLocalDateTimeOverloads_sendTheSameRangeAsTheInstantOnes(JushuitanSimulator sim) {
        assertThat(sent(sim, OtherInOuts.QUERY, c -> c.otherInOuts().list(OtherInOutQuery.builder()
                .modifiedBetween(FROM_LOCAL, TO_LOCAL).build()).stream().count()))
                .isEqualTo(sent(sim, OtherInOuts.QUERY, c -> c.otherInOuts().list(OtherInOutQuery.builder()
                        .modifiedBetween(FROM, TO).build()).stream().count()));
        assertThat(sent(sim, Orders.QUERY, c -> c.orders().list(OrderQuery.builder()
                .modifiedBetween(FROM_LOCAL, TO_LOCAL).build()).stream().count()))
                .isEqualTo(sent(sim, Orders.QUERY, c -> c.orders().list(OrderQuery.modifiedBetween(FROM, TO))
                        .stream().count()));
        assertThat(sent(sim, PurchaseIns.QUERY, c -> c.purchaseIns().list(PurchaseInQuery.builder()
                .modifiedBetween(FROM_LOCAL, TO_LOCAL).build()).stream().count()))
                .isEqualTo(sent(sim, PurchaseIns.QUERY, c -> c.purchaseIns().list(PurchaseInQuery
                        .modifiedBetween(FROM, TO)).stream().count()));
    }

    @Test
    void toBuilder_ofEveryQuery_sendsTheSameBizAsTheOriginal(JushuitanSimulator sim) {
        InventoryQuery inventory = InventoryQuery.builder().modifiedBetween(FROM, TO).wmsCoId(10001)
                .skuIds(java.util.List.of("SKU-001")).pageSize(20).build();
        OrderQuery orders = OrderQuery.builder().modifiedBetween(FROM, TO).status("Sent").pageSize(20).build();
        PurchaseInQuery purchaseIns = PurchaseInQuery.builder().modifiedBetween(FROM, TO).statuses("Confirmed")
                .pageSize(20).build();

        assertThat(sent(sim, Inventories.QUERY, c -> c.inventories().list(inventory.toBuilder().build()).stream().count()))
                .isEqualTo(sent(sim, Inventories.QUERY, c -> c.inventories().list(inventory).stream().count()));
        assertThat(sent(sim, Orders.QUERY, c -> c.orders().list(orders.toBuilder().build()).stream().count()))
                .isEqualTo(sent(sim, Orders.QUERY, c -> c.orders().list(orders).stream().count()));
        assertThat(sent(sim, PurchaseIns.QUERY, c -> c.purchaseIns().list(purchaseIns.toBuilder().build()).stream()
                .count())).isEqualTo(sent(sim, PurchaseIns.QUERY, c -> c.purchaseIns().list(purchaseIns).stream().count()))
                .contains("\"page_size\":20");
    }
}
