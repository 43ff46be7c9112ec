package io.qiao.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.Json;
import io.qiao.sync.SyncListener;
import io.qiao.sync.SyncReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every finished run of every pipeline, one JSON line each ({@code runs.jsonl} in the state directory): when it
 * started and ended, its status and counts, and the failed run's error as one redacted sentence. The status file keeps
 * only the last error; {@code qiao report --errors} needs them all over its period. Rotated to {@code .1} past 16 MB;
 * a torn last line (a killed run) is skipped by readers.
 */
final class RunHistory implements SyncListener {
    static final String FILE = "runs.jsonl";
    static final long ROTATE_BYTES = 16L * 1024 * 1024;

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = Json.newMapper();

    RunHistory(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** One run as recorded. {@code error} is null unless the run failed. */
    record Entry(Instant at, String job, String status, long read, long written, long deadLettered, long retried,
                 String error) {
    }

    @Override
    public synchronized void runFinished(SyncReport r) {
        ObjectNode n = mapper.createObjectNode();
        n.put("at", (r.startedAt() == null ? clock.instant() : r.startedAt()).toString());
        n.put("endedAt", clock.instant().toString());
        n.put("job", r.job());
        n.put("status", r.status().name());
        n.put("read", r.read());
        n.put("written", r.written());
        n.put("deadLettered", r.deadLettered());
        n.put("retried", r.retried());
        if (r.failed()) {
            n.put("error", r.error() != null ? Errors.sentence(r.error()) : Errors.condense(r.errorSummary()));
        }
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            // a leading newline when the last run was killed mid-line, so that this line is whole
            String line = (endsMidLine() ? "\n" : "") + n + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the history is for reports: it must never fail a run
        }
    }

    private boolean endsMidLine() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        byte[] all = Files.readAllBytes(file);
        return all[all.length - 1] != '\n';
    }

    /** The runs that started at or after {@code since}, from the rotated file and the current one. */
    static List<Entry> read(Path file, Instant since) {
        List<Entry> out = new ArrayList<>();
        ObjectMapper mapper = Json.newMapper();
        for (Path f : List.of(file.resolveSibling(file.getFileName() + ".1"), file)) {
            if (!Files.exists(f)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
            for (String line : lines) {
                try {
                    JsonNode n = mapper.readTree(line);
                    Instant at = Instant.parse(n.path("at").asText());
                    if (!at.isBefore(since)) {
                        out.add(new Entry(at, n.path("job").asText(), n.path("status").asText(), n.path("read").asLong(),
                                n.path("written").asLong(), n.path("deadLettered").asLong(), n.path("retried").asLong(),
                                n.hasNonNull("error") ? n.get("error").asText() : null));
                    }
                } catch (IOException | RuntimeException skipped) {
                    // a torn line after a crash, or a blank one
                }
            }
        }
        return out;
    }
}
