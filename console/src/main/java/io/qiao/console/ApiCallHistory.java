package io.qiao.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.ApiCallEvent;
import io.qiao.client.ApiUsage;
import io.qiao.client.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The API-call log ({@code api-calls.jsonl}: one JSON line per call attempt with {@code at}, {@code operation},
 * {@code outcome}, {@code attempt}, {@code nanos}, {@code httpStatus}, {@code vendorCode} and {@code vendor}, rotated to {@code .1}),
 * read back for a period: figures per operation and the calls themselves for charts over time. Lines it cannot read
 * (a torn last line after a crash, a newer format) are skipped.
 */
public final class ApiCallHistory {
    /**
     * One recorded call attempt.
     *
     * @param vendor the client's vendor as the log recorded it ({@code "jushuitan"}), or, for a line without one, the
     *               operation name's first part ({@code "kis"} for {@code "kis.material.list"}, else "")
     */
    public record Call(Instant at, ApiCallEvent event, String vendor) {
        public Call {
            vendor = vendor == null || vendor.isBlank() ? QiaoConsole.vendorOf(event.operation()) : vendor;
        }

        /** A call whose vendor is the operation name's first part. */
        public Call(Instant at, ApiCallEvent event) {
            this(at, event, null);
        }
    }

    private final List<Call> calls;

    private ApiCallHistory(List<Call> calls) {
        this.calls = List.copyOf(calls);
    }

    /** The calls recorded at or after {@code since} in {@code file} and its rotated predecessor ({@code file.1}). */
    public static ApiCallHistory read(Path file, Instant since) {
        List<Call> calls = new ArrayList<>();
        ObjectMapper mapper = Json.newMapper();
        for (Path f : List.of(file.resolveSibling(file.getFileName() + ".1"), file)) {
            if (!Files.exists(f)) {
                continue;
            }
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    parse(mapper, line, since, calls);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API-call log " + f, e);
            }
        }
        return new ApiCallHistory(calls);
    }

    private static void parse(ObjectMapper mapper, String line, Instant since, List<Call> into) {
        try {
            JsonNode n = mapper.readTree(line);
            Instant at = Instant.parse(n.path("at").asText());
            if (!at.isBefore(since)) {
                into.add(new Call(at, new ApiCallEvent(n.path("operation").asText(),
                        ApiCallEvent.Outcome.valueOf(n.path("outcome").asText()), n.path("attempt").asInt(1),
                        Duration.ofNanos(n.path("nanos").asLong()), n.path("httpStatus").asInt(),
                        n.hasNonNull("vendorCode") ? n.get("vendorCode").asText() : null),
                        n.hasNonNull("vendor") ? n.get("vendor").asText() : null));
            }
        } catch (IOException | RuntimeException skipped) {
            // a torn line, or one from a newer version
        }
    }

    /** The calls, oldest first as recorded. */
    public List<Call> calls() {
        return calls;
    }

    /** The calls folded into per-operation figures (calls, errors, throttles, retries, p50/p95/p99). */
    public ApiUsage usage() {
        ApiUsage usage = new ApiUsage();
        calls.forEach(c -> usage.onCall(c.event()));
        return usage;
    }
}
