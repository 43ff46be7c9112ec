package io.qiao.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Pipeline 2 on Kafka Connect: 聚水潭 其它出入库 records from a topic (as {@code jushuitan.other-in-out} writes them)
 * become 金蝶 KIS 其他入库单, with the sku → material lookup and lookup-before-create, so that no bill is ever created
 * twice however often a record is delivered; see {@link QiaoKisSinkTask}.
 */
public final class QiaoKisSinkConnector extends SinkConnector {
    private Map<String, String> settings;

    @Override
    public String version() {
        return Versions.qiao();
    }

    @Override
    public ConfigDef config() {
        return KisSinkConfig.DEFINITION;
    }

    @Override
    public void start(Map<String, String> props) {
        new KisSinkConfig(props); // refuses a bad configuration before any task starts
        this.settings = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return QiaoKisSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> tasks = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            tasks.add(settings);
        }
        return tasks;
    }

    @Override
    public void stop() {
        settings = null;
    }
}
