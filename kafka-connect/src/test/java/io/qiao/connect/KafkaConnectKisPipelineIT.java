package io.qiao.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Json;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.SimDocument;
import io.qiao.testkit.jushuitan.SimSku;
import io.qiao.testkit.kis.KisFault;
import io.qiao.testkit.kis.KisOperation;
import io.qiao.testkit.kis.KisSimulator;
import io.qiao.testkit.kis.KisSimulatorCredentials;
import io.qiao.testkit.kis.SimulatedBill;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's proof (c): 聚水潭 其它出入库 → topic → KIS 其他入库单 through real Connect workers, with the answer to a
 * create lost after KIS stored the bill and a worker removed mid-run: every document ends as exactly one bill, and
 * 聚水潭 throttled nothing.
 */
class KafkaConnectKisPipelineIT {
    private static final String TOPIC = "jst-other-in-out";

    private JushuitanSimulator jst;
    private KisSimulator kis;
    private EmbeddedConnectCluster connect;

    @BeforeEach
    void start() {
        LocalDateTime now = LocalDateTime.now(Json.SHANGHAI);
        jst = JushuitanSimulator.builder().documents(60).limitsEnforced(true)
                .dataWindow(now.minusDays(3), Duration.ofDays(2)).build().start();
        kis = KisSimulator.create().start();
        for (SimSku sku : jst.dataSet().skus()) {
            kis.addMaterial(sku.skuId(), sku.name(), "PCS");
        }
        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", "500");
        worker.put("plugin.discovery", "service_load");
        worker.put("scheduled.rebalance.max.delay.ms", "5000");
        connect = new EmbeddedConnectCluster.Builder().name("qiao-kis-it").numWorkers(3).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        connect.kafka().createTopic(TOPIC, 3);
    }

    @AfterEach
    void stop() {
        if (connect != null) {
            connect.stop();
        }
        if (kis != null) {
            kis.stop();
        }
        if (jst != null) {
            jst.stop();
        }
    }

    @Test
    void everyDocument_becomesExactlyOneBill_throughALostCreateAnswerAndARemovedWorker() throws Exception {
        Map<String, String> source = new HashMap<>();
        source.put("connector.class", QiaoSourceConnector.class.getName());
        source.put("tasks.max", "1");
        source.put("qiao.source", "jushuitan.other-in-out");
        source.put("qiao.endpoint", jst.endpoint().toString());
        source.put("qiao.app.key", jst.appKey());
        source.put("qiao.app.secret", jst.appSecret());
        source.put("qiao.since", "4d");
        source.put("qiao.settle.delay", "0s");
        source.put("qiao.poll.interval", "1s");
        source.put("topic", TOPIC);
        converters(source);
        KisSimulatorCredentials c = kis.credentials();
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", QiaoKisSinkConnector.class.getName());
        sink.put("tasks.max", "3");
        sink.put("topics", TOPIC);
        sink.put("qiao.kis.endpoint", kis.endpoint().toString());
        sink.put("qiao.kis.client-id", c.clientId());
        sink.put("qiao.kis.client-secret", c.clientSecret());
        sink.put("qiao.kis.app-key", c.appKey());
        sink.put("qiao.kis.app-secret", c.appSecret());
        sink.put("qiao.kis.router-address", c.routerAddress());
        converters(sink);
        kis.injectFault(KisOperation.CREATE_RECEIPT, KisFault.LOSE_RESPONSE_AFTER_PROCESSING);

        connect.configureConnector("jst-other-in-out", source);
        connect.configureConnector("other-in-out-to-kis", sink);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("other-in-out-to-kis", 3, "sink not running");

        KafkaConnectPipelineIT.waitUntil(() -> kis.billCount() > 0, "the first bill");
        connect.removeWorker();
        Set<String> truth = jst.dataSet().otherInOut().stream().map(SimDocument::id).map(String::valueOf)
                .collect(Collectors.toSet());
        KafkaConnectPipelineIT.waitUntil(() -> billNumbers().equals(truth), "a bill for every document");

        assertThat(kis.billCount()).as("no bill twice").isEqualTo(truth.size());
        assertThat(jst.throttledCount()).as("requests 聚水潭 throttled").isZero();
    }

    private Set<String> billNumbers() {
        return kis.bills().stream().map(SimulatedBill::billNo).collect(Collectors.toSet());
    }

    private static void converters(Map<String, String> config) {
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
    }
}
