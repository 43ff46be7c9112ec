package io.qiao.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pipeline 2's sink outside a worker: 其它出入库 records (as the jushuitan.other-in-out source writes them) → KIS. */
class QiaoKisSinkTaskTest {
    private KisSimulator kis;

    @BeforeEach
    void start() {
        kis = KisSimulator.create().start();
        kis.addMaterial("SKU-1", "螺丝", "PCS");
        kis.addMaterial("SKU-2", "螺母", "PCS");
    }

    @AfterEach
    void stop() {
        kis.stop();
    }

    Map<String, String> settings() {
        KisSimulatorCredentials c = kis.credentials();
        Map<String, String> s = new HashMap<>();
        s.put("qiao.kis.endpoint", kis.endpoint().toString());
        s.put("qiao.kis.client-id", c.clientId());
        s.put("qiao.kis.client-secret", c.clientSecret());
        s.put("qiao.kis.app-key", c.appKey());
        s.put("qiao.kis.app-secret", c.appSecret());
        s.put("qiao.kis.router-address", c.routerAddress());
        s.put("qiao.kis.stock-ids", "1:WH-A");
        return s;
    }

    static Map<String, Object> document(long ioId, String sku) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("skuId", sku);
        item.put("qty", 3L);
        item.put("costPrice", 2.5);
        item.put("costAmount", 7.5);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ioId", ioId);
        doc.put("ioDate", "2024-05-02 10:00:00");
        doc.put("whId", 1L);
        doc.put("status", "Confirmed");
        doc.put("items", List.of(item));
        return doc;
    }

    static SinkRecord record(long offset, Map<String, Object> value) {
        return new SinkRecord("jst-other-in-out", 0, null, null, null, value, offset);
    }

    QiaoKisSinkTask started(FakeSinkContext context) {
        QiaoKisSinkTask task = new QiaoKisSinkTask();
        task.initialize(context);
        task.start(settings());
        return task;
    }

    @Test
    void eachRecord_becomesOneBill_withItsMaterialAndStock() {
        QiaoKisSinkTask task = started(new FakeSinkContext(true));

        task.put(List.of(record(0, document(101, "SKU-1")), record(1, document(102, "SKU-2"))));
        task.stop();

        assertThat(kis.bills()).extracting(b -> b.billNo()).containsExactlyInAnyOrder("101", "102");
        assertThat(kis.bill("101").orElseThrow().head().toString()).contains("WH-A");
    }

    @Test
    void aCreateWhoseAnswerIsLost_andARedeliveredBatch_createNoSecondBill() {
        QiaoKisSinkTask task = started(new FakeSinkContext(true));
        kis.injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);

        task.put(List.of(record(0, document(201, "SKU-1"))));
        // the worker died before committing: the new owner of the partition gets the same record again
        QiaoKisSinkTask next = started(new FakeSinkContext(true));
        next.put(List.of(record(0, document(201, "SKU-1")), record(1, document(202, "SKU-2"))));
        task.stop();
        next.stop();

        assertThat(kis.bills()).extracting(b -> b.billNo()).containsExactlyInAnyOrder("201", "202");
    }

    @Test
    void anUnknownSku_goesToTheErrantRecordReporterNamingTheSku_andTheOthersAreWritten() {
        FakeSinkContext context = new FakeSinkContext(true);
        QiaoKisSinkTask task = started(context);
        Map<String, Object> noDate = document(303, "SKU-1");
        noDate.remove("ioDate");

        task.put(List.of(record(0, document(301, "SKU-404")), record(1, document(302, "SKU-1")), record(2, noDate)));
        task.stop();

        assertThat(kis.bills()).extracting(b -> b.billNo()).containsExactly("302");
        assertThat(context.reported).extracting(e -> e.getKey().kafkaOffset()).containsExactlyInAnyOrder(0L, 2L);
        assertThat(context.reported).anySatisfy(e -> assertThat(e.getValue()).hasMessageContaining("SKU-404"));
        assertThat(context.reported).anySatisfy(e -> assertThat(e.getValue()).hasMessageContaining("ioDate"));
    }
}
