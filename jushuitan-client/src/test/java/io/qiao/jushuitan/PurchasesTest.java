package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.Purchase;
import io.qiao.jushuitan.model.PurchaseQuery;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import io.qiao.testkit.jushuitan.SimDocument;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 采购单 ({@code /open/purchase/query}) against the simulator: the typed request sent and the records read. */
class PurchasesTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b
            .documents(4_000).limitsEnforced(false));

    private static JushuitanClient client(JushuitanSimulator sim) {
        return JushuitanClient.builder().endpoint(sim.endpoint())
                .credentials(JushuitanCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                .rateLimits(RateLimits.none()).build();
    }

    private static Instant instant(LocalDateTime shanghai) {
        return shanghai.atZone(Json.SHANGHAI).toInstant();
    }

    @Test
    void list_overTheWholeDataSet_readsEveryPurchaseOrderOnce_pagingWithinEachWindow(JushuitanSimulator sim) {
        List<Purchase> all = client(sim).purchases().list(PurchaseQuery.builder().modifiedBetween(
                instant(sim.dataSet().start()), instant(sim.dataSet().end())).pageSize(10).build()).stream().toList();

        assertThat(all).extracting(Purchase::poId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sim.dataSet().purchases().stream().map(SimDocument::id).toList());
        List<String> sent = sim.recentBiz(Purchases.QUERY);
        assertThat(sent).anySatisfy(b -> assertThat(b).contains("\"page_index\":2"))
                .allSatisfy(b -> assertThat(b).contains("\"modified_begin\":", "\"page_size\":10"));
    }

    @Test
    void list_byIds_sendsPoIdsAsNumbersAndSoIdsAsText_andDecodesTheOrderAndItsLines(JushuitanSimulator sim) {
        SimDocument first = sim.dataSet().purchases().get(0);

        List<Purchase> found = client(sim).purchases().list(PurchaseQuery.builder().poIds(List.of(first.id()))
                .soIds(List.of(first.soId())).build()).stream().toList();

        assertThat(sim.recentBiz(Purchases.QUERY)).containsExactly("{\"so_ids\":[\"" + first.soId() + "\"],"
                + "\"po_ids\":[" + first.id() + "],\"page_index\":1,\"page_size\":50}");
        Purchase po = found.get(0);
        assertThat(found).hasSize(1);
        assertThat(po.poId()).isEqualTo(first.id());
        assertThat(po.soId()).isEqualTo(first.soId());
        assertThat(po.status()).isEqualTo(first.status());
        assertThat(po.poDate()).isEqualTo(first.ioDate());
        assertThat(po.modified()).isEqualTo(first.modified());
        assertThat(po.seller()).isEqualTo("华东供应商");
        assertThat(po.taxRate()).isEqualByComparingTo("13");
        assertThat(po.items()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.poId()).isEqualTo(first.id());
            assertThat(i.poiId() / 10).isEqualTo(first.id());
            assertThat(i.skuId()).startsWith("SKU-");
            assertThat(i.qty()).isPositive();
            assertThat(i.deliveryDate()).isEqualTo(first.ioDate().plusDays(7));
        });
    }

    @Test
    void query_withoutRangeOrIds_orWithTooManyIds_isRefusedNamingTheField() {
        assertThatThrownBy(() -> PurchaseQuery.builder().build())
                .hasMessage("/open/purchase/query: give a modified range, so_ids or po_ids");
        assertThatThrownBy(() -> PurchaseQuery.builder().poIds(Collections.nCopies(51, 1L)))
                .hasMessageContaining("po_ids takes at most 50 values");
        assertThatThrownBy(() -> PurchaseQuery.builder().pageSize(0)).hasMessageContaining("page_size");
    }
}
