package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.Source;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.testkit.jushuitan.JushuitanFault;
import io.qiao.testkit.jushuitan.SimDocument;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.SimulatedBill;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JushuitanOtherInOutToKisTest {
    private static final String NAME = JushuitanOtherInOutToKis.NAME;
    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() {
        ws = TestSupport.simulated(dir);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /** The documents the default filter reads: Confirmed 其它进仓 and 其它退货. */
    private List<SimDocument> expected() {
        return ws.simulators().jushuitan().dataSet().otherInOut().stream()
                .filter(d -> "Confirmed".equals(d.status()) && JushuitanOtherInOutToKis.DEFAULT_TYPES.contains(d.type()))
                .toList();
    }

    private List<SimDocument> withWithheldSku() {
        String sku = ws.simulators().withheldSku();
        return expected().stream().filter(d -> {
            for (JsonNode item : d.json().path("items")) {
                if (sku.equals(item.path("sku_id").asText())) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    @Test
    void run_createsOneBillPerDocument_withTheOldIntegrationsMapping() {
        SyncReport r = ws.job(NAME).runOnce();

        List<SimDocument> expected = expected();
        int missing = withWithheldSku().size();
        assertThat(missing).isPositive();
        assertThat(r.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(Qiao.exitCode(r)).isEqualTo(Qiao.DEAD_LETTERS);
        assertThat(r.deadLettered()).isEqualTo(missing);
        assertThat(ws.simulators().kis().billCount()).isEqualTo(expected.size() - missing);

        SimDocument doc = expected.stream().filter(d -> !withWithheldSku().contains(d)).findFirst().orElseThrow();
        SimulatedBill bill = ws.simulators().kis().bill(Long.toString(doc.id())).orElseThrow();
        assertThat(bill.head()).containsEntry("FBillNo", Long.toString(doc.id()))
                .containsEntry("Fdate", doc.ioDate().toString().length() == 16 ? doc.ioDate() + ":00" : doc.ioDate().toString());
        assertThat(bill.head().get("Fdate")).asString().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        JsonNode items = doc.json().path("items");
        assertThat(bill.entries()).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> e = bill.entries().get(i);
            JsonNode item = items.get(i);
            String itemId = ws.kis().materials().catalogByNumber().find(item.path("sku_id").asText()).orElseThrow()
                    .itemId() + "";
            assertThat(e).containsEntry("FItemID", itemId).containsEntry("FQty", item.path("qty").asInt());
            assertThat(new BigDecimal(e.get("FAuxPrice").toString())).isEqualByComparingTo(item.path("cost_price").decimalValue());
            assertThat(new BigDecimal(e.get("Famount").toString())).isEqualByComparingTo(item.path("cost_amount").decimalValue());
        }
    }

    @Test
    void unknownSku_isADeadLetterNamingTheSku() {
        ws.job(NAME).runOnce();

        List<DeadLetter> letters = ws.deadLetters(NAME).list(NAME, false, 100);
        assertThat(letters).hasSize(withWithheldSku().size());
        assertThat(letters.get(0).stage()).isEqualTo(Rejection.Stage.LOOKUP);
        assertThat(letters.get(0).reasons().get(0)).contains(ws.simulators().withheldSku());
        assertThat(letters.get(0).key()).isEqualTo(Long.toString(withWithheldSku().get(0).id()));
    }

    @Test
    void rerun_fromScratch_findsEveryBill_andCreatesNoDuplicate() {
        ws.job(NAME).runOnce();
        int bills = ws.simulators().kis().billCount();

        SyncReport again = ws.job(NAME, new InMemoryCheckpointStore()).runOnce();

        assertThat(again.written()).isEqualTo(bills);
        assertThat(again.toString()).as("the re-run created nothing and says so")
                .contains(bills + " written (0 created, 0 updated, " + bills + " already present)");
        assertThat(ws.simulators().kis().billCount()).isEqualTo(bills);
        assertThat(ws.deadLetters(NAME).list(NAME, false, 100)).hasSize(withWithheldSku().size())
                .allSatisfy(d -> assertThat(d.attempts()).isEqualTo(2));
    }

    @Test
    void lostAnswersAndThrottling_neitherLoseNorDuplicateABill() {
        ws.simulators().kis().injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING,
                KisFault.GATEWAY_ERROR_AFTER_PROCESSING, KisFault.UNAVAILABLE_BEFORE_PROCESSING);
        ws.simulators().jushuitan().faults().next(JushuitanFault.throttledPerSecond(), 1);

        SyncReport r = ws.job(NAME).runOnce();

        assertThat(r.status()).isEqualTo(SyncReport.Status.PARTIAL);
        assertThat(ws.simulators().kis().billCount()).isEqualTo(expected().size() - withWithheldSku().size());
        assertThat(ws.simulators().kis().bills().stream().map(SimulatedBill::billNo).distinct().count())
                .isEqualTo(ws.simulators().kis().billCount());
    }

    @Test
    void crashMidRun_resumesFromTheLastWindow_andEveryBillExistsOnce() {
        Source<OtherInOut> source = ws.otherInOutSource();
        SyncReport crashed = job(TestSupport.crashingOnce(source, 2, 2)).runOnce();
        assertThat(crashed.status()).isEqualTo(SyncReport.Status.FAILED);
        Checkpoint afterCrash = ws.checkpoints(NAME).load(NAME).orElseThrow();
        assertThat(crashed.windows()).isEqualTo(2);

        SyncReport rerun = job(source).runOnce();

        assertThat(rerun.status()).isNotEqualTo(SyncReport.Status.FAILED);
        assertThat(rerun.checkpointBefore()).isEqualTo(afterCrash.position());
        assertThat(ws.simulators().kis().billCount()).isEqualTo(expected().size() - withWithheldSku().size());
        assertThat(ws.simulators().kis().bills().stream().map(SimulatedBill::billNo).distinct().count())
                .isEqualTo(ws.simulators().kis().billCount());
    }

    @Test
    void replay_afterTheMaterialIsAdded_resolvesTheDeadLetters() {
        ws.job(NAME).runOnce();
        int bills = ws.simulators().kis().billCount();
        ws.simulators().addWithheldMaterial();
        ws.kis().materials().catalogByNumber().refresh();

        var replay = ws.job(NAME).replayOpen(100);

        assertThat(replay.resolved()).hasSize(withWithheldSku().size());
        assertThat(ws.simulators().kis().billCount()).isEqualTo(bills + withWithheldSku().size());
        assertThat(ws.deadLetters(NAME).list(NAME, false, 100)).isEmpty();
    }

    private SyncJob<OtherInOut, OtherInOut> job(Source<OtherInOut> source) {
        return JushuitanOtherInOutToKis.job(source, ws.kis(), ws.materials(), Map.of(), ws.checkpoints(NAME),
                ws.deadLetters(NAME), ws.clock);
    }
}
