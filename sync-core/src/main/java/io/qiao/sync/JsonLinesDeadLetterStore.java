package io.qiao.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.Json;
import io.qiao.sync.internal.Files2;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Dead letters as append-only JSON Lines, one file per job ({@code <job>.dead-letters.jsonl}) in a directory.
 * Every change (a new entry, a record seen again, a resolve) appends the entry's whole new state as one line,
 * so the file is a readable history and the last line of an id is its current state:
 *
 * <pre>jq -s 'group_by(.id) | map(last) | map(select(.resolved | not)) | .[] | {key, stage, reasons}' orders.dead-letters.jsonl
 * jq -r '.payload | fromjson | .io_id' orders.dead-letters.jsonl</pre>
 *
 * Appends are fsynced in {@link #flush()}, which the engine calls before moving a checkpoint (one fsync per
 * window instead of one per record). {@link #purge} rewrites the file atomically. One process owns a
 * directory; entries are kept in memory for queries (dead letters are few). A torn last line (a crash while
 * appending) is ignored; a corrupt line elsewhere is an error naming the file and line.
 */
public final class JsonLinesDeadLetterStore implements DeadLetterStore, Closeable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JsonLinesDeadLetterStore.class);
    private final Path dir;
    private final ObjectMapper mapper = Json.newMapper();
    private final Map<String, JobFile> jobs = new HashMap<>();

    private JsonLinesDeadLetterStore(Path dir) {
        this.dir = dir;
    }

    /** A store in {@code dir}, created if missing. */
    public static JsonLinesDeadLetterStore in(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SyncException("cannot create the dead-letter directory " + dir + ": " + e, e);
        }
        return new JsonLinesDeadLetterStore(dir);
    }

    /** The file that holds {@code job}'s dead letters. */
    public Path fileOf(String job) {
        return dir.resolve(Files2.fileName(job, ".dead-letters.jsonl"));
    }

    @Override
    public synchronized DeadLetter add(String job, String key, String payload, Rejection.Stage stage,
                                       List<String> reasons, String window, Instant now) {
        DeadLetterEntries.checkAdd(job, payload, stage, reasons, now);
        JobFile f = file(job);
        DeadLetter existing = key == null ? null : f.openByKey.get(key);
        DeadLetter entry = existing == null
                ? new DeadLetter(Long.toString(f.nextId++), job, key, payload, stage, reasons, window, now, now, 1, false)
                : DeadLetterEntries.seenAgain(existing, payload, stage, reasons, window, now);
        f.append(entry);
        return entry;
    }

    @Override
    public synchronized List<DeadLetter> list(String job, boolean includeResolved, int limit) {
        DeadLetterEntries.checkLimit(limit);
        return file(job).entries.values().stream()
                .filter(d -> includeResolved || !d.resolved())
                .sorted(DeadLetterEntries.OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<DeadLetter> find(String job, String id) {
        return Optional.ofNullable(file(job).entries.get(id));
    }

    @Override
    public synchronized void resolve(String job, List<String> ids, Instant now) {
        JobFile f = file(job);
        for (String id : ids) {
            DeadLetter d = f.entries.get(id);
            if (d != null && !d.resolved()) {
                f.append(DeadLetterEntries.resolved(d));
            }
        }
    }

    @Override
    public synchronized int purge(String job, boolean resolvedOnly) {
        JobFile f = file(job);
        List<DeadLetter> kept = f.entries.values().stream().filter(d -> resolvedOnly && !d.resolved()).toList();
        int purged = f.entries.size() - kept.size();
        if (purged > 0) {
            f.rewrite(kept);
        }
        return purged;
    }

    @Override
    public synchronized Map<String, Long> summary(String job, Instant from, Instant to) {
        return DeadLetterSummary.of(file(job).entries.values().stream()
                .filter(d -> !d.resolved() && DeadLetterEntries.within(d.lastSeen(), from, to))
                .map(DeadLetter::reasons)
                .collect(Collectors.toList()));
    }

    @Override
    public synchronized void flush() {
        for (JobFile f : jobs.values()) {
            f.sync();
        }
    }

    /** Flushes and closes the open files; the store reopens them if used again. */
    @Override
    public synchronized void close() {
        flush();
        for (JobFile f : jobs.values()) {
            f.closeChannel();
        }
        jobs.clear();
    }

    private JobFile file(String job) {
        Objects.requireNonNull(job, "job");
        return jobs.computeIfAbsent(job, j -> new JobFile(j, fileOf(j)));
    }

    /** One job's file and its entries' current state. */
    private final class JobFile {
        final String job;
        final Path path;
        final Map<String, DeadLetter> entries = new LinkedHashMap<>();
        final Map<String, DeadLetter> openByKey = new HashMap<>();
        long nextId = 1;
        FileChannel channel;
        boolean dirty;

        JobFile(String job, Path path) {
            this.job = job;
            this.path = path;
            load();
        }

        private void load() {
            if (!Files.exists(path)) {
                return;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new SyncException("cannot read dead-letter file " + path + ": " + e, e);
            }
            int lineNo = 0;
            int from = 0;
            while (from < bytes.length) {
                int nl = indexOf(bytes, (byte) '\n', from);
                lineNo++;
                if (nl < 0) {
                    repairTornTail(bytes, from, lineNo);
                    return;
                }
                String line = new String(bytes, from, nl - from, StandardCharsets.UTF_8);
                from = nl + 1;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    remember(parse(line));
                } catch (IOException | RuntimeException e) {
                    throw new SyncException("dead-letter file " + path + " is corrupt at line " + lineNo + " ("
                            + e.getMessage() + "); fix or move the file", e);
                }
            }
        }

        /**
         * The file ends without a newline: a crash cut the last append. A complete entry is kept (its newline is
         * added); a torn one is cut off, as it never counted as stored. Either way later appends start on a
         * line of their own.
         */
        private void repairTornTail(byte[] bytes, int from, int lineNo) {
            String tail = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
            boolean complete;
            try {
                remember(parse(tail));
                complete = true;
            } catch (IOException | RuntimeException e) {
                complete = false;
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                if (complete) {
                    ch.position(bytes.length);
                    ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
                } else {
                    ch.truncate(from);
                    log.warn("dead-letter file {}: dropped the torn last line {} left by an interrupted append",
                            path, lineNo);
                }
                ch.force(true);
            } catch (IOException e) {
                throw new SyncException("cannot repair the torn last line of dead-letter file " + path + ": " + e, e);
            }
        }

        private static int indexOf(byte[] bytes, byte b, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == b) {
                    return i;
                }
            }
            return -1;
        }

        void remember(DeadLetter d) {
            DeadLetter previous = entries.put(d.id(), d);
            if (previous != null && previous.key() != null) {
                openByKey.remove(previous.key(), previous);
            }
            if (d.key() != null && !d.resolved()) {
                openByKey.put(d.key(), d);
            }
            try {
                nextId = Math.max(nextId, Long.parseLong(d.id()) + 1);
            } catch (NumberFormatException e) {
                // ids written by hand or by another tool: keep counting from ours
            }
        }

        void append(DeadLetter d) {
            try {
                write(ByteBuffer.wrap(line(d)));
            } catch (IOException e) {
                throw new SyncException("cannot append to dead-letter file " + path + ": " + e, e);
            }
            remember(d);
            dirty = true;
        }

        private void write(ByteBuffer buf) throws IOException {
            if (channel == null) {
                boolean created = !Files.exists(path);
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                if (created) {
                    Files2.fsyncDirectory(dir);
                }
            }
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }

        void sync() {
            if (dirty && channel != null) {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw new SyncException("cannot fsync dead-letter file " + path + ": " + e, e);
                }
                dirty = false;
            }
        }

        void rewrite(List<DeadLetter> kept) {
            closeChannel();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                for (DeadLetter d : kept) {
                    out.write(line(d));
                }
                Files2.writeAtomically(path, out.toByteArray());
            } catch (IOException e) {
                throw new SyncException("cannot rewrite dead-letter file " + path + ": " + e, e);
            }
            entries.clear();
            openByKey.clear();
            kept.forEach(this::remember);
            dirty = false;
        }

        void closeChannel() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing after a successful fsync cannot lose data
                }
                channel = null;
            }
        }

        private byte[] line(DeadLetter d) throws IOException {
            ObjectNode n = mapper.createObjectNode();
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
            byte[] json = mapper.writeValueAsBytes(n);
            byte[] withNewline = new byte[json.length + 1];
            System.arraycopy(json, 0, withNewline, 0, json.length);
            withNewline[json.length] = '\n';
            return withNewline;
        }

        private DeadLetter parse(String line) throws IOException {
            JsonNode n = mapper.readTree(line);
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

        private String required(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException(field + " is missing");
            }
            return v.asText();
        }

        private String nullable(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    @Override
    public String toString() {
        return "JsonLinesDeadLetterStore{" + dir + "}";
    }
}
