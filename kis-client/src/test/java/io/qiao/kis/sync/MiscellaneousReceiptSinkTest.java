package io.qiao.kis.sync;

import static io.qiao.kis.KisTestSupport.clientFor;
import static io.qiao.kis.sync.JstOtherInOut.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.ApiException;
import io.qiao.client.ApiUsage;
import io.qiao.client.JdkHttpTransport;
import io.qiao.client.Response;
import io.qiao.kis.KisClient;
import io.qiao.kis.model.Material;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.ListSource;
import io.qiao.sync.record.Lookup;
import io.qiao.sync.record.Lookups;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.SyncRetry;
import io.qiao.sync.WriteResult;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorExtension;
import io.qiao.testkit.kis.SimulatedBill;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MiscellaneousReceiptSinkTest {
    @RegisterExtension
    static final KisSimulatorExtension KIS = new KisSimulatorExtension();

    /** The old QEasy mapping (seeds/001): FBillNo <- io_id, Fdate <- io_date, FItemID/FUnitID looked up by sku. */
    static final MiscellaneousReceiptMapper<JstOtherInOut> MAPPER = (doc, materials) -> {
        MiscellaneousReceipt.Builder b = MiscellaneousReceipt.builder()
                .billNo(Long.toString(doc.io_id()))
                .date(LocalDate.parse(doc.io_date().substring(0, 10)))
                .warehouseId(String.format("%03d", doc.wh_id()))
                .note(doc.remark());
        for (JstOtherInOut.Item i : doc.items()) {
            Material m = materials.require(i.sku_id(), "KIS material for sku_id");
            b.entry(MiscellaneousReceiptEntry.builder().itemId(Long.toString(m.itemId())).unitId(m.unitId()).qty(i.qty())
                    .auxPrice(i.cost_price()).amount(i.cost_amount()).note(i.remark()).build());
        }
        return b.build();
    };

    @BeforeAll
    static void catalogue() {
        KisSimulator sim = KIS.simulator();
        sim.clearMaterials();
        sim.addMaterial("1.01.001", "商品A", "PCS", Map.of("F_103", "SKU-A"));
        sim.addMaterial("1.01.002", "商品B", "BOX", Map.of("F_103", "SKU-B"));
        sim.addMaterial("1.01.003", "商品C", "PCS", Map.of("F_103", "SKU-C"));
    }

    static List<JstOtherInOut> documents() {
        return List.of(
                new JstOtherInOut(1001, "2024-05-02 10:00:00", "其它进仓", 1, "r1",
                        List.of(item(1, "SKU-A", 5, "10.00"), item(2, "SKU-B", 2, "3.50"))),
                new JstOtherInOut(1002, "2024-05-03 11:30:00", "其它进仓", 1, "r2", List.of(item(3, "SKU-C", 1, "7"))),
                new JstOtherInOut(1003, "2024-05-04 09:00:00", "其它进仓", 3, "r3",
                        List.of(item(4, "SKU-A", 1, "10"), item(5, "SKU-B", 4, "3.5"), item(6, "SKU-C", 9, "7"))));
    }

    private static MiscellaneousReceiptSink<JstOtherInOut> sink(KisClient kis) {
        return MiscellaneousReceiptSink.builder(kis, MAPPER).materialsByField("F_103").build();
    }

    private static SyncJob<JstOtherInOut, JstOtherInOut> job(List<JstOtherInOut> docs, MiscellaneousReceiptSink<JstOtherInOut> sink,
                                                          InMemoryCheckpointStore checkpoints,
                                                          InMemoryDeadLetterStore deadLetters) {
        return SyncJob.builder("jushuitan-otherinout-to-kis").source(ListSource.of(docs, 2)).sink(sink)
                .keyOf(d -> Long.toString(d.io_id())).checkpoints(checkpoints).deadLetters(deadLetters)
                .retry(SyncRetry.of(3, Duration.ZERO, Duration.ZERO)).build();
    }

    @Test
    void syncJob_writesExactlyOneBillPerDocument_withTheRightLines() {
        KisClient kis = clientFor(KIS.simulator()).build();
        MiscellaneousReceiptSink<JstOtherInOut> sink = sink(kis);

        SyncReport report = job(documents(), sink, new InMemoryCheckpointStore(), new InMemoryDeadLetterStore()).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(report.written()).isEqualTo(3);
        List<SimulatedBill> bills = KIS.simulator().bills().stream()
                .sorted(java.util.Comparator.comparing(SimulatedBill::billNo)).toList(); // written in parallel
        assertThat(bills).extracting(SimulatedBill::billNo).containsExactly("1001", "1002", "1003");
        SimulatedBill first = bills.get(0);
        assertThat(first.head()).containsEntry("Fdate", "2024-05-02").containsEntry("FTranType", 10)
                .containsEntry("FDCStockID", "001").containsEntry("Fnote", "r1");
        assertThat(first.entries()).hasSize(2);
        assertThat(first.entries().get(0)).containsEntry("FItemID", "1").containsEntry("FUnitID", "PCS")
                .containsEntry("FQty", 5).containsEntry("Fauxqty", 5).containsEntry("FAuxQtyMust", 5)
                .containsEntry("FAuxPrice", 10.00).containsEntry("Famount", 50.00).containsEntry("FDCStockID", "001");
        assertThat(first.entries().get(1)).containsEntry("FItemID", "2").containsEntry("FUnitID", "BOX")
                .containsEntry("FQty", 2).containsEntry("Famount", 7.00);
        assertThat(bills.get(2).entries()).extracting(e -> e.get("FQty")).containsExactly(1, 4, 9);
        assertThat(bills.get(2).head()).containsEntry("FDCStockID", "003");
        assertThat(sink.created()).isEqualTo(3);
    }

    @Test
    void rerun_fromScratch_findsEveryBill_andCreatesNoDuplicate() {
        KisClient kis = clientFor(KIS.simulator()).build();
        job(documents(), sink(kis), new InMemoryCheckpointStore(), new InMemoryDeadLetterStore()).runOnce();
        MiscellaneousReceiptSink<JstOtherInOut> again = sink(kis);

        SyncReport report = job(documents(), again, new InMemoryCheckpointStore(), new InMemoryDeadLetterStore()).runOnce();

        assertThat(report.written()).isEqualTo(3);
        assertThat(again.created()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(3);
        assertThat(KIS.simulator().billCount()).isEqualTo(3);
    }

    @Test
    void lostCreateResponses_duringASync_produceNoDuplicate() {
        KIS.simulator().injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING,
                KisFault.GATEWAY_ERROR_AFTER_PROCESSING);
        KisClient kis = clientFor(KIS.simulator()).build();

        SyncReport report = job(documents(), sink(kis), new InMemoryCheckpointStore(), new InMemoryDeadLetterStore()).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(KIS.simulator().bills()).extracting(SimulatedBill::billNo).containsExactlyInAnyOrder("1001", "1002", "1003");
    }

    @Test
    void windowFailingOnATransientKisError_isRetriedByTheJob_andEachBillIsWrittenOnce() {
        // Bill 1001 is stored but its answer lost; then KIS is busy for every attempt of the next create, so the
        // first window fails as a whole and the job retries it.
        KIS.simulator().injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING,
                KisFault.BUSY, KisFault.BUSY, KisFault.BUSY);
        KisClient kis = clientFor(KIS.simulator()).build();
        MiscellaneousReceiptSink<JstOtherInOut> sink = MiscellaneousReceiptSink.builder(kis, MAPPER).materialsByField("F_103")
                .concurrency(1).build();
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();

        SyncReport report = job(documents(), sink, checkpoints, new InMemoryDeadLetterStore()).runOnce();

        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(report.retried()).isPositive();
        assertThat(KIS.simulator().bills()).extracting(SimulatedBill::billNo)
                .containsExactlyInAnyOrder("1001", "1002", "1003");
        assertThat(checkpoints.load("jushuitan-otherinout-to-kis")).isPresent();
    }

    @Test
    void lookupMiss_becomesADeadLetterNamingTheSku_andTheOtherDocumentsAreWritten() {
        List<JstOtherInOut> docs = new ArrayList<>(documents());
        docs.add(new JstOtherInOut(1004, "2024-05-05 08:00:00", "其它进仓", 1, "",
                List.of(item(7, "SKU-A", 1, "1"), item(8, "SKU-UNKNOWN", 2, "1"))));
        InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
        KisClient kis = clientFor(KIS.simulator()).build();

        SyncReport report = job(docs, sink(kis), new InMemoryCheckpointStore(), deadLetters).runOnce();

        assertThat(report.written()).isEqualTo(3);
        assertThat(report.deadLettered()).isEqualTo(1);
        DeadLetter dl = deadLetters.list("jushuitan-otherinout-to-kis", false, 10).get(0);
        assertThat(dl.stage()).isEqualTo(Rejection.Stage.LOOKUP);
        assertThat(dl.key()).isEqualTo("1004");
        assertThat(dl.reasons()).singleElement().asString().contains("SKU-UNKNOWN").contains("sku_id");
        assertThat(dl.payload()).contains("\"io_id\":1004");
        assertThat(KIS.simulator().bill("1004")).isEmpty();
    }

    @Test
    void invalidMappedBill_isAMapDeadLetterNamingTheField() {
        JstOtherInOut zero = new JstOtherInOut(1005, "2024-05-05 08:00:00", "其它进仓", 1, "", List.of(item(9, "SKU-A", 0, "1")));
        KisClient kis = clientFor(KIS.simulator()).build();

        WriteResult<JstOtherInOut> r = sink(kis).write(List.of(zero));

        assertThat(r.written()).isZero();
        assertThat(r.rejected()).singleElement().satisfies(rej -> {
            assertThat(rej.record()).isSameAs(zero);
            assertThat(rej.stage()).isEqualTo(Rejection.Stage.MAP);
            assertThat(rej.reasons()).contains("Entry[1].FQty must be greater than 0, was 0");
        });
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isZero();
    }

    @Test
    void billKisRefuses_isAWriteDeadLetterWithKisDescription() {
        KisClient kis = clientFor(KIS.simulator()).build();
        Lookup<String, Material> stale = Lookups.ofMap(Map.of("SKU-A",
                new Material(999, "9.99", "deleted in KIS", null, "PCS", Map.of())));
        MiscellaneousReceiptSink<JstOtherInOut> sink = MiscellaneousReceiptSink.builder(kis, MAPPER).materials(stale).build();
        JstOtherInOut doc = new JstOtherInOut(1006, "2024-05-05 08:00:00", "其它进仓", 1, "", List.of(item(1, "SKU-A", 1, "1")));

        WriteResult<JstOtherInOut> r = sink.write(List.of(doc));

        assertThat(r.rejected()).singleElement().satisfies(rej -> {
            assertThat(rej.stage()).isEqualTo(Rejection.Stage.WRITE);
            assertThat(rej.reasons().get(0)).contains("1006").contains("FItemID").contains("999").contains("10201");
        });
    }

    @Test
    void transientFailure_failsTheBatch_andTheRetriedBatchWritesEachBillOnce() {
        KisClient kis = clientFor(KIS.simulator()).build();
        MiscellaneousReceiptSink<JstOtherInOut> sink = MiscellaneousReceiptSink.builder(kis, MAPPER).materialsByField("F_103")
                .concurrency(1).build();
        KIS.simulator().injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING,
                KisFault.BUSY, KisFault.BUSY, KisFault.BUSY); // bill 1 stored (answer lost); bill 2 busy 3 times

        assertThatThrownBy(() -> sink.write(documents())).isInstanceOf(ApiException.class);
        WriteResult<JstOtherInOut> retried = sink.write(documents());

        assertThat(retried.written()).isEqualTo(3);
        assertThat(KIS.simulator().bills()).extracting(SimulatedBill::billNo).containsExactly("1001", "1003", "1002");
    }

    @Test
    void writes_runInParallel_upToTheConfiguredConcurrency() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch twoAtOnce = new CountDownLatch(2);
        AtomicBoolean overlapped = new AtomicBoolean();
        JdkHttpTransport real = JdkHttpTransport.create();
        KisClient kis = clientFor(KIS.simulator()).transport(request -> {
            if (!request.uri().getPath().endsWith("/create")) {
                return real.send(request);
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                twoAtOnce.countDown();
                // The first creates wait (bounded) for a second one to arrive: proof that they overlap.
                overlapped.compareAndSet(false, awaitQuietly(twoAtOnce));
                Response r = real.send(request);
                return r;
            } finally {
                inFlight.decrementAndGet();
            }
        }).build();
        List<JstOtherInOut> docs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            docs.add(new JstOtherInOut(2000 + i, "2024-05-02 10:00:00", "其它进仓", 1, "", List.of(item(i, "SKU-A", 1, "1"))));
        }
        MiscellaneousReceiptSink<JstOtherInOut> sink = MiscellaneousReceiptSink.builder(kis, MAPPER).materialsByField("F_103")
                .concurrency(3).build();

        WriteResult<JstOtherInOut> r = sink.write(docs);

        assertThat(r.written()).isEqualTo(12);
        assertThat(overlapped).isTrue();
        assertThat(maxInFlight.get()).isBetween(2, 3);
        assertThat(KIS.simulator().billCount()).isEqualTo(12);
    }

    @Test
    void documentsWithTheSameBillNo_inOneBatch_makeOneBill() {
        KisClient kis = clientFor(KIS.simulator()).build();
        JstOtherInOut doc = documents().get(1);

        WriteResult<JstOtherInOut> r = sink(kis).write(List.of(doc, doc, doc));

        assertThat(r.written()).isEqualTo(3);
        assertThat(KIS.simulator().billCount()).isEqualTo(1);
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isEqualTo(1); // the others were found first
    }

    @Test
    void createFirst_documentsWithTheSameBillNo_makeOneBill_withOneCreate() {
        KisClient kis = clientFor(KIS.simulator()).build();
        JstOtherInOut doc = documents().get(1);
        MiscellaneousReceiptSink<JstOtherInOut> createFirst = MiscellaneousReceiptSink.builder(kis, MAPPER).materialsByField("F_103")
                .lookupFirst(false).build();

        WriteResult<JstOtherInOut> r = createFirst.write(List.of(doc, doc, doc));

        assertThat(r.written()).isEqualTo(3);
        assertThat(KIS.simulator().billCount()).isEqualTo(1);
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isEqualTo(1); // one number, one bill, one create
        assertThat(createFirst.created()).isEqualTo(1);
        assertThat(createFirst.alreadyPresent()).isEqualTo(2);
    }

    @Test
    void sameBatchWrittenTwice_reportsCreatedThenAlreadyPresent_inTheResultAndInTheRunReport() {
        KisClient kis = clientFor(KIS.simulator()).build();

        WriteResult<JstOtherInOut> first = sink(kis).write(documents());
        WriteResult<JstOtherInOut> again = sink(kis).write(documents());
        SyncReport rerun = job(documents(), sink(kis), new InMemoryCheckpointStore(), new InMemoryDeadLetterStore())
                .runOnce();

        assertThat(List.of(first.written(), first.created(), first.updated(), first.alreadyPresent()))
                .containsExactly(3, 3, 0, 0);
        assertThat(List.of(again.written(), again.created(), again.updated(), again.alreadyPresent()))
                .containsExactly(3, 0, 0, 3);
        assertThat(List.of(rerun.written(), rerun.created(), rerun.updated(), rerun.alreadyPresent()))
                .containsExactly(3L, 0L, 0L, 3L);
        assertThat(rerun.toString()).contains("3 written (0 created, 0 updated, 3 already present)");
        assertThat(KIS.simulator().billCount()).isEqualTo(3);
    }

    @Test
    void rerun_ofTheSameDocuments_sendsNoCreate_andRecordsNoApiError() {
        KisClient first = clientFor(KIS.simulator()).build();
        job(documents(), sink(first), new InMemoryCheckpointStore(), new InMemoryDeadLetterStore()).runOnce();
        int createsBefore = KIS.simulator().calls(KisOperation.CREATE_RECEIPT);
        ApiUsage usage = new ApiUsage();
        KisClient kis = clientFor(KIS.simulator()).listener(usage).build();
        MiscellaneousReceiptSink<JstOtherInOut> byField = MiscellaneousReceiptSink.builder(kis, MAPPER).materialsByField("F_103").build();

        SyncReport report = job(documents(), byField, new InMemoryCheckpointStore(), new InMemoryDeadLetterStore()).runOnce();

        assertThat(KisSinks.miscellaneousReceipts(kis, MAPPER).toString()).contains("lookupFirst=true"); // the default
        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(report.written()).isEqualTo(3);
        assertThat(byField.created()).isZero();
        assertThat(byField.alreadyPresent()).isEqualTo(3);
        assertThat(KIS.simulator().calls(KisOperation.CREATE_RECEIPT)).isEqualTo(createsBefore);
        assertThat(usage.snapshot()).isNotEmpty().allSatisfy(op -> assertThat(op.errors()).as(op.operation()).isZero());
        assertThat(usage.snapshot()).noneMatch(op -> op.operation().equals("miscellaneousreceipt/create"));
        assertThat(usage.snapshot()).filteredOn(op -> op.operation().equals("miscellaneousreceipt/list"))
                .singleElement().satisfies(op -> assertThat(op.calls()).isEqualTo(2)); // one list call per batch (2 + 1)
        assertThat(KIS.simulator().billCount()).isEqualTo(3);
    }

    @Test
    void defaultLookup_isTheCatalogueByFNumber() {
        KisClient kis = clientFor(KIS.simulator()).build();
        MiscellaneousReceiptSink<JstOtherInOut> byNumber = KisSinks.miscellaneousReceipts(kis, MAPPER);
        JstOtherInOut doc = new JstOtherInOut(3001, "2024-05-02 10:00:00", "其它进仓", 1, "",
                List.of(item(1, "1.01.002", 6, "2")));

        assertThat(byNumber.write(List.of(doc)).written()).isEqualTo(1);
        assertThat(KIS.simulator().bill("3001").orElseThrow().entries().get(0)).containsEntry("FItemID", "2")
                .containsEntry("FUnitID", "BOX");
    }

    @Test
    void miscellaneousReceipts_withoutMapper_writesReadyMadeBills() {
        KisClient kis = clientFor(KIS.simulator()).build();
        MiscellaneousReceipt bill = MiscellaneousReceipt.builder().billNo("READY-1").date(LocalDate.of(2024, 6, 1))
                .warehouseId("001").entry(MiscellaneousReceiptEntry.builder().itemId("1.01.001").unitId("PCS")
                        .qty(new BigDecimal("1.5")).build()).build();

        assertThat(KisSinks.miscellaneousReceipts(kis).write(List.of(bill)).written()).isEqualTo(1);
        assertThat(KIS.simulator().bill("READY-1")).isPresent();
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
