package io.qiao.kis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.HttpTransport;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.PagedIterable;
import io.qiao.client.PagingException;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pages(...)}: any koas list API with the typed lists' paging, guard and pipeline. */
class KisPagesTest {
    @RegisterExtension
    static final KisSimulatorExtension KIS = new KisSimulatorExtension();

    private static final String MATERIALS = "/koas/APP006992/api/Material/List";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The bodies of the business requests sent to {@link #MATERIALS}, as the transport saw them. */
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void catalogue() {
        KisSimulator sim = KIS.simulator();
        sim.clearMaterials();
        for (int i = 1; i <= 5; i++) {
            sim.addMaterial("SKU-" + i, "商品" + i, "PCS");
        }
    }

    private KisClient client() {
        HttpTransport jdk = JdkHttpTransport.builder().build();
        HttpTransport recording = request -> {
            if (request.uri().getPath().equals(MATERIALS)) {
                sent.add(read(request));
            }
            return jdk.send(request);
        };
        return KisTestSupport.clientFor(KIS.simulator()).transport(recording).build();
    }

    private static JsonNode read(Request request) {
        try {
            return MAPPER.readTree(request.body().text().orElseThrow());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pages_walksCurrentPageFromOneAsStrings_untilTotalPages() {
        List<JsonNode> rows = client().pages(MATERIALS, Map.of("ItemsOfPage", 2)).stream().toList();

        assertThat(rows).extracting(r -> r.path("FNumber").asText())
                .containsExactly("SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5");
        assertThat(sent).extracting(b -> b.path("CurrentPage").asText() + "/" + b.path("ItemsOfPage").asText())
                .containsExactly("1/2", "2/2", "3/2");
        assertThat(sent).allSatisfy(b -> assertThat(b.path("CurrentPage").isTextual()).isTrue());
    }

    @Test
    void pages_isLazy_sendingNothingBeforeIteration() {
        KisClient client = client();

        PagedIterable<JsonNode> rows = client.pages(MATERIALS, Map.of());

        assertThat(KIS.simulator().calls(KisOperation.LIST_MATERIALS)).isZero();
        assertThat(rows.iterator().hasNext()).isTrue();
        assertThat(KIS.simulator().calls(KisOperation.LIST_MATERIALS)).isEqualTo(1);
        assertThat(sent).singleElement().satisfies(b -> assertThat(b.path("ItemsOfPage").asText()).isEqualTo("100"));
    }

    @Test
    void pages_whenTheServerRepeatsThePageForEver_stopsWithPagingException() {
        KIS.simulator().endlessPaging(true);

        assertThatThrownBy(() -> client().pages(MATERIALS, Map.of("ItemsOfPage", 2)).forEach(r -> { }))
                .isInstanceOf(PagingException.class)
                .hasMessageContaining("KIS " + MATERIALS + " page 2")
                .hasMessageContaining("TotalPages beyond this page");
        assertThat(sent).hasSize(2);
    }

    @Test
    void pages_goThroughTheClientsPipeline_anUnavailablePageIsRetried() {
        KIS.simulator().injectFault(KisOperation.LIST_MATERIALS, KisFault.UNAVAILABLE_BEFORE_PROCESSING);

        assertThat(client().pages(MATERIALS, Map.of()).stream().count()).isEqualTo(5);
        assertThat(sent).hasSize(2);
    }

    @Test
    void pages_refuseTheFieldThePagerSets_andABadPath() {
        KisClient client = client();

        assertThatThrownBy(() -> client.pages(MATERIALS, Map.of("CurrentPage", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'CurrentPage'");
        assertThatThrownBy(() -> client.pages(MATERIALS, Map.of("ItemsOfPage", -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ItemsOfPage");
        assertThatThrownBy(() -> client.pages("koas/x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
        assertThat(sent).isEmpty();
    }
}
