package io.qiao.jackyun;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.jackyun.model.StockDocumentQuery;
import io.qiao.jackyun.model.StockQuantityQuery;
import io.qiao.jackyun.model.TradeQuery;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Query ranges are {@link Instant}s (issue 15) and reach the gateway as Beijing wall time; the deprecated
 * {@code LocalDateTime} overloads, read as Beijing time, send exactly the same fields.
 */
class InstantRangesTest {
    /** 2024-05-01 08:00 in Beijing. */
    private static final Instant FROM = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-05-02T00:00:00Z");
    private static final LocalDateTime FROM_LOCAL = LocalDateTime.of(2024, 5, 1, 8, 0);
    private static final LocalDateTime TO_LOCAL = LocalDateTime.of(2024, 5, 2, 8, 0);

    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(5).stockQuantities(5).stockDocuments(5).trades(5)
                    .modifiedBetween(LocalDateTime.of(2024, 4, 1, 0, 0), LocalDateTime.of(2024, 6, 1, 0, 0)).build()));

    private static JackyunClient client() {
        return SimulatorClients.client(JACKYUN.simulator()).build();
    }

    /** The bizcontent of the only request {@code call} sends. */
    private static String sent(Consumer<JackyunClient> call) {
        JACKYUN.simulator().reset();
        call.accept(client());
        List<Map<String, String>> requests = JACKYUN.simulator().recentRequests();
        assertThat(requests).hasSize(1);
        return requests.get(0).get("bizcontent");
    }

    @Test
    void warehouses_instantRange_isSentAsBeijingWallTime_endInclusiveToTheSecond() {
        String biz = sent(c -> c.warehouses().list(WarehouseQuery.modifiedBetween(FROM, TO)).stream().count());

        assertThat(biz).contains("\"gmtModifiedStart\":\"2024-05-01 08:00:00\"")
                .contains("\"gmtModifiedEnd\":\"2024-05-02 07:59:59\"");
    }

    @Test
    void stockQuantitiesDocumentsAndTrades_instantRanges_areSentAsBeijingWallTime() {
        assertThat(sent(c -> c.stockQuantities().list(StockQuantityQuery.builder().modifiedFrom(FROM).modifiedTo(TO)
                .build()).stream().count()))
                .contains("\"gmtModifiedStart\":\"2024-05-01 08:00:00\"", "\"gmtModifiedEnd\":\"2024-05-02 07:59:59\"");
        assertThat(sent(c -> c.stockDocuments().inbound(StockDocumentQuery.modifiedBetween(FROM, TO)).stream().count()))
                .contains("\"gmtModifiedStart\":\"2024-05-01 08:00:00\"", "\"gmtModifiedEnd\":\"2024-05-02 07:59:59\"");
        assertThat(sent(c -> c.trades().list(TradeQuery.modifiedBetween(FROM, TO)).stream().count()))
                .contains("\"startModified\":\"2024-05-01 08:00:00\"", "\"endModified\":\"2024-05-02 07:59:59\"");
    }

    @Test
    @SuppressWarnings("removal")
    void deprecatedLocalDateTimeOverloads_sendTheSameRangeAsTheInstantOnes() {
        assertThat(sent(c -> c.warehouses().list(WarehouseQuery.modifiedBetween(FROM_LOCAL, TO_LOCAL)).stream().count()))
                .isEqualTo(sent(c -> c.warehouses().list(WarehouseQuery.modifiedBetween(FROM, TO)).stream().count()));
        assertThat(sent(c -> c.trades().list(TradeQuery.builder().modifiedFrom(FROM_LOCAL).modifiedTo(TO_LOCAL)
                .build()).stream().count()))
                .isEqualTo(sent(c -> c.trades().list(TradeQuery.modifiedBetween(FROM, TO)).stream().count()));
        assertThat(sent(c -> c.stockDocuments().outbound(StockDocumentQuery.modifiedBetween(FROM_LOCAL, TO_LOCAL))
                .stream().count()))
                .isEqualTo(sent(c -> c.stockDocuments().outbound(StockDocumentQuery.modifiedBetween(FROM, TO))
                        .stream().count()));
    }

    @Test
    void accessorsAndToBuilder_keepTheInstants() {
        WarehouseQuery q = WarehouseQuery.modifiedBetween(FROM, TO);

        assertThat(q.modifiedFrom()).isEqualTo(FROM);
        assertThat(q.modifiedTo()).isEqualTo(TO);
        assertThat(q.toBuilder().build().modifiedFrom()).isEqualTo(FROM);
        assertThat(TradeQuery.modifiedSince(FROM).toBuilder().build().modifiedFrom()).isEqualTo(FROM);
        assertThat(StockQuantityQuery.all().modifiedFrom()).isNull();
    }
}
