package io.qiao.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Qiao's JDBC upsert sink on Kafka Connect: records of the topics are upserted into {@code table} on
 * {@code key.fields}, and each topic-partition's offset is written in the rows' own transaction (exactly-once effect);
 * see {@link QiaoJdbcSinkTask}.
 */
public final class QiaoJdbcSinkConnector extends SinkConnector {
    private Map<String, String> settings;

    @Override
    public String version() {
        return Versions.qiao();
    }

    @Override
    public ConfigDef config() {
        return SinkConfig.DEFINITION;
    }

    @Override
    public void start(Map<String, String> props) {
        new SinkConfig(props); // refuses a bad configuration before any task starts
        this.settings = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return QiaoJdbcSinkTask.class;
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
