package io.qiao.samples;

import io.qiao.console.ApiCallHistory;
import io.qiao.console.RunHistory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.ApiUsage;
import io.qiao.client.Json;
import io.qiao.client.Redactor;
import io.qiao.sync.observe.SyncStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code qiao report --json} and {@code qiao report --errors}: the monitoring report of the guide's
 * {@code monitor_sync.py} (process running, last sync time, totals, last error, error count, disk usage) and the
 * error analysis of its {@code analyze_logs.py}, for a cron job or a monitoring agent to scrape.
 *
 * <p>Not the old scripts' bugs: "process running" is a held run lock (a live scheduled run), not a PID file whose
 * number the system may have given to another process; disk usage is the state directory's own size and the free
 * space where it lives, in bytes, not the whole disk in units computed with a typo; a failed read of one pipeline
 * shows in its entry instead of failing the report. Every message is redacted like the CLI's others.
 */
final class MonitorReport {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm");

    private final Workspace ws;
    private final PrintStream out;
    private final ObjectMapper mapper = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Redactor redactor;

    MonitorReport(Workspace ws, PrintStream out) {
        this.ws = ws;
        this.out = out;
        this.redactor = ws.settings.redactor();
    }

    /** {@code qiao report --errors [--hours N] [--json]}. */
    int errors(Duration period, boolean json) throws IOException {
        ErrorReport.Result r = errorResult(period);
        if (json) {
            out.println(mapper.writeValueAsString(ErrorReport.json(r, mapper)));
        } else {
            ErrorReport.print(r, out);
        }
        return Qiao.OK;
    }

    /**
     * {@code qiao report --json}: one document with the old monitor's fields, each pipeline's health, API usage and
     * the error analysis of the period. Also written to {@code log_dir} as {@code monitor_report_yyyyMMdd_HHmm.json}
     * when a log directory is configured, as the old monitor did.
     */
    int json(Duration period) throws IOException {
        ObjectNode root = document(period);
        String text = mapper.writeValueAsString(root);
        out.println(text);
        Optional<String> logDir = ws.settings.get("log-dir");
        if (logDir.isPresent()) {
            Path dir = Path.of(logDir.get());
            Files.createDirectories(dir);
            String name = "monitor_report_" + FILE_TIME.format(ws.clock.instant().atZone(ZoneId.systemDefault())) + ".json";
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, text + "\n");
            Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return Qiao.OK;
    }

    ObjectNode document(Duration period) throws IOException {
        Instant now = ws.clock.instant();
        ObjectNode root = mapper.createObjectNode();
        root.put("timestamp", now.toString());
        root.put("stateDir", ws.stateDir.toString());
        ArrayNode pipelines = mapper.createArrayNode();
        boolean anyRunning = false;
        Instant lastSync = null;
        Instant lastErrorAt = null;
        String lastError = null;
        long totalSynced = 0;
        long errorCount = 0;
        for (String p : Workspace.ALL_PIPELINES) {
            ObjectNode n = pipelines.addObject();
            n.put("name", p);
            Optional<String> holder = RunLock.holder(ws.lockFile(p));
            anyRunning |= holder.isPresent();
            n.put("processRunning", holder.isPresent());
            n.put("runningHolder", holder.orElse(null));
            try {
                SyncStatus s = ws.statusStore().load(p).orElse(SyncStatus.initial(p));
                n.put("lastSyncTime", text(s.lastRunAt()));
                n.put("lastStatus", s.lastStatus() == null ? null : s.lastStatus().name());
                n.put("lastSuccessTime", text(s.lastSuccessAt()));
                ObjectNode totals = n.putObject("totals");
                totals.put("runs", s.runs());
                totals.put("read", s.totalRead());
                totals.put("written", s.totalWritten());
                totals.put("deadLettered", s.totalDeadLettered());
                n.put("lastError", s.lastError() == null ? null : redactor.text(Errors.condense(s.lastError())));
                n.put("errorCount", s.errorCount());
                n.put("consecutiveFailures", s.consecutiveFailures());
                n.put("watermark", text(s.watermark()));
                totalSynced += s.totalWritten();
                errorCount += s.errorCount();
                if (s.lastRunAt() != null && (lastSync == null || s.lastRunAt().isAfter(lastSync))) {
                    lastSync = s.lastRunAt();
                }
                if (s.lastError() != null && s.lastRunAt() != null
                        && (lastErrorAt == null || s.lastRunAt().isAfter(lastErrorAt))) {
                    lastErrorAt = s.lastRunAt();
                    lastError = p + ": " + redactor.text(Errors.condense(s.lastError()));
                }
            } catch (RuntimeException e) { // one damaged status file does not hide the rest
                n.put("statusError", redactor.text(Errors.sentence(e)));
            }
            try {
                n.put("openDeadLetters", ws.deadLettersStored(p) ? ws.deadLetters(p).list(p, false, Integer.MAX_VALUE).size() : 0);
            } catch (RuntimeException e) {
                n.put("deadLettersError", redactor.text(Errors.sentence(e)));
            }
        }
        root.put("processRunning", anyRunning);
        root.put("lastSyncTime", text(lastSync));
        root.put("totalSynced", totalSynced);
        root.put("lastError", lastError);
        root.put("errorCount", errorCount);
        root.set("diskUsage", disk());
        root.set("pipelines", pipelines);
        root.set("apiUsage", apiUsage(now));
        root.set("errors", ErrorReport.json(errorResult(period), mapper));
        return root;
    }

