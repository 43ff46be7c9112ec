package io.qiao.kis.sync;

import static io.qiao.kis.KisTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.kis.KisClient;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.MiscellaneousReceiptEntry;
import io.qiao.sync.WriteResult;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorExtension;
import io.qiao.testkit.kis.SimulatedBill;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a KIS sink costs in API calls, counted by the simulator (every request it received, token calls included):
 * the bills of a batch that KIS already has are found with one list query per batch, so a clean run makes about one
 * call per bill (issue 22, item 4: at most 1.1).
 */
class BatchLookupCallCountTest {
    @RegisterExtension
    static final KisSimulatorExtension KIS = new KisSimulatorExtension();

    private static final int BILLS = 200;
    private static final int BATCH = 50;
    private static final LocalDate DAY = LocalDate.of(2024, 5, 2);

    @BeforeAll
    static void catalogue() {
        KIS.simulator().clearMaterials();
        KIS.simulator().addMaterial("1.01.001", "商品A", "PCS");
    }

    /** Bill i: number BL-0001..., all on one day (the hardest case for a date query: every batch sees the others). */
    static List<MiscellaneousReceipt> bills(int count) {
        List<MiscellaneousReceipt> all = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            all.add(MiscellaneousReceipt.builder().billNo(String.format("BL-%04d", i)).date(DAY.atTime(9, 0).plusMinutes(i))
                    .warehouseId("001").entry(MiscellaneousReceiptEntry.builder().itemId("1").unitId("PCS").qty(i).build())
                    .build());
        }
        return all;
    }

    static int totalCalls(KisSimulator sim) {
        return Arrays.stream(KisOperation.values()).mapToInt(sim::calls).sum();
    }

    private static WriteResult<MiscellaneousReceipt> writeInBatches(MiscellaneousReceiptSink<MiscellaneousReceipt> sink,
                                                                     List<MiscellaneousReceipt> bills) {
        int created = 0;
        int present = 0;
        for (int i = 0; i < bills.size(); i += BATCH) {
            WriteResult<MiscellaneousReceipt> r = sink.write(bills.subList(i, Math.min(bills.size(), i + BATCH)));
            assertThat(r.rejected()).isEmpty();
            created += r.created();
            present += r.alreadyPresent();
        }
        return WriteResult.of(created, 0, present, List.of());
    }

    @Test
    void cleanRun_of200BillsIn4Batches_makesAtMost1point1CallsPerBill() {
        KisSimulator sim = KIS.simulator();
        KisClient kis = clientFor(sim).build();

        WriteResult<MiscellaneousReceipt> r = writeInBatches(KisSinks.miscellaneousReceipts(kis), bills(BILLS));

        assertThat(r.created()).isEqualTo(BILLS);
        assertThat(sim.billCount()).isEqualTo(BILLS);
        assertThat(sim.calls(KisOperation.CREATE_RECEIPT)).isEqualTo(BILLS);
        // 4 batches over one day holding 0, 50, 100 and 150 bills: pages of 100 make 1 + 1 + 1 + 2 list calls
        assertThat(sim.calls(KisOperation.LIST_RECEIPTS)).isEqualTo(5);
        assertThat(totalCalls(sim)).isLessThanOrEqualTo((int) (1.1 * BILLS)).isEqualTo(BILLS + 5 + 1); // + the token
    }

    @Test
    void rerun_whereEveryBillExists_costsAtMostOneListCallPerBatchAndPage_andCreatesNothing() {
        KisSimulator sim = KIS.simulator();
        writeInBatches(KisSinks.miscellaneousReceipts(clientFor(sim).build()), bills(BILLS));
        int before = totalCalls(sim);
        int createsBefore = sim.calls(KisOperation.CREATE_RECEIPT);

        WriteResult<MiscellaneousReceipt> r = writeInBatches(KisSinks.miscellaneousReceipts(clientFor(sim).build()),
                bills(BILLS));

        assertThat(r.created()).isZero();
        assertThat(r.alreadyPresent()).isEqualTo(BILLS);
        assertThat(sim.calls(KisOperation.CREATE_RECEIPT)).isEqualTo(createsBefore);
        int batches = BILLS / BATCH;
        int pagesOfTheDay = BILLS / 100;
        // each batch pages only until its own bills were all seen: 1, 1, 2, 2 pages (+ one token call)
        assertThat(totalCalls(sim) - before - 1).isLessThanOrEqualTo(batches + pagesOfTheDay).isEqualTo(6);
        assertThat(sim.billCount()).isEqualTo(BILLS);
    }

    @Test
    void lostCreateResponse_isLookedUpOnItsOwn_andEndsAsExactlyOneBill() {
        KisSimulator sim = KIS.simulator();
        KisClient kis = clientFor(sim).build();
        sim.injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);
        List<MiscellaneousReceipt> bills = bills(10);

        WriteResult<MiscellaneousReceipt> r = KisSinks.miscellaneousReceipts(kis).write(bills);

        assertThat(r.written()).isEqualTo(10);
        assertThat(sim.billCount()).isEqualTo(10);
        assertThat(sim.bills()).extracting(SimulatedBill::billNo).doesNotHaveDuplicates();
        assertThat(sim.calls(KisOperation.CREATE_RECEIPT)).isEqualTo(10); // the lost one was found, not sent again
        assertThat(sim.calls(KisOperation.LIST_RECEIPTS)).isEqualTo(2); // the batch query + the lost bill's lookup
        assertThat(r.created() + r.alreadyPresent()).isEqualTo(10);
    }

    @Test
    void lostCreateResponse_inEveryAttempt_ofTheRetriedBatch_stillCreatesNothingTwice() {
        KisSimulator sim = KIS.simulator();
        KisClient kis = clientFor(sim).build();
        sim.injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING,
                KisFault.GATEWAY_ERROR_AFTER_PROCESSING, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);
        MiscellaneousReceiptSink<MiscellaneousReceipt> sink = MiscellaneousReceiptSink
                .<MiscellaneousReceipt>builder(kis, (b, m) -> b).concurrency(1).build();

        sink.write(bills(5));
        WriteResult<MiscellaneousReceipt> again = sink.write(bills(5));

        assertThat(sim.billCount()).isEqualTo(5);
        assertThat(again.alreadyPresent()).isEqualTo(5);
        assertThat(sim.calls(KisOperation.CREATE_RECEIPT)).isEqualTo(5);
    }

    @Test
    void daysHoldingManyMoreBillsThanTheBatch_areNotPagedThrough_theBillsAreLookedUpOneByOne() {
        try (KisSimulator sim = KisSimulator.builder().maxPageSize(5).start()) {
            sim.addMaterial("1.01.001", "商品A", "PCS");
            KisClient kis = clientFor(sim).build();
            KisSinks.miscellaneousReceipts(kis).write(bills(40)); // 8 pages of 5 on that day
            int lists = sim.calls(KisOperation.LIST_RECEIPTS);

            WriteResult<MiscellaneousReceipt> r = KisSinks.miscellaneousReceipts(kis).write(bills(40).subList(37, 40));

            assertThat(r.alreadyPresent()).isEqualTo(3);
            // page 1 shows 8 pages for 3 bills: the 3 are looked up by number instead of paging through 7 more
            assertThat(sim.calls(KisOperation.LIST_RECEIPTS) - lists).isEqualTo(1 + 3);
            assertThat(sim.billCount()).isEqualTo(40);
        }
    }

    @Test
    void batchQuery_spansTheDaysOfTheBatch_inclusive_andIgnoresBillsOutsideThem() {
        KisSimulator sim = KIS.simulator();
        KisClient kis = clientFor(sim).build();
        MiscellaneousReceipt before = bills(1).get(0).toBuilder().billNo("OUT-1").date(DAY.minusDays(1)).build();
        MiscellaneousReceipt after = bills(1).get(0).toBuilder().billNo("OUT-2").date(DAY.plusDays(3)).build();
        MiscellaneousReceipt first = bills(1).get(0).toBuilder().billNo("IN-1").date(DAY.atTime(23, 59, 59)).build();
        MiscellaneousReceipt last = bills(1).get(0).toBuilder().billNo("IN-2").date(DAY.plusDays(2)).build();
        kis.miscellaneousReceipts().create(before);
        kis.miscellaneousReceipts().create(after);
        kis.miscellaneousReceipts().create(first);

        assertThat(kis.miscellaneousReceipts().findStored(List.of(first, last))).containsOnlyKeys("IN-1");
        assertThat(kis.miscellaneousReceipts().findStored(List.of(last, before))).containsOnlyKeys("OUT-1");
    }
}
