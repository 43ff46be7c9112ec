package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.PagedIterable;
import io.qiao.client.PagingException;
import io.qiao.client.TimeRange;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pages(...)}: any list method of 吉客云 with the typed resources' paging, windows, guard and pipeline. */
class JackyunPagesTest {
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);
    private static final LocalDateTime JUNE = LocalDateTime.of(2024, 6, 1, 0, 0);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DOCS_IN = "erp.storage.goodsdocin.v2";
    private static final String STOCK = "erp.stockquantity.get";

    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(20).stockQuantities(700).stockDocuments(260).trades(10)
                    .modifiedBetween(MAY, JUNE).build()));

    private static JackyunSimulator sim() {
        return JACKYUN.simulator();
    }

    private static JackyunClient client() {
        return SimulatorClients.client(sim()).build();
    }

    /** The bizcontent of each request sent for {@code method}, oldest first. */
    private static List<JsonNode> sent(String method) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (Map<String, String> form : sim().recentRequests()) {
            if (method.equals(form.get("method"))) {
                out.add(MAPPER.readTree(form.get("bizcontent")));
            }
        }
        return out;
    }

    @Test
    void pages_walksPageIndexFromZeroUntilAShortPage() throws Exception {
        List<JsonNode> rows = client().pages(STOCK, Map.of("pageSize", 200)).stream().toList();

        assertThat(rows).hasSize(700);
        assertThat(rows).extracting(r -> r.path("quantityId").asLong()).doesNotHaveDuplicates();
        assertThat(sent(STOCK)).extracting(b -> b.path("pageIndex").asInt() + "/" + b.path("pageSize").asInt())
                .containsExactly("0/200", "1/200", "2/200", "3/200");
    }

    @Test
    void pages_isLazy_sendingNothingBeforeIteration() {
        JackyunClient client = client();

        PagedIterable<JsonNode> rows = client.pages(DOCS_IN, Map.of("selelctFields", "goodsdocNo"),
                shanghai(MAY, JUNE));

        assertThat(sim().requestCount()).isZero();
        assertThat(rows.iterator().hasNext()).isTrue();
        assertThat(sim().requestCount()).isEqualTo(1);
    }

    @Test
    void pages_overAMonth_sendsOneDayWindowsUpToTheirLastSecond_andReturnsEveryDocumentOnce() throws Exception {
        List<JsonNode> docs = client().pages(DOCS_IN, Map.of("selelctFields", "goodsdocNo,gmtModified",
                "pageSize", 200), shanghai(MAY, JUNE)).stream().toList();

        assertThat(docs).extracting(d -> d.path("goodsdocNo").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sim().data().documents(JackyunDataSet.Direction.INBOUND).stream()
                        .map(JackyunDataSet.StockDocument::goodsdocNo).toList());
        List<JsonNode> firstPages = sent(DOCS_IN).stream().filter(b -> b.path("pageIndex").asInt() == 0).toList();
        assertThat(firstPages).hasSize(31);
        for (int day = 0; day < 31; day++) {
            JsonNode biz = firstPages.get(day);
            assertThat(biz.path("gmtModifiedStart").asText()).isEqualTo(TIME.format(MAY.plusDays(day)));
            assertThat(biz.path("gmtModifiedEnd").asText()).isEqualTo(TIME.format(MAY.plusDays(day + 1).minusSeconds(1)));
        }
    }

    @Test
    void pages_withTheMethodsOwnParamsAndALongerWindow_sendsThose() throws Exception {
        client().pages(DOCS_IN, Map.of("selelctFields", "goodsdocNo"), shanghai(MAY, MAY.plusDays(10))
                .params("gmtModifiedStart", "gmtModifiedEnd").maxWindow(Duration.ofDays(7))).forEach(d -> { });

        assertThat(sent(DOCS_IN)).filteredOn(b -> b.path("pageIndex").asInt() == 0)
                .extracting(b -> b.path("gmtModifiedStart").asText() + ".." + b.path("gmtModifiedEnd").asText())
                .containsExactly("2024-05-01 00:00:00..2024-05-07 23:59:59", "2024-05-08 00:00:00..2024-05-10 23:59:59");
    }

    @Test
    void pages_whenTheVendorRepeatsThePageForEver_stopsWithPagingException() {
        sim().faults().every(1, JackyunFault.endlessPaging());

        assertThatThrownBy(() -> client().pages(STOCK, Map.of("pageSize", 50)).forEach(r -> { }))
                .isInstanceOf(PagingException.class)
                .hasMessageContaining("吉客云 " + STOCK + " page 2")
                .hasMessageContaining("a full page");
        assertThat(sim().requestCount(STOCK)).isEqualTo(2);
    }

    @Test
    void pages_goThroughTheClientsPipeline_aThrottledPageIsRetried() {
        sim().faults().next(STOCK, JackyunFault.throttled(), 1);

        assertThat(client().pages(STOCK, Map.of("pageSize", 200)).stream().count()).isEqualTo(700);
        assertThat(sim().requestCount(STOCK)).isEqualTo(5);
    }

    @Test
    void pages_refuseParametersThePagerSets_namingThem() {
        JackyunClient client = client();

        assertThatThrownBy(() -> client.pages(STOCK, Map.of("pageIndex", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pageIndex'");
        assertThatThrownBy(() -> client.pages(DOCS_IN, Map.of("gmtModifiedEnd", "x"), shanghai(MAY, JUNE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gmtModifiedEnd'");
        assertThatThrownBy(() -> client.pages(STOCK, Map.of("pageSize", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> client.pages(" ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method");
        assertThat(sim().requestCount()).isZero();
    }

    @Test
    void pages_anEmptyRange_sendsNothing() {
        assertThat(client().pages(DOCS_IN, Map.of("selelctFields", "goodsdocNo"), shanghai(MAY, MAY))
                .stream().toList()).isEmpty();
        assertThat(sim().requestCount()).isZero();
    }

    /** The test data's dates are vendor wall-clock times; a {@link TimeRange} takes the instants they mean. */
    private static TimeRange shanghai(LocalDateTime from, LocalDateTime to) {
        return TimeRange.between(from.atZone(io.qiao.client.Json.SHANGHAI).toInstant(),
                to.atZone(io.qiao.client.Json.SHANGHAI).toInstant());
    }
}
