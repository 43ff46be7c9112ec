package io.qiao.sync.store;

import io.qiao.sync.record.Rejection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The line format of {@link JsonLinesDeadLetterStore}: one JSON object per line holding an entry's whole state, the
 * payload as a string (so that {@code jq '.payload | fromjson'} reads the record).
 */
final class DeadLetterLines {
    private static final ObjectMapper MAPPER = Json.newMapper();

    private DeadLetterLines() {
    }

    /** One entry's state as one line of JSON, newline included. */
    static byte[] line(DeadLetter d) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", d.id());
        n.put("job", d.job());
        n.put("key", d.key());
        n.put("stage", d.stage().name());
        ArrayNode reasons = n.putArray("reasons");
        d.reasons().forEach(reasons::add);
        n.put("window", d.window());
        n.put("firstSeen", d.firstSeen().toString());
        n.put("lastSeen", d.lastSeen().toString());
        n.put("attempts", d.attempts());
        n.put("resolved", d.resolved());
        n.put("payload", d.payload());
        byte[] json = MAPPER.writeValueAsBytes(n);
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    /** The entry a line holds, of {@code job} (the file's job: lines keep theirs only for readers such as jq). */
    static DeadLetter parse(String line, String job) throws IOException {
        JsonNode n = MAPPER.readTree(line);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<String> reasons = new ArrayList<>();
        n.path("reasons").forEach(r -> reasons.add(r.asText()));
        return new DeadLetter(required(n, "id"), job, nullable(n, "key"), required(n, "payload"),
                Rejection.Stage.valueOf(required(n, "stage")), reasons, nullable(n, "window"),
                Instant.parse(required(n, "firstSeen")), Instant.parse(required(n, "lastSeen")),
                n.path("attempts").asInt(1), n.path("resolved").asBoolean(false));
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v.asText();
    }

    private static String nullable(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
