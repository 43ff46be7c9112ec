package io.qiao.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.ApiCallEvent;
import io.qiao.client.ApiCallListener;
import io.qiao.client.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes the API-call log {@link ApiCallHistory} reads ({@code api-calls.jsonl}: one JSON line per call attempt), for
 * a process that lives long, such as a Spring Boot host: each line is written through at once, so that the console
 * of the same process charts it without waiting for a flush, and the file is rotated to {@code .1} whenever it
 * passes {@link #ROTATE_BYTES}, not only when it is opened, so that a host running for months keeps at most twice
 * that on disk. Only the operation, outcome, attempt, timing, HTTP status, vendor code and vendor are kept: never a
 * URL, a parameter, a header or a body, so neither a secret nor a token can reach the file.
 *
 * <p>Statistics never fail a call: a line that cannot be written is dropped, and the next call opens the file
 * again (a full disk that is cleared, a deleted directory that is made again).
 */
public final class ApiCallLog implements AutoCloseable {
    /** Beyond this the file is rotated to {@code .1}, as the CLI's log is. */
    public static final long ROTATE_BYTES = 16L * 1024 * 1024;

    private final Path file;
    private final long rotateBytes;
    private final Clock clock;
    private final ObjectMapper mapper = Json.newMapper();
    private OutputStream out;
    private long size;
    private boolean closed;

    ApiCallLog(Path file, long rotateBytes, Clock clock) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.rotateBytes = rotateBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The log in {@code file} (created with its directory on the first call). */
    public static ApiCallLog in(Path file) {
        return in(file, Clock.systemUTC());
    }

    /** The log in {@code file}, each call stamped with {@code clock}'s time (the CLI's, which its reports use too). */
    public static ApiCallLog in(Path file, Clock clock) {
        return new ApiCallLog(file, ROTATE_BYTES, clock);
    }

    /**
     * This log as the listener of one vendor's client: its lines carry {@code vendor}, because operation names do not
     * always say whose they are ("/open/other/inout/query" is Jushuitan's). The console draws each vendor's pace
     * against its rate limit by it.
     */
    public ApiCallListener forVendor(String vendor) {
        Objects.requireNonNull(vendor, "vendor");
        return e -> write(e, vendor);
    }

    /** The calls recorded at or after {@code since}, as the console reads them. */
    public ApiCallHistory read(Instant since) {
        return ApiCallHistory.read(file, since);
    }

    /** The file written to. */
    public Path file() {
        return file;
    }

    private synchronized void write(ApiCallEvent e, String vendor) {
        if (closed) {
            return; // a call of a client still closing after its application
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
        n.put("vendor", vendor);
        byte[] line = (n + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (out != null && (!Files.exists(file) || size > rotateBytes)) {
                closeQuietly(); // deleted under us (start a new file), or grown past the bound (rotate it)
            }
            if (out == null) {
                open();
            }
            out.write(line); // one write per line, no buffer: the console of this process reads the file now
            size += line.length;
        } catch (IOException | RuntimeException ex) {
            closeQuietly(); // dropped; the next call tries again
        }
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.exists(file) && Files.size(file) > rotateBytes) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        boolean tornLine = endsMidLine(file);
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
        if (tornLine) {
            out.write('\n'); // a process killed mid-line: our first line must not be glued to its torn one
            size++;
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

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing buffered: every line went out with its write
            }
            out = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly();
    }

    @Override
    public String toString() {
        return "ApiCallLog[" + file + "]";
    }
}
