package io.qiao.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.ApiCallEvent;
import io.qiao.console.ApiCallHistory;
import io.qiao.client.ApiCallListener;
import io.qiao.client.ApiUsage;
import io.qiao.client.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;

/**
 * Every API call attempt of every run, one JSON line each ({@code api-calls.jsonl} in the state directory), so that
 * {@code qiao report} can show calls, errors and latency percentiles per operation across processes. Only the
 * operation, outcome, status, vendor code and timing are kept: never a URL, a parameter or a body. The file is
 * rotated to {@code .1} when it passes 16 MB. A run killed in the middle of a line leaves that line torn: readers skip
 * it, and the next run starts on a new line so that its own calls are not lost with it.
 */
final class ApiCallLog implements ApiCallListener, AutoCloseable {
    static final long ROTATE_BYTES = 16L * 1024 * 1024;

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = Json.newMapper();
    private BufferedWriter writer;
    private boolean broken;

    ApiCallLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public void onCall(ApiCallEvent e) {
        write(e, null);
    }

    /**
     * This log as the listener of one vendor's client: its lines carry {@code vendor}, because operation names do not
     * always say whose they are ("/open/other/inout/query" is Jushuitan's). The console draws each vendor's pace
     * against its rate limit by it.
     */
    ApiCallListener of(String vendor) {
        return e -> write(e, vendor);
    }

    private synchronized void write(ApiCallEvent e, String vendor) {
        if (broken) {
            return;
        }
        ObjectNode n = mapper.createObjectNode();
        n.put("at", clock.instant().toString());
        n.put("operation", e.operation());
        n.put("outcome", e.outcome().name());
        n.put("attempt", e.attempt());
        n.put("nanos", e.duration().toNanos());
        n.put("httpStatus", e.httpStatus());
        if (e.vendorCode() != null) {
            n.put("vendorCode", e.vendorCode());
        }
        if (vendor != null) {
            n.put("vendor", vendor);
        }
        try {
            if (writer != null && !Files.exists(file)) { // the state directory was deleted: start a new file
                writer.close();
                writer = null;
            }
            if (writer == null) {
                open();
            }
            writer.write(n.toString());
            writer.write('\n');
        } catch (IOException ex) {
            broken = true; // statistics must never fail a run
        }
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        boolean tornLine = endsMidLine(file);
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (tornLine) {
            writer.write('\n'); // a run killed mid-line: our first line must not be glued to its torn one
        }
    }

    private static boolean endsMidLine(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.position(ch.size() - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    synchronized void flush() {
        try {
            if (writer != null) {
                writer.flush();
            }
        } catch (IOException e) {
            broken = true;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (writer != null) {
                writer.close();
                writer = null;
            }
        } catch (IOException e) {
            broken = true;
        }
    }

    /**
     * The calls recorded at or after {@code since} (in the file and its rotated {@code .1}), folded into an
     * {@link ApiUsage}; lines it cannot read are skipped. The console reads the same file with the same reader.
     */
    static Usage read(Path file, Instant since) {
        ApiCallHistory history = ApiCallHistory.read(file, since);
        Instant first = history.calls().stream().map(ApiCallHistory.Call::at).min(Instant::compareTo).orElse(null);
        return new Usage(history.usage(), history.calls().size(), first);
    }

    record Usage(ApiUsage usage, long calls, Instant first) {
    }
}
