package io.qiao.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.Json;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The source task outside a worker: the simulator as 吉客云, offsets committed as the worker commits them. */
class QiaoSourceTaskTest {
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);
    /** "Now" for the tasks: a day after the simulator's last record, so that a drain reads a handful of ranges. */
    private static final Clock NOW = Clock.fixed(MAY.plusMonths(1).plusDays(1).atZone(Json.SHANGHAI).toInstant(),
            ZoneOffset.UTC);

    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(40).modifiedBetween(MAY, MAY.plusMonths(1)).build()));

    static Map<String, String> settings() {
        JackyunSimulator sim = JACKYUN.simulator();
        Map<String, String> s = new HashMap<>();
        s.put("qiao.source", "jackyun.warehouses");
        s.put("qiao.endpoint", sim.endpoint().toString());
        s.put("qiao.app.key", sim.appKey());
        s.put("qiao.app.secret", sim.appSecret());
        s.put("qiao.since", "2024-04-30");
        s.put("qiao.window", "7d");
        s.put("qiao.rate.limit", "100000/s");
        s.put("qiao.batch.size", "7");
        s.put("qiao.poll.interval", "0s");
        s.put("topic", "jackyun-warehouses");
        return s;
    }

    /** Polls until the task has caught up (poll answers null), committing what it delivered. */
    static List<SourceRecord> drain(QiaoSourceTask task, FakeSourceContext context) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        List<SourceRecord> batch;
        while ((batch = task.poll()) != null) {
            all.addAll(batch);
            context.commit(batch);
        }
        return all;
    }

    static QiaoSourceTask started(Map<String, String> settings, FakeSourceContext context) {
        QiaoSourceTask task = new QiaoSourceTask(NOW);
        task.initialize(context);
        task.start(settings);
        return task;
    }

    @Test
    void poll_deliversEveryWarehouse_keyedByItsId_withTheModelsFieldNames() throws Exception {
        FakeSourceContext context = new FakeSourceContext();
        QiaoSourceTask task = started(settings(), context);

        List<SourceRecord> records = drain(task, context);
        task.stop();

        assertThat(records).extracting(r -> (Object) ((Map<?, ?>) r.key()).get("warehouseId"))
                .containsExactlyInAnyOrderElementsOf(JACKYUN.simulator().warehouses().stream()
                        .map(w -> (Object) w.warehouseId()).toList());
        SourceRecord first = records.get(0);
        assertThat(first.topic()).isEqualTo("jackyun-warehouses");
        assertThat(first.keySchema()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) first.value();
        JackyunDataSet.Warehouse truth = JACKYUN.simulator().warehouses().stream()
                .filter(w -> w.warehouseId() == (Long) ((Map<?, ?>) first.key()).get("warehouseId")).findFirst()
                .orElseThrow();
        assertThat(value).containsEntry("warehouseCode", truth.warehouseCode())
                .containsEntry("warehouseName", truth.warehouseName())
                .containsEntry("gmtModified", Json.formatDateTime(truth.gmtModified()));
        assertThat(first.sourcePartition()).isEqualTo(Map.of("source", "jackyun.warehouses",
                "account", JACKYUN.simulator().appKey()));
    }

    @Test
    void theCommittedOffset_isTheEndOfTheLastRangeRead_andARestartedTaskResumesThere() throws Exception {
        FakeSourceContext context = new FakeSourceContext();
        QiaoSourceTask task = started(settings(), context);
        drain(task, context);
        task.stop();
        Object watermark = context.committed.values().iterator().next().get("watermark");
        assertThat(Instant.parse(watermark.toString())).isAfter(MAY.plusMonths(1).atZone(Json.SHANGHAI).toInstant());

        long before = JACKYUN.simulator().requestCount();
        QiaoSourceTask restarted = started(settings(), context);
        List<SourceRecord> again = drain(restarted, context);
        restarted.stop();

        assertThat(again).as("nothing after the committed offset was modified").isEmpty();
        assertThat(JACKYUN.simulator().requestCount() - before).as("one request for the range since the offset")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void aTaskThatDiesInARange_readsTheRangeAgainFromItsStart_andLosesNothing() throws Exception {
        FakeSourceContext context = new FakeSourceContext();
        QiaoSourceTask task = started(settings(), context);
        List<SourceRecord> delivered = new ArrayList<>();
        // the worker commits the first three polls, then the task's worker dies
        for (int i = 0; i < 3; i++) {
            List<SourceRecord> batch = task.poll();
            delivered.addAll(batch);
            context.commit(batch);
        }
        task.stop();

        QiaoSourceTask restarted = started(settings(), context);
        delivered.addAll(drain(restarted, context));
        restarted.stop();

        Set<Object> ids = delivered.stream().map(r -> ((Map<?, ?>) r.key()).get("warehouseId"))
                .collect(Collectors.toSet());
        assertThat(ids).hasSize(40);
    }

    @Test
    void stop_whileAPollWaitsToRetryAFailedPage_endsThatPollQuietly_insteadOfFailingTheTask() throws Exception {
        JackyunSimulator sim = JACKYUN.simulator();
        sim.faults().every(1, JackyunFault.httpStatus(503));
        try {
            FakeSourceContext context = new FakeSourceContext();
            QiaoSourceTask task = started(settings(), context);
            long before = sim.requestCount();
            Object[] outcome = new Object[1];
            Thread worker = new Thread(() -> {
                try {
                    outcome[0] = task.poll();
                } catch (Throwable e) {
                    outcome[0] = e;
                }
            });
            worker.start();
            // the first attempt got its 503; the client now waits ~200 ms before the next one, which stop() cuts short
            while (sim.requestCount() == before) {
                Thread.sleep(1);
            }
            task.stop();
            worker.join(30_000);

            assertThat(worker.isAlive()).as("poll returned").isFalse();
            assertThat(outcome[0]).as("what poll answered after stop (null: nothing, no error)").isNull();
            assertThat(context.committed).as("nothing was delivered, so no offset moved").isEmpty();
        } finally {
            sim.faults().clear();
        }
    }

    @Test
    void twoTasks_readDisjointWindows_andTogetherEveryWarehouse() throws Exception {
        QiaoSourceConnector connector = new QiaoSourceConnector();
        connector.start(settings());
        List<Map<String, String>> configs = connector.taskConfigs(2);
        connector.stop();

        FakeSourceContext context = new FakeSourceContext();
        List<SourceRecord> first = drain(started(configs.get(0), context), context);
        List<SourceRecord> second = drain(started(configs.get(1), context), context);

        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
        assertThat(first.get(0).sourcePartition().get("slice")).isEqualTo("0/2");
        assertThat(second.get(0).sourcePartition().get("slice")).isEqualTo("1/2");
        List<Object> all = new ArrayList<>();
        first.forEach(r -> all.add(((Map<?, ?>) r.key()).get("warehouseId")));
        second.forEach(r -> all.add(((Map<?, ?>) r.key()).get("warehouseId")));
        assertThat(Set.copyOf(all)).hasSize(40);
    }

    /** Warehouse 3 renamed to blank text by a 吉客云 user, inside the tasks' windows; the settings require a name. */
    private static Map<String, String> blankNameOfWarehouse3(String tolerance, String deadLetterTopic) {
        JACKYUN.simulator().updateWarehouse(3, " ", MAY.plusDays(20));
        Map<String, String> s = settings();
        s.put("name", "jackyun-warehouses");
        s.put("qiao.required.fields", "warehouseCode, warehouseName");
        if (tolerance != null) {
            s.put("errors.tolerance", tolerance);
        }
        if (deadLetterTopic != null) {
            s.put("errors.deadletterqueue.topic.name", deadLetterTopic);
        }
        return s;
    }

    @Test
    void anInvalidRecord_withToleranceAllAndADeadLetterTopic_goesThere_withTheReasonsInHeaders_andItsOffset()
            throws Exception {
        FakeSourceContext context = new FakeSourceContext();
        QiaoSourceTask task = started(blankNameOfWarehouse3("all", "jackyun-warehouses-dlq"), context);

        List<SourceRecord> records = drain(task, context);
        task.stop();

        List<SourceRecord> dead = records.stream().filter(r -> r.topic().equals("jackyun-warehouses-dlq")).toList();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(Map.of("warehouseId", 3L));
            assertThat(((Map<?, ?>) r.value()).get("warehouseName")).isEqualTo(" ");
            assertThat(r.sourcePartition()).isEqualTo(records.get(0).sourcePartition());
            assertThat(r.sourceOffset()).containsKey("watermark");
            Map<String, Object> headers = new HashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value());
            }
            assertThat(headers).containsEntry("qiao.violations", 1)
                    .containsEntry("qiao.violation.0.field", "warehouseName")
                    .containsEntry("qiao.violation.0.problem", "is required")
                    .containsEntry("__connect.errors.topic", "jackyun-warehouses")
                    .containsEntry("__connect.errors.connector.name", "jackyun-warehouses")
                    .containsEntry("__connect.errors.exception.message", "invalid record: warehouseName: is required");
        });
        assertThat(records.stream().filter(r -> r.topic().equals("jackyun-warehouses")))
                .extracting(r -> (Object) ((Map<?, ?>) r.key()).get("warehouseId"))
                .hasSize(39).doesNotContain(3L);
    }

    @Test
    void anInvalidRecord_byDefault_failsTheTask_namingTheRecordTheFieldAndTheProblem_andItsOffsetIsNotPassed()
            throws Exception {
        FakeSourceContext context = new FakeSourceContext();
        QiaoSourceTask task = started(blankNameOfWarehouse3(null, "jackyun-warehouses-dlq"), context);

        assertThatThrownBy(() -> drain(task, context)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("{warehouseId=3}").hasMessageContaining("warehouseName: is required")
                .hasMessageContaining("errors.tolerance=all");
        task.stop();

        QiaoSourceTask restarted = started(blankNameOfWarehouse3(null, null), context);
        assertThatThrownBy(() -> drain(restarted, context)).as("the record is read again after a restart, not lost")
                .hasMessageContaining("{warehouseId=3}");
        restarted.stop();
    }

    @Test
    void anInvalidRecord_withToleranceAllButNoDeadLetterTopic_isSkippedAndCounted_andTheRestDelivered()
            throws Exception {
        FakeSourceContext context = new FakeSourceContext();
        QiaoSourceTask task = started(blankNameOfWarehouse3("all", null), context);

        List<SourceRecord> records = drain(task, context);
        task.stop();

        assertThat(records).extracting(r -> (Object) ((Map<?, ?>) r.key()).get("warehouseId")).hasSize(39).doesNotContain(3L);
        assertThat(records).extracting(SourceRecord::topic).containsOnly("jackyun-warehouses");
    }

    @Test
    void errorSettings_thatConnectWouldNotAccept_areRefused_namingTheKey() {
        Map<String, String> s = settings();
        s.put("errors.tolerance", "some");
        assertThatThrownBy(() -> new SourceConfig(s)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("errors.tolerance");
        Map<String, String> t = settings();
        t.put("errors.deadletterqueue.topic.name", "jackyun-warehouses");
        assertThatThrownBy(() -> new SourceConfig(t)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("errors.deadletterqueue.topic.name").hasMessageContaining("topic");
    }
}
