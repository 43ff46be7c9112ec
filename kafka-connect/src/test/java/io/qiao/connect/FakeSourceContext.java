package io.qiao.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** What a worker gives a source task, with offsets "committed" by the test as the worker would commit them. */
final class FakeSourceContext implements SourceTaskContext {
    final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();

    /** As the worker does once the records are acknowledged: the last offset per partition wins. */
    void commit(Collection<SourceRecord> records) {
        for (SourceRecord r : records) {
            @SuppressWarnings("unchecked")
            Map<String, Object> partition = (Map<String, Object>) r.sourcePartition();
            @SuppressWarnings("unchecked")
            Map<String, Object> offset = (Map<String, Object>) r.sourceOffset();
            committed.put(partition, offset);
        }
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return committed.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> out.put(p, committed.get(p)));
                return out;
            }
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("the connectors record no metrics of their own");
    }
}
