package io.qiao.jackyun.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.StockDocuments;
import io.qiao.jackyun.StockDocumentTypes;
import io.qiao.jackyun.model.Sku;
import io.qiao.jackyun.model.SkuQuery;
import io.qiao.jackyun.model.StockDocument;
import io.qiao.jackyun.model.StockDocumentQuery;
import io.qiao.jackyun.model.Transfer;
import io.qiao.jackyun.model.TransferQuery;
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
            .dataSet(JackyunDataSet.builder().warehouses(5).stockDocuments(9).skus(7).transfers(8)
                    .modifiedBetween(DATA_START, DATA_END).build())
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

    abstract static class SkuContract extends AtJobNow<Sku> {
        @Override
        protected List<Sku> expectedRecords() {
            List<Sku> all = CLIENT.skus().list(SkuQuery.all()).stream().toList();
            assertThat(all).hasSize(SIM.data().skuCount());
            return all;
        }

        @Override
        protected Object keyOf(Sku record) {
            return JackyunSources.keyOf(record);
        }
    }

    @Nested
    class Skus extends SkuContract {
        @Override
        protected Source<Sku> newSource() {
            // the defaults but the first run's start: from ALL_HISTORY a run is ~300 empty 30-day windows, which the
            // suite would read dozens of times (JackyunSourcesTest runs that first load once)
            return JackyunSources.skusBuilder(CLIENT).initialWatermark(instant(DATA_START.minusDays(1))).build();
        }
    }

    @Nested
    class SkusInSixHourWindows extends SkuContract {
        @Override
        protected Source<Sku> newSource() {
            return JackyunSources.skusBuilder(CLIENT).initialWatermark(instant(DATA_START))
                    .maxWindow(Duration.ofHours(6)).build();
        }
    }

    abstract static class TransferContract extends AtJobNow<Transfer> {
        @Override
        protected List<Transfer> expectedRecords() {
            List<Transfer> all = CLIENT.transfers().list(TransferQuery.createdBetween(instant(DATA_START), JOB_NOW))
                    .stream().toList();
            assertThat(all).hasSize(SIM.data().transferCount());
            return all;
        }

        @Override
        protected Object keyOf(Transfer record) {
            return JackyunSources.keyOf(record);
        }
    }

    @Nested
    class Transfers extends TransferContract {
        @Override
        protected Source<Transfer> newSource() {
            return JackyunSources.transfers(CLIENT);
        }
    }

    @Nested
    class TransfersInSixHourWindows extends TransferContract {
        @Override
        protected Source<Transfer> newSource() {
            // the default 3-day overlap must stay shorter than the window
            return JackyunSources.transfersBuilder(CLIENT).maxWindow(Duration.ofHours(6)).overlap(Duration.ofHours(1))
                    .build();
        }
    }

    @Nested
    class PurchaseReceipts extends AtJobNow<StockDocument> {
        @Override
        protected Source<StockDocument> newSource() {
            return JackyunSources.purchaseReceipts(CLIENT);
        }

        @Override
        protected List<StockDocument> expectedRecords() {
            List<StockDocument> all = CLIENT.stockDocuments().purchaseReceipts(
                    StockDocumentQuery.modifiedBetween(instant(DATA_START), JOB_NOW)).stream().toList();
            assertThat(all).isNotEmpty().allSatisfy(d -> assertThat(d.inouttype())
                    .isEqualTo(StockDocumentTypes.PURCHASE_IN));
            return all;
        }

        @Override
        protected Object keyOf(StockDocument record) {
            return JackyunSources.keyOf(record);
        }
    }
}
