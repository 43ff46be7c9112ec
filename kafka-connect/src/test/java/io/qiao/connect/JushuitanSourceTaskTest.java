package io.qiao.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Json;
import io.qiao.testkit.jushuitan.JushuitanSimulator;
import io.qiao.testkit.jushuitan.JushuitanSimulatorExtension;
import io.qiao.testkit.jushuitan.SimDocument;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 聚水潭 其它出入库 through the source task, against the simulator with the vendor's rate limits enforced. */
class JushuitanSourceTaskTest {
    @RegisterExtension
    static final JushuitanSimulatorExtension JST = JushuitanSimulatorExtension.create(b -> b
            .documents(60).limitsEnforced(true));

    @Test
    void otherInOut_deliversEveryDocumentKeyedByIoId_withinTheVendorsRateLimit() throws Exception {
        JushuitanSimulator sim = JST.simulator();
        Map<String, String> s = new HashMap<>();
        s.put("qiao.source", "jushuitan.other-in-out");
        s.put("qiao.endpoint", sim.endpoint().toString());
        s.put("qiao.app.key", sim.appKey());
        s.put("qiao.app.secret", sim.appSecret());
        s.put("qiao.since", "2024-04-30");
        s.put("qiao.poll.interval", "0s");
        s.put("topic", "jst-other-in-out");
        // the day after the simulator's last document: a handful of 7-day ranges
        Clock now = Clock.fixed(sim.dataSet().end().plusDays(1).atZone(Json.SHANGHAI).toInstant(), ZoneOffset.UTC);
        FakeSourceContext context = new FakeSourceContext();
        QiaoSourceTask task = new QiaoSourceTask(now);
        task.initialize(context);
        task.start(s);

        List<SourceRecord> records = QiaoSourceTaskTest.drain(task, context);
        task.stop();

        assertThat(records).extracting(r -> (Object) ((Map<?, ?>) r.key()).get("ioId")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sim.dataSet().otherInOut().stream()
                        .map(d -> (Object) d.id()).toList());
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) records.get(0).value();
        SimDocument truth = sim.dataSet().otherInOut().stream()
                .filter(d -> d.id() == (Long) value.get("ioId")).findFirst().orElseThrow();
        assertThat(value).containsEntry("status", truth.status()).containsKey("items");
        assertThat(sim.throttledCount()).as("requests the vendor throttled").isZero();
    }
}
