package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.jushuitan.model.Sku;
import io.qiao.jushuitan.model.SkuQuery;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import io.qiao.testkit.jushuitan.SimDocument;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 商品资料 ({@code /open/sku/query}) against the simulator: the typed request sent and the records read. */
class SkusTest {
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
    void list_overTheWholeDataSet_readsEverySkuOnce_inSevenDayWindowsOfFifty(JushuitanSimulator sim) {
        List<Sku> all = client(sim).skus().list(SkuQuery.modifiedBetween(instant(sim.dataSet().start()),
                instant(sim.dataSet().end()))).stream().toList();

        assertThat(all).extracting(Sku::skuId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sim.dataSet().skuRecords().stream().map(SimDocument::soId).toList());
        List<String> sent = sim.recentBiz(Skus.QUERY);
        assertThat(sent).hasSizeGreaterThanOrEqualTo(5) // 28 days in 4 windows, 200 SKUs in pages of 50
                .anySatisfy(b -> assertThat(b).contains("\"page_index\":2"))
                .allSatisfy(b -> assertThat(b).startsWith("{\"modified_begin\":\"2024-").contains("\"page_size\":50"));
        assertThat(sent.get(0)).isEqualTo("{\"modified_begin\":\"2024-05-01 00:00:00\",\"modified_end\":"
                + "\"2024-05-08 00:00:00\",\"page_index\":1,\"page_size\":50}");
    }

    @Test
    void list_bySkuIds_sendsOneCommaSeparatedString_andTheOtherFilters_andDecodesTheRecord(JushuitanSimulator sim) {
        List<Sku> found = client(sim).skus().list(SkuQuery.builder().skuIds(List.of("SKU-001", "SKU-041"))
                .iIds(List.of("STYLE-01")).name("商品").pageSize(20).build()).stream().toList();

        assertThat(sim.recentBiz(Skus.QUERY)).containsExactly("{\"sku_ids\":\"SKU-001,SKU-041\",\"i_ids\":"
                + "[\"STYLE-01\"],\"name\":\"商品\",\"page_index\":1,\"page_size\":20}");
        assertThat(found).extracting(Sku::skuId).containsExactlyInAnyOrder("SKU-001", "SKU-041");
        Sku sku = found.stream().filter(s -> s.skuId().equals("SKU-001")).findFirst().orElseThrow();
        SimDocument served = sim.dataSet().skuRecords().stream().filter(d -> d.soId().equals("SKU-001")).findFirst()
                .orElseThrow();
        assertThat(sku.iId()).isEqualTo("STYLE-01");
        assertThat(sku.name()).isEqualTo("商品1");
        assertThat(sku.cId()).isEqualTo(1_001L);
        assertThat(sku.enabled()).isEqualTo(1);
        assertThat(sku.isSeriesNumber()).isFalse();
        assertThat(sku.autoid()).isEqualTo(1L);
        assertThat(sku.salePrice()).isPositive();
        assertThat(sku.skuCode()).isEqualTo("6900000000001");
        assertThat(sku.modified()).isEqualTo(served.modified());
        assertThat(sku.created()).isEqualTo(served.ioDate());
    }

    @Test
    void list_byCreated_sendsDateFieldCreated_andKeepsWhatWasCreatedInTheRange(JushuitanSimulator sim) {
        LocalDateTime from = sim.dataSet().start().minusDays(30);
        LocalDateTime to = from.plusDays(5);

        List<Sku> found = client(sim).skus().list(SkuQuery.builder().modifiedBetween(instant(from), instant(to))
                .byCreated(true).build()).stream().toList();

        assertThat(sim.recentBiz(Skus.QUERY).get(0)).startsWith("{\"date_field\":\"created\",\"modified_begin\":\""
                + Json.formatDateTime(from) + "\"");
        assertThat(found).isNotEmpty().allSatisfy(s -> assertThat(s.created()).isBetween(from, to));
        assertThat(found).hasSize((int) sim.dataSet().skuRecords().stream()
                .filter(d -> !d.ioDate().isBefore(from) && d.ioDate().isBefore(to)).count());
    }

    @Test
    void query_withoutRangeOrIds_orWithTooManySkuIds_orABlankName_isRefusedNamingTheField() {
        assertThatThrownBy(() -> SkuQuery.builder().iIds(List.of("STYLE-01")).build())
                .hasMessageContaining("/open/sku/query").hasMessageContaining("modified range, sku_ids");
        assertThatThrownBy(() -> SkuQuery.builder().skuIds(Collections.nCopies(21, "x")))
                .hasMessageContaining("sku_ids takes at most 20 values, was 21");
        assertThatThrownBy(() -> SkuQuery.builder().pageSize(51)).hasMessageContaining("page_size must be between 1 and 50");
        assertThatThrownBy(() -> SkuQuery.builder().name(" ")).hasMessageContaining("name must not be blank");
    }
}
