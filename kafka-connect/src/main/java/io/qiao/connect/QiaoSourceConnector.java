package io.qiao.connect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A Qiao vendor source on Kafka Connect: one connector instance reads one vendor account ({@code qiao.source},
 * {@code qiao.app.key}, {@code qiao.app.secret}, ...) into {@code topic}.
 *
 * <p>{@code tasks.max} splits the time axis: the windows ({@code qiao.window}) are dealt out to the tasks in turn
 * (window {@code k} to task {@code k % tasks}), and each task's client gets {@code 1/tasks} of the account's rate limit
 * ({@code qiao.rate.limit}), so the tasks together never call faster than the account may. Each task's source offset
 * is its Qiao watermark; see {@link QiaoSourceTask}.
 */
public final class QiaoSourceConnector extends SourceConnector {
    private Map<String, String> settings;

    @Override
    public String version() {
        return Versions.qiao();
    }

    @Override
    public ConfigDef config() {
        return SourceConfig.DEFINITION;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        String source = connectorConfigs.get(SourceConfig.SOURCE);
        if (VendorSources.names().contains(source) && VendorSources.kind(source).needsMethod()) {
            require(config, connectorConfigs, SourceConfig.METHOD, source, "the open-API method, e.g. erp.storage.goodslist");
            require(config, connectorConfigs, SourceConfig.KEY_FIELDS, source, "the fields that identify a record");
        }
        return config;
    }

    private static void require(Config config, Map<String, String> props, String key, String source, String what) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            for (ConfigValue value : config.configValues()) {
                if (value.name().equals(key)) {
                    value.addErrorMessage(key + " is required when " + SourceConfig.SOURCE + " is " + source + ": "
                            + what);
                }
            }
        }
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config = new SourceConfig(props);
        Map<String, String> s = new HashMap<>(props);
        // "7d" would mean another instant in every task and after every restart: resolved once, here.
        s.put(SourceConfig.SINCE, config.since(Instant.now()).toString());
        this.settings = Map.copyOf(s);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return QiaoSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> tasks = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> t = new HashMap<>(settings);
            t.put(SourceConfig.TASK_INDEX, Integer.toString(i));
            t.put(SourceConfig.TASK_COUNT, Integer.toString(maxTasks));
            tasks.add(t);
        }
        return tasks;
    }

    @Override
    public void stop() {
        settings = null;
    }
}
