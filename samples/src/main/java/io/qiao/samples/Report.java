package io.qiao.samples;

import io.qiao.console.ApiCallHistory;
import io.qiao.sync.observe.SyncStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code qiao report}: API usage per operation (calls, errors, p50/p95/p99 of single attempts, from the call log of
 * every run kept in the state directory) and the health of each pipeline: is a scheduled run alive (its lock file
 * is held), how old is the last success, how many dead letters are open, and how much disk the state directory has
 * left.
 */
final class Report {
    /** Less free space than this in the state directory is a warning: checkpoints and dead letters need to be written. */
    static final long LOW_DISK_BYTES = 512L * 1024 * 1024;

    private final Workspace ws;
    private final PrintStream out;

    Report(Workspace ws, PrintStream out) {
        this.ws = ws;
        this.out = out;
    }

    int run() throws IOException {
        Instant now = ws.clock.instant();
        Instant since = ws.since().orElse(now.minus(Duration.ofDays(7)));
        ApiCallHistory calls = ApiCallHistory.read(ws.stateDir.resolve("api-calls.jsonl"), since);
        Instant first = calls.calls().stream().map(ApiCallHistory.Call::at).min(Instant::compareTo).orElse(since);
        out.println("API usage since " + first + " (" + calls.calls().size()
                + " call attempts; --since T for another period)");
        if (calls.calls().isEmpty()) {
            out.println("  no calls recorded yet: run qiao sync or qiao demo first");
        } else {
            calls.usage().table().lines().forEach(l -> out.println("  " + l));
        }
        out.println();
        out.println("Health");
        for (String p : Workspace.ALL_PIPELINES) {
            SyncStatus s = SyncStatus.initial(p);
            String unreadable = null;
            try {
                s = ws.statusStore().load(p).orElse(s);
            } catch (RuntimeException e) { // a damaged status file of one pipeline does not hide the others
                unreadable = "unknown: " + Errors.sentence(e);
            }
            Optional<String> holder = RunLock.holder(ws.lockFile(p));
            String open;
            try {
                open = ws.deadLettersStored(p) ? Integer.toString(ws.deadLetters(p).list(p, false, Integer.MAX_VALUE).size()) : "0";
            } catch (RuntimeException e) { // one unreachable store does not hide the rest of the report
                open = "unknown (" + Errors.sentence(e) + ")";
            }
            out.println("  " + p);
            out.println("    scheduled run  " + holder.map(h -> "alive (" + h + ")").orElse("not running"));
            out.println("    last success   " + (unreadable != null ? unreadable
                    : (s.lastSuccessAt() == null ? "never" : Qiao.ago(s.lastSuccessAt(), now))
                    + (s.consecutiveFailures() > 0 ? "; " + s.consecutiveFailures() + " failed run(s) since: "
                    + Errors.condense(s.lastError()) : "")));
            out.println("    dead letters   " + open + " open");
        }
        if (!Files.isDirectory(ws.stateDir)) {
            out.println("  state directory " + ws.stateDir + ": does not exist (nothing has run with it yet)");
            return Qiao.OK;
        }
        FileStore store = Files.getFileStore(ws.stateDir);
        long free = store.getUsableSpace();
        out.println("  state directory " + ws.stateDir + ": " + human(free) + " free of " + human(store.getTotalSpace())
                + (free < LOW_DISK_BYTES ? "  LOW: checkpoints and dead letters need room to be written" : ""));
        return Qiao.OK;
    }

    static String human(long bytes) {
        double v = bytes;
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