    private ErrorReport.Result errorResult(Duration period) {
        Instant to = ws.clock.instant();
        Instant from = to.minus(period);
        List<ErrorReport.Occurrence> all = new ArrayList<>(
                ErrorReport.apiFailures(ws.stateDir.resolve("api-calls.jsonl"), from));
        all.addAll(ErrorReport.failedRuns(RunHistory.in(ConsoleCommand.runsFile(ws.stateDir)).read(from)));
        for (String p : Workspace.ALL_PIPELINES) {
            try {
                if (ws.deadLettersStored(p)) {
                    all.addAll(ErrorReport.deadLetterReasons(p, ws.deadLetters(p).list(p, true, Integer.MAX_VALUE), from));
                }
            } catch (RuntimeException e) { // an unreachable store is itself an error of the period
                all.add(new ErrorReport.Occurrence(to, "dead-letters " + p, "cannot read the dead letters: "
                        + Errors.sentence(e), true));
            }
        }
        return ErrorReport.analyse(all, from, to, redactor);
    }

    private ObjectNode apiUsage(Instant now) {
        Instant since = ws.since().orElse(now.minus(Duration.ofDays(7)));
        ApiCallHistory calls = ApiCallHistory.read(ws.stateDir.resolve("api-calls.jsonl"), since);
        ObjectNode n = mapper.createObjectNode();
        n.put("since", since.toString());
        n.put("calls", calls.calls().size());
        ArrayNode ops = n.putArray("operations");
        for (ApiUsage.OperationStats s : calls.usage().snapshot()) {
            ObjectNode o = ops.addObject();
            o.put("operation", s.operation());
            o.put("calls", s.calls());
            o.put("errors", s.errors());
            o.put("throttled", s.throttled());
            o.put("retries", s.retries());
            o.put("p50Ms", s.p50().toMillis());
            o.put("p95Ms", s.p95().toMillis());
            o.put("p99Ms", s.p99().toMillis());
            o.put("maxMs", s.max().toMillis());
        }
        return n;
    }

    private ObjectNode disk() throws IOException {
        ObjectNode n = mapper.createObjectNode();
        boolean exists = Files.isDirectory(ws.stateDir);
        n.put("stateDirExists", exists); // a read creates nothing: missing means nothing has run with it yet
        Path measured = ws.stateDir;
        while (!Files.exists(measured) && measured.getParent() != null) {
            measured = measured.getParent(); // the disk it would be created on
        }
        FileStore store = Files.getFileStore(measured);
        long total = store.getTotalSpace();
        long free = store.getUsableSpace();
        n.put("stateDirBytes", exists ? sizeOf(ws.stateDir) : 0);
        n.put("freeBytes", free);
        n.put("totalBytes", total);
        n.put("usedPercent", total == 0 ? 0 : Math.round(1000.0 * (total - free) / total) / 10.0);
        n.put("low", free < Report.LOW_DISK_BYTES);
        return n;
    }

    /** The bytes of every file under {@code dir}; files that vanish while counted (a run rotating a log) are skipped. */
    static long sizeOf(Path dir) throws IOException {
        long[] sum = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                sum[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return sum[0];
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
