package io.qiao.connect;

import io.qiao.sync.record.Rules;
import io.qiao.sync.record.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the source does with a record that fails validation (a key field or a {@code qiao.required.fields} field
 * missing), following Connect's {@code errors.tolerance}, since Connect gives source tasks no errant record reporter:
 * <ul>
 *   <li>{@code none} (the default): the task fails, naming the record's key and each field with its problem; the
 *       offset does not pass the record.</li>
 *   <li>{@code all} with {@code errors.deadletterqueue.topic.name}: the record goes to that topic instead of the
 *       data topic, with its source offset, so the offset advances only once the dead-letter record is written; the
 *       reasons are in its headers.</li>
 *   <li>{@code all} without a dead-letter topic: the record is skipped with a WARN naming its key and the reasons,
 *       and counted.</li>
 * </ul>
 */
final class InvalidRecords {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidRecords.class);
    /** Headers of a dead-letter record; the {@code __connect.errors.} ones as Connect's sink dead-letter topic names them. */
    static final String HEADER_TOPIC = "__connect.errors.topic";
    static final String HEADER_CONNECTOR = "__connect.errors.connector.name";
    static final String HEADER_STAGE = "__connect.errors.stage";
    static final String HEADER_CLASS = "__connect.errors.class.name";
    static final String HEADER_MESSAGE = "__connect.errors.exception.message";
    static final String HEADER_VIOLATIONS = "qiao.violations";
    static final String HEADER_FIELD = "qiao.violation.%d.field";
    static final String HEADER_PROBLEM = "qiao.violation.%d.problem";

    private final SourceConfig config;
    private final String connector;
    private final List<String> required;
    private long skipped;

    InvalidRecords(SourceConfig config, String connector) {
        this.config = config;
        this.connector = connector;
        this.required = List.copyOf(config.requiredFields());
    }

    /** Every missing key field and required field of a record; empty when it is valid. */
    List<Violation> check(Map<String, Object> key, Object value) {
        List<Violation> found = new ArrayList<>();
        key.forEach((field, v) -> {
            if (v == null || v instanceof String s && s.isBlank()) {
                found.add(new Violation(field, "is required (a key field)"));
            }
        });
        if (!required.isEmpty() && value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) map;
            for (Violation v : Rules.requiredKeys(required.toArray(String[]::new)).validate(fields)) {
                if (found.stream().noneMatch(f -> f.field().equals(v.field()))) {
                    found.add(v);
                }
            }
        }
        return found;
    }

    /**
     * The record to hand the worker instead of {@code rejected}: its dead-letter copy, or null when it is skipped.
     *
     * @throws ConnectException when errors are not tolerated
     */
    SourceRecord reject(SourceRecord rejected, List<Violation> violations) {
        String reasons = String.join("; ", violations.stream().map(Violation::toString).toList());
        if (!config.tolerateAll()) {
            throw new ConnectException(config.kind.id() + " record " + rejected.key() + " is invalid: " + reasons
                    + " (set errors.tolerance=all and " + SourceConfig.DLQ_TOPIC
                    + " to send invalid records to a dead-letter topic instead)");
        }
        String topic = config.deadLetterTopic();
        if (topic == null) {
            skipped++;
            LOG.warn("{}: skipped invalid {} record {}: {} ({} skipped by this task; set {} to keep them)", connector,
                    config.kind.id(), rejected.key(), reasons, skipped, SourceConfig.DLQ_TOPIC);
            return null;
        }
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_TOPIC, rejected.topic());
        headers.addString(HEADER_CONNECTOR, connector);
        headers.addString(HEADER_STAGE, "TASK_POLL");
        headers.addString(HEADER_CLASS, QiaoSourceTask.class.getName());
        headers.addString(HEADER_MESSAGE, "invalid record: " + reasons);
        headers.addInt(HEADER_VIOLATIONS, violations.size());
        for (int i = 0; i < violations.size(); i++) {
            Violation v = violations.get(i);
            headers.addString(String.format(HEADER_FIELD, i), v.field());
            headers.addString(String.format(HEADER_PROBLEM, i), v.message());
        }
        return new SourceRecord(rejected.sourcePartition(), rejected.sourceOffset(), topic, null, rejected.keySchema(),
                rejected.key(), rejected.valueSchema(), rejected.value(), rejected.timestamp(), headers);
    }

    /** Invalid records skipped so far (errors.tolerance=all without a dead-letter topic). */
    long skipped() {
        return skipped;
    }
}
