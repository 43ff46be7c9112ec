package io.qiao.jackyun.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.StockDocuments;
import io.qiao.jackyun.model.StockDocument;
import io.qiao.jackyun.model.StockDocumentQuery;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.sync.Source;
import io.qiao.sync.testkit.SourceContract;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The source contract (qiao-sync-testkit) on the sources {@link JackyunSources} ships, read from the 吉客云 simulator:
 * with their defaults, and with windows short enough that the day of data spans several of them.
 */
class JackyunSourcesContractTest {
    private static final LocalDateTime DATA_START = LocalDateTime.of(2024, 5, 31, 0, 30);
    private static final LocalDateTime DATA_END = LocalDateTime.of(2024, 6, 1, 0, 0);
    /**
     * Ten minutes after the last modification: all data lies in the sources' default 24 hours of look-back. Not
     * named NOW: inside the suites the inherited SourceContract.NOW would win.
     */
    private static final Instant JOB_NOW = DATA_END.plusMinutes(10).atZone(Json.SHANGHAI).toInstant();

    private static final JackyunSimulator SIM = JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(5).stockDocuments(6).modifiedBetween(DATA_START, DATA_END)
                    .build())
            .build().start();
    private static final JackyunClient CLIENT = JackyunClient.builder().endpoint(SIM.endpoint())
            .credentials(JackyunCredentials.of(SIM.appKey(), Secret.of(SIM.appSecret())))
            .retry(RetryOptions.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ZERO).throttleDelay(Duration.ZERO)
                    .build())
            .rateLimits(RateLimits.none()).build();

    @AfterAll
    static void stop() {
        CLIENT.close();
        SIM.close();
    }

    private static Instant instant(LocalDateTime shanghai) {
        return shanghai.atZone(Json.SHANGHAI).toInstant();
    }

    /** The suite with the job's "now" after the data set. */
    abstract static class AtJobNow<T> extends SourceContract<T> {
        @Override
        protected Clock clock() {
            return Clock.fixed(JOB_NOW, ZoneOffset.UTC);
        }
    }

    abstract static class WarehouseContract extends AtJobNow<Warehouse> {
        @Override
        protected List<Warehouse> expectedRecords() {
            List<Warehouse> all = CLIENT.warehouses().list(WarehouseQuery.all()).stream().toList();
            assertThat(all).hasSize(SIM.data().warehouses().size());
            return all;
        }

        @Override
        protected Object keyOf(Warehouse record) {
            return JackyunSources.keyOf(record);
        }
    }

    abstract static class StockDocumentContract extends AtJobNow<StockDocument> {
        @Override
        protected List<StockDocument> expectedRecords() {
            return CLIENT.stockDocuments().list(StockDocuments.Direction.INBOUND,
                    StockDocumentQuery.modifiedBetween(instant(DATA_START), JOB_NOW)).stream().toList();
        }

        @Override
        protected Object keyOf(StockDocument record) {
            return JackyunSources.keyOf(record);
        }
    }

    @Nested
    class Warehouses extends WarehouseContract {
        @Override
        protected Source<Warehouse> newSource() {
            return JackyunSources.warehouses(CLIENT);
        }
    }

    @Nested
    class WarehousesInSixHourWindows extends WarehouseContract {
        @Override
        protected Source<Warehouse> newSource() {
            return JackyunSources.warehousesBuilder(CLIENT).initialWatermark(instant(DATA_START))
                    .maxWindow(Duration.ofHours(6)).build();
        }
    }

    @Nested
    class InboundStockDocuments extends StockDocumentContract {
        @Override
        protected Source<StockDocument> newSource() {
            return JackyunSources.stockDocuments(CLIENT, StockDocuments.Direction.INBOUND);
        }
    }

    @Nested
    class InboundStockDocumentsInSixHourWindows extends StockDocumentContract {
        @Override
        protected Source<StockDocument> newSource() {
            return JackyunSources.stockDocumentsBuilder(CLIENT, StockDocuments.Direction.INBOUND)
                    .maxWindow(Duration.ofHours(6)).build();
        }
    }
}
