package io.qiao.jushuitan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Json;
import io.qiao.client.PagedIterable;
import io.qiao.client.PagingException;
import io.qiao.client.RateLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.client.TimeRange;
import io.qiao.testkit.jushuitan.JushuitanFault;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import io.qiao.testkit.jushuitan.SimDocument;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pages(...)}: any list API of 聚水潭 with the typed operations' paging, windows, guard and pipeline. */
class JushuitanPagesTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b
            .documents(400).limitsEnforced(false));

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PURCHASE_IN = "/open/purchasein/query";
    private static final String PARTNERS = "/open/wms/partner/query";

    private static JushuitanClient clientFor(JushuitanSimulator sim) {
        return JushuitanClient.builder().endpoint(sim.endpoint())
                .credentials(JushuitanCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                .rateLimits(RateLimits.none())
                .retry(RetryOptions.builder().baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5)).build())
                .build();
    }

    private static List<JsonNode> sent(JushuitanSimulator sim, String path) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String biz : sim.recentBiz(path)) {
            out.add(MAPPER.readTree(biz));
        }
        return out;
    }

    @Test
    void pages_walksPageIndexFromOneWithTheCallersPageSize_untilHasNextIsFalse(JushuitanSimulator sim) throws Exception {
        List<JsonNode> warehouses = clientFor(sim).pages(PARTNERS, Map.of("page_size", 2)).stream().toList();

        assertThat(warehouses).extracting(w -> w.path("wms_co_id").asLong()).containsExactly(10001L, 10002L, 10003L);
        assertThat(sent(sim, PARTNERS)).extracting(b -> b.path("page_index").asInt() + "/" + b.path("page_size").asInt())
                .containsExactly("1/2", "2/2");
    }

    @Test
    void pages_withoutPageSize_sendsTheVendorsDefaultOf30(JushuitanSimulator sim) throws Exception {
        clientFor(sim).pages(PARTNERS, Map.of()).forEach(w -> { });

        assertThat(sent(sim, PARTNERS)).singleElement().satisfies(b -> {
            assertThat(b.path("page_index").asInt()).isEqualTo(1);
            assertThat(b.path("page_size").asInt()).isEqualTo(30);
        });
    }

    @Test
    void pages_isLazy_sendingNothingBeforeIteration(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim);
        long before = sim.requestCount(PURCHASE_IN);

        PagedIterable<JsonNode> pages = client.pages(PURCHASE_IN, Map.of(),
                shanghai(sim.dataSet().start(), sim.dataSet().end()));

        assertThat(sim.requestCount(PURCHASE_IN)).isEqualTo(before);
        assertThat(pages.iterator().hasNext()).isTrue();
        assertThat(sim.requestCount(PURCHASE_IN)).isEqualTo(before + 1);
    }

    @Test
    void pages_overARange_sendsSevenDayWindowsAsModifiedBeginAndEnd_andReturnsEveryRecordOnce(JushuitanSimulator sim)
            throws Exception {
        LocalDateTime start = sim.dataSet().start();
        LocalDateTime end = sim.dataSet().end();
        List<JsonNode> docs = clientFor(sim)
                .pages(PURCHASE_IN, Map.of("page_size", 50), shanghai(start, end).recordTime("modified"))
                .stream().toList();

        assertThat(docs).extracting(d -> d.path("io_id").asLong()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sim.dataSet().purchaseIn().stream().map(SimDocument::id).toList());
        List<JsonNode> sent = sent(sim, PURCHASE_IN);
        LocalDateTime expectedBegin = start;
        LocalDateTime lastEnd = null;
        for (JsonNode biz : sent) {
            LocalDateTime begin = Json.parseDateTime(biz.path("modified_begin").asText());
            LocalDateTime windowEnd = Json.parseDateTime(biz.path("modified_end").asText());
            assertThat(Duration.between(begin, windowEnd)).isLessThanOrEqualTo(Duration.ofDays(7));
            if (biz.path("page_index").asInt() == 1) {
                assertThat(begin).as("each window starts where the one before ended").isEqualTo(expectedBegin);
                expectedBegin = windowEnd;
            }
            lastEnd = windowEnd;
        }
        assertThat(lastEnd).isEqualTo(end);
        assertThat(sent.stream().filter(b -> b.path("page_index").asInt() == 1).count())
                .isEqualTo((Duration.between(start, end).toSeconds() + Duration.ofDays(7).toSeconds() - 1)
                        / Duration.ofDays(7).toSeconds());
        assertThat(sim.answerCount(1)).as("parameter errors, e.g. windows over 7 days").isZero();
    }

    @Test
    void pages_withCustomParamsAndAShorterWindow_sendsThoseNames(JushuitanSimulator sim) throws Exception {
        LocalDateTime start = sim.dataSet().start();
        clientFor(sim).pages(PURCHASE_IN, Map.of("date_type", 2), shanghai(start, start.plusDays(2))
                .params("modified_begin", "modified_end").maxWindow(Duration.ofDays(1))).forEach(d -> { });

        assertThat(sent(sim, PURCHASE_IN)).filteredOn(b -> b.path("page_index").asInt() == 1)
                .extracting(b -> b.path("modified_begin").asText() + " " + b.path("date_type").asInt())
                .containsExactly(Json.formatDateTime(start) + " 2", Json.formatDateTime(start.plusDays(1)) + " 2");
    }

    @Test
    void pages_whenTheVendorRepeatsThePageForEver_stopsWithPagingException(JushuitanSimulator sim) {
        sim.faults().every(1, JushuitanFault.endlessPaging());

        assertThatThrownBy(() -> clientFor(sim).pages(PURCHASE_IN, Map.of("page_size", 50),
                shanghai(sim.dataSet().start(), sim.dataSet().end())).forEach(d -> { }))
                .isInstanceOf(PagingException.class)
                .hasMessageContaining("聚水潭 " + PURCHASE_IN + " page 2")
                .hasMessageContaining("has_next=true");
        assertThat(sim.requestCount(PURCHASE_IN)).isEqualTo(2);
    }

    @Test
    void pages_goThroughTheClientsPipeline_aServerErrorOnAPageIsRetried(JushuitanSimulator sim) {
        sim.faults().next(PARTNERS, JushuitanFault.httpStatus(503), 1);

        assertThat(clientFor(sim).pages(PARTNERS, Map.of()).stream().count()).isEqualTo(3);
        assertThat(sim.requestCount(PARTNERS)).isEqualTo(2);
    }

    @Test
    void pages_refuseParametersThePagerSets_namingThem(JushuitanSimulator sim) {
        JushuitanClient client = clientFor(sim);
        TimeRange day = shanghai(sim.dataSet().start(), sim.dataSet().start().plusDays(1));

        assertThatThrownBy(() -> client.pages(PARTNERS, Map.of("page_index", 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'page_index'");
        assertThatThrownBy(() -> client.pages(PURCHASE_IN, Map.of("modified_begin", "x"), day))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'modified_begin'");
        assertThatThrownBy(() -> client.pages(PARTNERS, Map.of("page_size", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page_size");
        assertThatThrownBy(() -> client.pages("open/x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
        assertThat(sim.requestCount()).isZero();
    }

    @Test
    void pages_aWindowLongerThanTheVendorsSevenDays_isRefused(JushuitanSimulator sim) {
        TimeRange range = shanghai(sim.dataSet().start(), sim.dataSet().end()).maxWindow(Duration.ofDays(8));

        assertThatThrownBy(() -> clientFor(sim).pages(PURCHASE_IN, Map.of(), range))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("聚水潭").hasMessageContaining("PT168H");
    }

    /** The test data's dates are vendor wall-clock times; a {@link TimeRange} takes the instants they mean. */
    private static TimeRange shanghai(LocalDateTime from, LocalDateTime to) {
        return TimeRange.between(from.atZone(io.qiao.client.Json.SHANGHAI).toInstant(),
                to.atZone(io.qiao.client.Json.SHANGHAI).toInstant());
    }
}
