package io.qiao.jackyun.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.JdkHttpTransport;
import io.qiao.client.Json;
import io.qiao.client.RateLimit;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.StockDocuments;
import io.qiao.jackyun.model.Sku;
import io.qiao.jackyun.model.StockDocument;
import io.qiao.jackyun.model.Transfer;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.Position;
import io.qiao.sync.Source;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.SyncRetry;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** End to end: the simulator's data through a SyncJob into an in-memory sink. */
class JackyunSourcesTest {
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);
    private static final LocalDateTime JUNE = LocalDateTime.of(2024, 6, 1, 0, 0);
    /** The job's "now": a day after the simulator's last modification. */
    private static final Clock JOB_CLOCK = Clock.fixed(JUNE.plusDays(1).atZone(Json.SHANGHAI).toInstant(), ZoneOffset.UTC);

    private static final DateTimeFormatter GATEWAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(1_234).stockDocuments(400).modifiedBetween(MAY, JUNE).build()));

    private static JackyunSimulator sim() {
        return JACKYUN.simulator();
    }

    private static JackyunClient client(int attempts) {
        return JackyunClient.builder()
                .endpoint(sim().endpoint())
                .credentials(JackyunCredentials.of(sim().appKey(), Secret.of(sim().appSecret())))
                .transport(JdkHttpTransport.builder().requestTimeout(Duration.ofSeconds(20)).build())
                .retry(RetryOptions.builder().maxAttempts(attempts).baseDelay(Duration.ZERO).maxDelay(Duration.ZERO)
                        .throttleDelay(Duration.ZERO).jitter(0).build())
                .rateLimit(RateLimit.perSecond(100_000))
                .build();
    }

    private static <T> SyncJob<T, T> job(String name, Source<T> source, InMemorySink<?, T> sink,
                                         InMemoryCheckpointStore checkpoints) {
        return SyncJob.builder(name)
                .source(source)
                .sink(sink)
                .checkpoints(checkpoints)
                .deadLetters(new InMemoryDeadLetterStore())
                .clock(JOB_CLOCK)
                .build();
    }

    private static Map<Long, Warehouse> expectedWarehouses() {
        return sim().data().warehouses().stream().collect(java.util.stream.Collectors.toMap(
                JackyunDataSet.Warehouse::warehouseId, w -> new Warehouse(w.warehouseId(), w.warehouseCode(),
                        w.warehouseName(), w.warehouseTypeCode(), w.warehouseTypeName(), w.blockup(), false,
                        w.companyId(), w.companyCode(), w.companyName(), w.departmentId(), w.departmentCode(),
                        w.departmentName(), w.address(), w.tel(), w.linkMan(), w.gmtCreate(), w.gmtModified(),
                        w.channels().stream().map(c -> new Warehouse.SalesChannel(c.warehouseId(), c.channelId(),
                                c.channelCode(), c.channelName())).toList())));
    }

    @Test
    void warehouses_firstRun_syncsEveryWarehouseExactly() {
        InMemorySink<Long, Warehouse> sink = InMemorySink.keyedBy(Warehouse::warehouseId);
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();

        SyncReport report = job("jackyun-warehouses", JackyunSources.warehouses(client(3)), sink, checkpoints).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(sink.records()).isEqualTo(expectedWarehouses());
        assertThat(report.written()).isEqualTo(1_234);
        assertThat(report.deadLettered()).isZero();
        assertThat(checkpoints.load("jackyun-warehouses").orElseThrow().position().watermark())
                .isEqualTo(JOB_CLOCK.instant().minusSeconds(30));
    }

    @Test
    void warehouses_secondRun_readsOnlyTheOverlap() {
        InMemorySink<Long, Warehouse> sink = InMemorySink.keyedBy(Warehouse::warehouseId);
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        SyncJob<Warehouse, Warehouse> job = job("jackyun-warehouses", JackyunSources.warehouses(client(3)), sink,
                checkpoints);
        job.runOnce();
        long before = sim().requestCount();

        SyncReport second = job.runOnce();

        assertThat(second.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(second.read()).isZero(); // nothing changed in the last day
        assertThat(sim().requestCount() - before).isEqualTo(1);
    }

    /** A clock the test moves forward. */
    private static final class StepClock extends Clock {
        private volatile Instant now;

        StepClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void warehouses_editedInJackyunAfterASync_arriveWithTheNextRun() {
        InMemorySink<Long, Warehouse> sink = InMemorySink.keyedBy(Warehouse::warehouseId);
        StepClock clock = new StepClock(JOB_CLOCK.instant());
        SyncJob<Warehouse, Warehouse> job = SyncJob.builder("jackyun-warehouses")
                .source(JackyunSources.warehouses(client(3)))
                .sink(sink)
                .checkpoints(new InMemoryCheckpointStore())
                .deadLetters(new InMemoryDeadLetterStore())
                .clock(clock)
                .build();
        job.runOnce();

        clock.advance(Duration.ofHours(1));
        LocalDateTime editedAt = LocalDateTime.ofInstant(clock.instant(), Json.SHANGHAI).minusMinutes(20);
        sim().updateWarehouse(17, "改名后的仓库", editedAt);
        sim().updateWarehouse(900, "另一个仓库", editedAt.plusMinutes(5));
        SyncReport second = job.runOnce();

        assertThat(second.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(second.read()).isEqualTo(2);
        assertThat(sink.get(17L).orElseThrow().warehouseName()).isEqualTo("改名后的仓库");
        assertThat(sink.get(17L).orElseThrow().gmtModified()).isEqualTo(editedAt.withNano(0));
        assertThat(sink.records().values()).extracting(Warehouse::warehouseName).containsExactlyElementsOf(
                sim().warehouses().stream().map(JackyunDataSet.Warehouse::warehouseName).toList());
    }

    @Test
    void warehouses_withFaultsOnTheWay_stillSyncEveryWarehouse() {
        InMemorySink<Long, Warehouse> sink = InMemorySink.keyedBy(Warehouse::warehouseId);
        sim().faults().next(JackyunFault.throttled(), 1).next(JackyunFault.httpStatus(502), 1)
                .every(4, JackyunFault.dataAsString());

        SyncReport report = job("jackyun-warehouses", JackyunSources.warehousesBuilder(client(3))
                .maxWindow(Duration.ofDays(5)).initialWatermark(MAY.atZone(Json.SHANGHAI).toInstant()).build(), sink,
                new InMemoryCheckpointStore()).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(sink.records()).isEqualTo(expectedWarehouses());
        assertThat(sim().faultCount()).isGreaterThan(2);
    }

    @Test
    void warehouses_whenAWindowKeepsFailing_stopWithoutMovingTheCheckpointPastIt() {
        InMemorySink<Long, Warehouse> sink = InMemorySink.keyedBy(Warehouse::warehouseId);
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        Instant start = MAY.atZone(Json.SHANGHAI).toInstant();
        sim().faults().every(1, JackyunFault.httpStatus(503));

        SyncReport report = SyncJob.builder("jackyun-warehouses")
                .source(JackyunSources.warehousesBuilder(client(1)).initialWatermark(start).build())
                .sink(sink)
                .checkpoints(checkpoints)
                .deadLetters(new InMemoryDeadLetterStore())
                .retry(SyncRetry.none())
                .clock(JOB_CLOCK)
                .build()
                .runOnce();
        sim().faults().clear();

        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.errorSummary()).contains("503");
        assertThat(checkpoints.load("jackyun-warehouses").map(c -> c.position().watermark()).orElse(start))
                .isEqualTo(start);
    }

    @Test
    void inboundDocuments_sinceTheStartOfMay_syncEveryDocument() {
        InMemorySink<String, StockDocument> sink = InMemorySink.keyedBy(StockDocument::goodsdocNo);
        var source = JackyunSources.stockDocumentsBuilder(client(3), StockDocuments.Direction.INBOUND)
                .initialWatermark(MAY.atZone(Json.SHANGHAI).toInstant()).build();

        SyncReport report = job("jackyun-goodsdocin", source, sink, new InMemoryCheckpointStore()).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        List<String> expected = sim().data().documents(JackyunDataSet.Direction.INBOUND).stream()
                .map(JackyunDataSet.StockDocument::goodsdocNo).toList();
        assertThat(sink.records().keySet()).containsExactlyElementsOf(expected);
        JackyunDataSet.StockDocument d = sim().data().document(JackyunDataSet.Direction.INBOUND, 399);
        assertThat(sink.get(d.goodsdocNo()).orElseThrow().lines()).hasSize(d.lines().size());
    }

    @Test
    void firstRun_withoutCheckpoint_startsAtTheConfiguredPlace() {
        Source<Warehouse> w = JackyunSources.warehouses(client(1));
        Source<StockDocument> d = JackyunSources.stockDocuments(client(1), StockDocuments.Direction.OUTBOUND);

        assertThat(w.initialPosition(JOB_CLOCK)).isEqualTo(Position.at(JackyunSources.ALL_HISTORY));
        assertThat(d.initialPosition(JOB_CLOCK)).isEqualTo(Position.at(JOB_CLOCK.instant().minus(Duration.ofHours(24))));
    }

    @Test
    void skus_firstRun_syncsEverySkuBySkuModifiedTime() {
        InMemorySink<Long, Sku> sink = InMemorySink.keyedBy(Sku::skuId);
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();

        SyncReport report = job("jackyun-skus", JackyunSources.skus(client(3)), sink, checkpoints).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(sink.records().keySet()).containsExactlyInAnyOrderElementsOf(
                sim().data().skus().stream().map(JackyunDataSet.Sku::skuId).toList());
        assertThat(report.written()).isEqualTo(sim().data().skuCount());
        assertThat(sim().recentRequests()).filteredOn(f -> "erp.storage.goodslist".equals(f.get("method")))
                .isNotEmpty().allSatisfy(f -> assertThat(f.get("bizcontent")).contains("\"startDateModifiedSku\":"));
        JackyunDataSet.Sku last = sim().data().sku(sim().data().skuCount() - 1);
        assertThat(sink.get(last.skuId()).orElseThrow().skuGmtModified()).isEqualTo(last.skuGmtModified());
        assertThat(checkpoints.load("jackyun-skus").orElseThrow().position().watermark())
                .isEqualTo(JOB_CLOCK.instant().minusSeconds(30));
    }

    @Test
    void transfers_sinceTheStartOfMay_syncEveryTransfer_andTheNextRunReReadsThreeDaysOfCreations() {
        InMemorySink<String, Transfer> sink = InMemorySink.keyedBy(Transfer::allocateNo);
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        SyncJob<Transfer, Transfer> job = job("jackyun-transfers", JackyunSources.transfersBuilder(client(3))
                .initialWatermark(MAY.atZone(Json.SHANGHAI).toInstant()).build(), sink, checkpoints);

        SyncReport first = job.runOnce();
        sim().reset();
        job.runOnce();

        assertThat(first.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(sink.records().keySet()).containsExactlyInAnyOrderElementsOf(
                sim().data().transfers().stream().map(JackyunDataSet.Transfer::allocateNo).toList());
        LocalDateTime watermark = LocalDateTime.ofInstant(JOB_CLOCK.instant().minusSeconds(30), Json.SHANGHAI);
        assertThat(sim().recentRequests()).extracting(f -> f.get("bizcontent")).anySatisfy(b -> assertThat(b)
                .contains("\"startCreateTime\":\"" + GATEWAY_TIME.format(watermark.minusDays(3)) + "\""));
    }

    @Test
    void purchaseReceipts_sinceTheStartOfMay_syncOnlyType101() {
        InMemorySink<String, StockDocument> sink = InMemorySink.keyedBy(StockDocument::goodsdocNo);
        var source = JackyunSources.purchaseReceiptsBuilder(client(3))
                .initialWatermark(MAY.atZone(Json.SHANGHAI).toInstant()).build();

        SyncReport report = job("jackyun-purchase-in", source, sink, new InMemoryCheckpointStore()).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(sink.records().keySet()).containsExactlyElementsOf(sim().data()
                .documents(JackyunDataSet.Direction.INBOUND).stream().filter(d -> d.inouttype().equals("101"))
                .map(JackyunDataSet.StockDocument::goodsdocNo).toList());
        assertThat(sim().recentRequests()).allSatisfy(f -> assertThat(f.get("method"))
                .isEqualTo("erp.storage.goodsdocin.v2"));
    }

    @Test
    void builder_anOverlapNotShorterThanTheWindow_isRefusedNamingBoth() {
        var builder = JackyunSources.transfersBuilder(client(1)).maxWindow(Duration.ofDays(3));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("overlap PT72H must be shorter than maxWindow PT72H");
    }

    @Test
    void newSources_withoutCheckpoint_startWhereTheirDefaultsSay() {
        assertThat(JackyunSources.skus(client(1)).initialPosition(JOB_CLOCK))
                .isEqualTo(Position.at(JackyunSources.ALL_HISTORY));
        assertThat(JackyunSources.transfers(client(1)).initialPosition(JOB_CLOCK))
                .isEqualTo(Position.at(JOB_CLOCK.instant().minus(Duration.ofHours(24))));
        assertThat(JackyunSources.keyOf(new Transfer(1L, "DB9", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null))).isEqualTo("DB9");
    }
}
