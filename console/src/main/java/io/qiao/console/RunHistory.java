package io.qiao.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.Json;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.SyncReport;
import io.qiao.sync.jdbc.JdbcUrls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every finished run, one JSON line each ({@code runs.jsonl} in a state directory), so that the console can chart
 * runs over time: a {@link io.qiao.sync.observe.SyncStatus} keeps only totals. Register it as a job's listener; a line that
 * cannot be written never fails the run. The error summary is kept with JDBC URLs redacted and at most 500
 * characters.
 *
 * @see io.qiao.sync.observe.SyncStatus
 */
public final class RunHistory implements SyncListener {
    /** Beyond this the file is rotated to {@code .1}: a run every minute for years stays a few megabytes. */
    static final long ROTATE_BYTES = 8L * 1024 * 1024;
    private static final int MAX_ERROR = 500;

    /** One run as recorded. */
    public record Run(String job, Instant startedAt, Duration duration, SyncReport.Status status, long read,
                      long written, long deadLettered, String error) {
        /** Records written per second of the run (0 for an instant run). */
        public double recordsPerSecond() {
            long ms = duration.toMillis();
            return ms <= 0 ? 0 : written * 1000.0 / ms;
        }
    }

    private final Path file;
    private final ObjectMapper mapper = Json.newMapper();

    private RunHistory(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The history in {@code file} (created with its directory on the first run). */
    public static RunHistory in(Path file) {
        return new RunHistory(file);
    }

    @Override
    public synchronized void runFinished(SyncReport r) {
        if (r.status() == SyncReport.Status.SKIPPED_LEASE_HELD) {
            return;
        }
        ObjectNode n = mapper.createObjectNode();
        n.put("job", r.job());
        n.put("startedAt", r.startedAt().toString());
        n.put("millis", r.duration().toMillis());
        n.put("status", r.status().name());
        n.put("read", r.read());
        n.put("written", r.written());
        n.put("deadLettered", r.deadLettered());
        if (r.failed()) {
            n.put("error", condense(r.errorSummary()));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            // a leading newline when the last run was killed mid-line, so that this line stays whole
            String line = (endsMidLine() ? "\n" : "") + n + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // the history is for charts; it must never fail a run
        }
    }

    private boolean endsMidLine() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.position(ch.size() - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    /** An error summary as one redacted line of at most 500 characters; null for null. */
    static String condense(String text) {
        if (text == null) {
            return null;
        }
        String s = JdbcUrls.redactIn(text.replaceAll("\\s+", " ").strip());
        return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR - 3) + "...";
    }

    /** The runs recorded at or after {@code since}, oldest first, of every job; unreadable lines are skipped. */
    public List<Run> read(Instant since) {
        List<Run> runs = new ArrayList<>();
        for (Path f : List.of(file.resolveSibling(file.getFileName() + ".1"), file)) {
            if (!Files.exists(f)) {
                continue;
            }
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    try {
                        JsonNode n = mapper.readTree(line);
                        Instant at = Instant.parse(n.path("startedAt").asText());
                        if (!at.isBefore(since)) {
                            runs.add(new Run(n.path("job").asText(), at, Duration.ofMillis(n.path("millis").asLong()),
                                    SyncReport.Status.valueOf(n.path("status").asText()), n.path("read").asLong(),
                                    n.path("written").asLong(), n.path("deadLettered").asLong(),
                                    n.hasNonNull("error") ? condense(n.get("error").asText()) : null));
                        }
                    } catch (IOException | RuntimeException skipped) {
                        // a torn last line after a crash
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the run history " + f, e);
            }
        }
        return runs;
    }

    @Override
    public String toString() {
        return "RunHistory[" + file + "]";
    }
}
