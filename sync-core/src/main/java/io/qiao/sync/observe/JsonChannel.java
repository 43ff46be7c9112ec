package io.qiao.sync.observe;

import io.qiao.sync.SyncReport;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;

/**
 * The host's own endpoint, in plain JSON: {@code {"source":"qiao","kind":...,"job":...,"message":...,"report":{...}}}
 * (the report only for alerts a run caused; its error scrubbed like the message).
 */
final class JsonChannel implements AlertChannel {
    private final URI webhook;

    JsonChannel(URI webhook) {
        this.webhook = webhook;
    }

    @Override
    public URI webhook() {
        return webhook;
    }

    @Override
    public String body(Alert alert, AlertScrubber scrubber) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("source", "qiao");
        n.put("kind", alert.kind().name());
        n.put("job", alert.job());
        n.put("message", alert.message());
        SyncReport report = alert.report();
        if (report != null) {
            ObjectNode r = n.putObject("report");
            r.put("status", report.status().name());
            r.put("startedAt", report.startedAt().toString());
            r.put("windows", report.windows());
            r.put("read", report.read());
            r.put("written", report.written());
            r.put("deadLettered", report.deadLettered());
            r.put("retried", report.retried());
            r.put("failedWindow", report.failedWindow());
            r.put("error", report.error() == null ? null : scrubber.scrub(report.errorSummary()));
        }
        return n.toString();
    }

    @Override
    public List<String> secrets() {
        return AlertScrubber.queryValues(webhook);
    }
}
