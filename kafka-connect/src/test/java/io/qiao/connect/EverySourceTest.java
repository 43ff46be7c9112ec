package io.qiao.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Json;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every qiao.source value reads its whole data set from the simulators, each record once, keyed by its identity. */
class EverySourceTest {
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);

    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(20).stockDocuments(30).trades(30)
                    .modifiedBetween(MAY, MAY.plusMonths(1)).build()));

    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b
            .documents(60).limitsEnforced(false));

    private static Set<Object> keys(Map<String, String> extra, String endpoint, String appKey, String appSecret,
                                    LocalDateTime end, String keyField) throws Exception {
        Map<String, String> s = new HashMap<>(extra);
        s.put("qiao.endpoint", endpoint);
        s.put("qiao.app.key", appKey);
        s.put("qiao.app.secret", appSecret);
        s.put("qiao.since", "2024-04-30");
        s.put("qiao.rate.limit", "100000/s");
        s.put("qiao.poll.interval", "0s");
        s.put("topic", "t");
        FakeSourceContext context = new FakeSourceContext();
        QiaoSourceTask task = new QiaoSourceTask(Clock.fixed(end.plusDays(1).atZone(Json.SHANGHAI).toInstant(),
                ZoneOffset.UTC));
        task.initialize(context);
        task.start(s);
        List<SourceRecord> records = QiaoSourceTaskTest.drain(task, context);
        task.stop();
        assertThat(records).allSatisfy(r -> assertThat(r.value()).isInstanceOf(Map.class));
        return records.stream().map(r -> ((Map<?, ?>) r.key()).get(keyField)).collect(Collectors.toSet());
    }

    private static Set<Object> jackyun(Map<String, String> extra, String keyField) throws Exception {
        JackyunSimulator sim = JACKYUN.simulator();
        return keys(extra, sim.endpoint().toString(), sim.appKey(), sim.appSecret(), MAY.plusMonths(1), keyField);
    }

    private static Set<Object> jushuitan(String source, String keyField) throws Exception {
        JushuitanSimulator sim = JST.simulator();
        return keys(Map.of("qiao.source", source), sim.endpoint().toString(), sim.appKey(), sim.appSecret(),
                sim.dataSet().end(), keyField);
    }

    @Test
    void jackyunStockDocuments_inboundAndOutbound() throws Exception {
        assertThat(jackyun(Map.of("qiao.source", "jackyun.stock-documents"), "goodsdocNo"))
                .hasSize(JACKYUN.simulator().data().documentCount(JackyunDataSet.Direction.INBOUND));
        assertThat(jackyun(Map.of("qiao.source", "jackyun.stock-documents", "qiao.direction", "outbound"), "goodsdocNo"))
                .hasSize(JACKYUN.simulator().data().documentCount(JackyunDataSet.Direction.OUTBOUND));
    }

    @Test
    void jackyunTrades() throws Exception {
        assertThat(jackyun(Map.of("qiao.source", "jackyun.trades"), "tradeId"))
                .hasSize(JACKYUN.simulator().data().tradeCount());
    }

    @Test
    void jackyunPages_anyWindowedMethod_keyedByTheConfiguredFields() throws Exception {
        assertThat(jackyun(Map.of("qiao.source", "jackyun.pages", "qiao.method", "erp.warehouse.get",
                "qiao.key.fields", "warehouseId"), "warehouseId"))
                .hasSize(JACKYUN.simulator().warehouses().size());
    }

    @Test
    void jushuitanOrdersAndPurchaseIns() throws Exception {
        assertThat(jushuitan("jushuitan.orders", "oId")).hasSize(JST.simulator().dataSet().orders().size());
        assertThat(jushuitan("jushuitan.purchase-in", "ioId")).hasSize(JST.simulator().dataSet().purchaseIn().size());
    }
}
