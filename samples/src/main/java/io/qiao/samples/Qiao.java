package io.qiao.samples;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.FileCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.ListSource;
import io.qiao.sync.Position;
import io.qiao.sync.ReplayReport;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncJobAdmin;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.SyncReport;
import io.qiao.sync.SyncException;
import io.qiao.sync.observe.SyncStatus;
import io.qiao.sync.jdbc.JdbcUrls;
import io.qiao.sync.WriteResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The {@code qiao} command line: runs the three quick-start pipelines once or on a schedule, and shows and repairs
 * what they left behind. Exit status: 0 all written, 2 finished with dead letters (or differences), 1 failed, 64 bad
 * usage, 143 stopped by a signal. Errors are one sentence; {@code --verbose} adds the stack trace and INFO logging.
 */
public final class Qiao {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int DEAD_LETTERS = 2;
    static final int USAGE = 64;
    /** 128 + SIGTERM: a run stopped by a signal after its current batch; the JVM exits so on a signal anyway. */
    static final int STOPPED = 143;

    static final String USAGE_TEXT = """
            usage: qiao <command> [options]

              demo                                   all three pipelines on the built-in simulators + embedded H2
              sync <pipeline> [--once | --every 5m]  run one pipeline (once by default); --every 1s to 366d
              status [<pipeline>]                    checkpoint, last run, totals, last error
              dlq list|replay|purge <pipeline>       dead letters with their reasons; replay them (--limit N);
                                                     purge resolved ones (--all: every one)
              reset <pipeline> --since T             move the checkpoint to T: the next run reads from there
              reconcile <pipeline> --from T --to T   source vs target, differences listed
              report                                 API usage per operation and health
              console [--port 8080] [--bind ADDR]    web console on 127.0.0.1 (pipelines, API usage, dead letters);
                                                     replay/purge/reset need QIAO_CONSOLE_TOKEN
              report --errors [--hours 24] [--json]  errors of the period grouped by pattern, top 10
              report --json                          the monitoring report as one JSON document
              archive export --from T --to T         the archive's records of the period into outbound-dir,
                                                     one <档号>.json each (--dept CODE); re-runs rewrite nothing

            pipelines: jackyun-warehouses-to-mysql, jushuitan-otherinout-to-kis, db-documents-to-archive,
              files-to-archive (document sets dropped into --inbound-dir; not in the demo)

            options:
              --config FILE        properties, or the archive integration's archive_config.ini
              --state-dir DIR      checkpoints, dead letters, status, locks (default ./qiao-state)
              --jdbc-url URL       MySQL target of pipeline 1 and source database of pipeline 3
              --jdbc-user U  --jdbc-password P      (default: an embedded H2 database in the state dir)
              --since T            initial watermark when there is no checkpoint (2024-05-01, 7d, P7D, ...),
                                   from 2000-01-01 (Beijing) to now + 1 day
              --settle-delay D     how far behind now reading stops: 0s to 1d (default 30s)
              --sink-writers N     pipeline 1 writes a batch on N connections at once, in slices (1 to 16,
                                   default 1)
              --inbound-dir DIR    files-to-archive: where <档号>.json sets are dropped ([paths] inbound_dir);
                                   pushed sets move to ../backup/<date>/, rejected ones to ../error/
              --quiet-period D     files-to-archive: also take sets without a .done marker once unchanged that
                                   long (1s to 1d; default: the marker is required)
              --outbound-dir DIR   archive export's target ([paths] outbound_dir)
              --log-dir DIR        report --json also writes monitor_report_<time>.json there ([paths] log_dir)
              durations: 30s, 5m, 2h, 1d or ISO-8601 (PT5M); out of range is bad usage (64)
              --simulate           use the built-in simulators (the default for a vendor without endpoint)
              --verbose            INFO logging and stack traces
              --alert KIND:URL     sync posts an alert when a run fails or dead-letters a record: KIND:URL
                                   is dingtalk:<webhook>, wecom:<webhook> or json:<url> (http(s));
                                   repeatable (QIAO_ALERT: space-separated); one alert of a kind per job
                                   per 10 min; QIAO_ALERT_DINGTALK_SECRET signs DingTalk (加签)
              --wait               dlq replay/purge and reset wait for a running sync of the pipeline to end
                                   (without it they refuse while one runs)
            vendor settings: QIAO_JACKYUN_ENDPOINT, QIAO_JACKYUN_APP_KEY, QIAO_JACKYUN_APP_SECRET,
              QIAO_JUSHUITAN_ENDPOINT, QIAO_JUSHUITAN_APP_KEY, QIAO_JUSHUITAN_APP_SECRET, QIAO_JUSHUITAN_ACCESS_TOKEN,
              QIAO_KIS_ENDPOINT, QIAO_KIS_CLIENT_ID, QIAO_KIS_CLIENT_SECRET, QIAO_KIS_APP_KEY, QIAO_KIS_APP_SECRET,
              QIAO_ARCHIVE_ENDPOINT, QIAO_ARCHIVE_APP_KEY, QIAO_ARCHIVE_APP_SECRET (or --jackyun-app-key etc.)
            exit status: 0 all written, 2 finished with dead letters, 1 failed, 64 bad usage,
              143 stopped by SIGTERM or Ctrl-C after the current batch (status STOPPED)
            """;

    private final Workspace ws;
    private final Args args;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    private Qiao(Workspace ws, Args args, PrintStream out, PrintStream err, boolean terminal) {
        this.ws = ws;
        this.args = args;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] argv) {
        Database.keepServersLocal();
        configureLogging(List.of(argv).contains("--verbose"), System.getenv("QIAO_LOG"));
        System.exit(run(argv, System.out, System.err, System.getenv(), System.console() != null, Clock.systemUTC()));
    }

    /** The whole CLI, without System.exit: what tests call. */
    static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal,
                   Clock clock) {
        boolean verbose = List.of(argv).contains("--verbose");
        try {
            Args args = Args.parse(argv);
            if (args.words().isEmpty() || args.flag("help") || args.words().get(0).equals("help")) {
                (args.words().isEmpty() && !args.flag("help") ? err : out).print(USAGE_TEXT);
                return args.words().isEmpty() && !args.flag("help") ? USAGE : OK;
            }
            Settings settings = Settings.load(args, env);
            settings.checkDurationsAndTimes(clock);
            Alerts.targets(settings); // a bad --alert is bad usage before any command takes a lock
            try (Workspace ws = new Workspace(settings, clock, !onlyReads(args.words()))) {
                return new Qiao(ws, args, out, err, terminal).dispatch(args.words().get(0));
            }
        } catch (UsageException e) {
            err.println("qiao: " + JdbcUrls.redactIn(e.getMessage()));
            err.println("(qiao help shows the commands and options)");
            return USAGE;
        } catch (Exception e) {
            err.println("qiao: " + Errors.sentence(e));
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            return FAILED;
        }
    }

    /**
     * slf4j-simple, configured before the first logger exists: quiet (WARN) unless --verbose (INFO) or QIAO_LOG
     * says otherwise (debug, trace), on stderr so that stdout stays the program's output.
     */
    static void configureLogging(boolean verbose, String level) {
        String l = level != null && !level.isBlank() ? level : verbose ? "info" : "warn";
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", l);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.jboss.logging.provider", "slf4j"); // Hibernate Validator's banner, through slf4j
        if (!verbose && (level == null || level.isBlank())) {
            // WireMock's Jetty reports client disconnects at WARN; they are the simulators' business.
            System.setProperty("org.slf4j.simpleLogger.log.wiremock", "error");
            System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "error");
        }
    }

    /** The commands that only read a pipeline's state, and so must not create anything, not even the state directory. */
    static boolean onlyReads(List<String> words) {
        return switch (words.get(0)) {
            case "status", "report", "reconcile" -> true;
            case "dlq" -> words.size() > 1 && words.get(1).equals("list");
            default -> false;
        };
    }

    private int dispatch(String command) throws Exception {
        return switch (command) {
            case "demo" -> new Demo(ws, out, terminal).run();
            case "sync" -> sync(args.word(1, "pipeline (qiao sync <pipeline>)"));
            case "status" -> status(args.words().size() > 1 ? List.of(args.words().get(1)) : Workspace.ALL_PIPELINES);
            case "dlq" -> dlq(args.word(1, "dlq action: list, replay or purge"), args.word(2, "pipeline (qiao dlq list <pipeline>)"));
            case "reconcile" -> {
                ws.readingOnly();
                yield reconcile(args.word(1, "pipeline (qiao reconcile <pipeline> --from T --to T)"));
            }
            case "report" -> {
                ws.readingOnly();
                yield report();
            }
            case "console" -> new ConsoleCommand(ws).run(args, ws.settings.get("console-token").orElse(null), out); // QIAO_CONSOLE_TOKEN
            case "archive" -> archive(args.word(1, "archive action (qiao archive export --from T --to T)"));
            case "reset" -> reset(args.word(1, "pipeline (qiao reset <pipeline> --since T)"));
            default -> throw new UsageException("unknown command '" + command + "'");
        };
    }

    /**
     * {@code qiao report}: the text report; {@code --errors} the error patterns of the last {@code --hours} (24);
     * {@code --json} either as JSON, the plain one with the old monitor's fields.
     */
    private int report() throws IOException {
        boolean errors = args.flag("errors");
        if (args.option("hours").isPresent() && !errors && !args.flag("json")) {
            throw new UsageException("--hours goes with --errors or --json: qiao report --errors --hours 24");
        }
        Duration period = Duration.ofHours(args.option("hours").map(Qiao::hours).orElse(24));
        if (errors) {
            return new MonitorReport(ws, out).errors(period, args.flag("json"));
        }
        return args.flag("json") ? new MonitorReport(ws, out).json(period) : new Report(ws, out).run();
    }

    private static int hours(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= 8784) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new UsageException("--hours '" + text + "' is not a whole number of hours from 1 to 8784 (366 days)");
    }

    /** {@code qiao archive export --from T --to T}: the archive's records of the period into outbound_dir. */
    private int archive(String action) throws IOException {
        if (!action.equals("export")) {
            throw new UsageException("unknown archive action '" + action + "'; use export");
        }
        Instant from = instant("from");
        Instant to = instant("to");
        if (to.isBefore(from)) {
            throw new UsageException("--from " + args.option("from").orElseThrow() + " is after --to "
                    + args.option("to").orElseThrow());
        }
        return new ArchiveExport(ws, out).run(from, to, args.option("dept").orElse(null));
    }

    private int reconcile(String pipeline) throws Exception {
        if (pipeline.equals(FilesToArchive.NAME)) {
            throw new UsageException("reconcile compares a source system with its target; " + FilesToArchive.NAME
                    + " reads a folder whose sets end in backup/ or error/: look there, and in qiao dlq list "
                    + FilesToArchive.NAME);
        }
        Instant from = instant("from");
        Instant to = instant("to");
        if (!from.isBefore(to)) {
            throw new UsageException("--from " + args.option("from").orElseThrow() + " is not before --to "
                    + args.option("to").orElseThrow() + "; the window to compare would be empty");
        }
        return new Reconcile(ws, out).run(pipeline, from, to);
    }

    private Instant instant(String option) {
        return args.option(option).map(t -> Args.instant(option, t, ws.clock))
                .orElseThrow(() -> new UsageException("--" + option + " is required"));
    }

    // ------------------------------------------------------------------------------------------------ sync

    private int sync(String pipeline) throws IOException, InterruptedException {
        Workspace.checkPipeline(pipeline);
        if (args.flag("once") && args.option("every").isPresent()) {
            throw new UsageException("--once and --every exclude each other");
        }
        Optional<Duration> every = args.option("every").map(d -> Args.duration("every", d));
        String holder = "pid " + ProcessHandle.current().pid() + " on " + Workspace.host() + ", "
                + every.map(d -> "every " + args.option("every").orElseThrow()).orElse("once") + ", since " + ws.clock.instant();
        // outermost, so that a signal's exit waits for all below: the report, the status, the lock's release
        try (StopOnSignal signal = StopOnSignal.install()) {
            Optional<RunLock> lock = RunLock.tryAcquire(ws.lockFile(pipeline), holder);
            if (lock.isEmpty()) {
                err.println("qiao: " + pipeline + " is already running (" + RunLock.holder(ws.lockFile(pipeline)).orElse("?")
                        + "); not starting a second run");
                return FAILED;
            }
            try (RunLock held = lock.get()) {
                List<SyncListener> listeners = new ArrayList<>(Alerts.listeners(ws.settings));
                listeners.add(0, new Progress(out, terminal));
                SyncJob<?, ?> job = ws.job(pipeline, listeners.toArray(SyncListener[]::new));
                signal.stops(job);
                ws.notes.forEach(n -> out.println("note: " + n));
                if (signal.signalled()) {
                    out.println(pipeline + ": stopped by a signal before the run began");
                    return STOPPED;
                }
                int code = every.isPresent() ? schedule(job, every.get(), signal, held) : exitCode(runAndPrint(job));
                return signal.signalled() ? STOPPED : code;
            }
        }
    }

    private SyncReport runAndPrint(SyncJob<?, ?> job) {
        SyncReport report = job.runOnce();
        out.println(withoutError(report)); // the error follows as one sentence: its summary holds whole SQL statements
        if (report.deadLettered() > 0) {
            out.println(report.deadLettered() + " record(s) went to the dead letters; see them with: qiao dlq list "
                    + report.job() + stateDirOption());
        }
        if (report.status() == SyncReport.Status.STOPPED) {
            out.println("stopped on request after the batch in progress; the next run goes on from "
                    + (report.checkpointAfter() == null ? "the beginning" : "the checkpoint "
                    + report.checkpointAfter().watermark()));
        }
        if (report.failed()) {
            out.println("failed: " + (report.failedWindow() == null ? "" : "window " + report.failedWindow() + ": ")
                    + Errors.sentence(report.error()) + (report.checkpointAfter() == null
                    ? withoutCheckpoint(report.job())
                    : " The checkpoint stays at " + report.checkpointAfter().watermark()
                    + "; the next run reads that window again."));
            if (args.flag("verbose") && report.error() != null) {
                report.error().printStackTrace(err);
            }
        }
        return report;
    }

    private static SyncReport withoutError(SyncReport r) {
        return new SyncReport(r.job(), r.status(), r.startedAt(), r.duration(), r.windows(), r.pages(), r.read(),
                r.written(), r.deadLettered(), r.skipped(), r.retried(), r.checkpointBefore(), r.checkpointAfter(),
                r.failedWindow(), null, r.stopped(), r.leaseHeldBy(), r.created(), r.updated(), r.alreadyPresent());
    }

    /** What the next run does after one that ended without a checkpoint: start over, or fail on an unreadable one. */
    private String withoutCheckpoint(String pipeline) {
        try {
            return ws.checkpoints(pipeline).load(pipeline).map(c -> " The checkpoint stays at " + c.position().watermark()
                    + "; the next run reads from there.").orElse(" There is no checkpoint yet; the next run starts "
                    + "from the beginning again.");
        } catch (RuntimeException unreadable) {
            return " Every run fails until the checkpoint can be read again: restore it, or set a new one with qiao reset "
                    + pipeline + " --since T" + stateDirOption() + ".";
        }
    }

    /**
     * Runs now and then every {@code interval} until stopped (Ctrl-C, SIGTERM): a stop lets the current batch
     * finish (and commit, when it completes its window) and ends the schedule; the lock is released on the way out.
     */
    private int schedule(SyncJob<?, ?> job, Duration interval, StopOnSignal signal, RunLock lock)
            throws InterruptedException, IOException {
        SyncReport last;
        out.println(job.name() + ": running every " + args.option("every").orElseThrow()
                + " (Ctrl-C stops after the current batch)");
        do {
            if (!lock.holdAgain()) { // the state directory was deleted, and another run took the new lock
                err.println("qiao: " + job.name() + ": the lock file " + ws.lockFile(job.name()) + " was replaced and "
                        + "is held by " + RunLock.holder(ws.lockFile(job.name())).orElse("?") + "; stopping this schedule");
                return FAILED;
            }
            ws.checkEmbeddedDatabaseStillThere();
            Instant started = ws.clock.instant();
            last = runAndPrint(job);
            Duration wait = interval.minus(Duration.between(started, ws.clock.instant()));
            if (wait.isNegative()) {
                wait = Duration.ZERO;
            }
            if (signal.signalled() || signal.awaitSignal(wait.toMillis())) {
                break;
            }
        } while (true);
        out.println(job.name() + ": stopped");
        return exitCode(last);
    }

    static int exitCode(SyncReport report) {
        return switch (report.status()) {
            case SUCCEEDED -> OK;
            case PARTIAL -> DEAD_LETTERS;
            case FAILED -> FAILED;
            case STOPPED -> STOPPED;
            case SKIPPED_LEASE_HELD -> OK; // another replica runs the pipeline: nothing went wrong here
        };
    }

    // ------------------------------------------------------------------------------------------------ status

    /**
     * Every pipeline's section, each part read on its own: a damaged checkpoint or status file shows as one sentence
     * in its line and the rest is still shown (exit 1 then). Reads only: creates and changes no file.
     */
    private int status(List<String> pipelines) throws IOException {
        for (String p : pipelines) {
            Workspace.checkPipeline(p);
        }
        ws.readingOnly();
        Instant now = ws.clock.instant();
        boolean unreadable = false;
        for (String p : pipelines) {
            String[] lines = new String[5];
            try {
                Optional<Checkpoint> c = ws.checkpointsStored(p) ? ws.checkpoints(p).load(p) : Optional.empty();
                lines[0] = c.map(cp -> cp.position().watermark() + " (version " + cp.version() + ", committed "
                        + cp.updatedAt() + ")").orElse("none yet: the first run starts from the beginning");
            } catch (UsageException e) {
                throw e; // bad options are bad usage (64), not a damaged pipeline
            } catch (RuntimeException e) {
                lines[0] = "unreadable: " + Errors.sentence(e);
                unreadable = true;
            }
            try {
                SyncStatus s = ws.statusStore().load(p).orElse(SyncStatus.initial(p));
                lines[1] = s.lastRunAt() == null ? "never" : s.lastRunAt() + " " + s.lastStatus()
                        + (s.lastStatus() == SyncReport.Status.STOPPED ? " (stopped on request after a complete batch)" : "")
                        + (s.lastSuccessAt() == null ? "; never succeeded" : "; last success " + ago(s.lastSuccessAt(), now));
                lines[2] = s.runs() + " runs: " + s.totalRead() + " read, " + s.totalWritten() + " written, "
                        + s.totalDeadLettered() + " dead-lettered; " + s.errorCount() + " failed runs"
                        + (s.consecutiveFailures() > 0 ? " (" + s.consecutiveFailures() + " in a row)" : "");
                lines[4] = s.lastError() == null ? "none" : Errors.condense(s.lastError());
            } catch (UsageException e) {
                throw e; // bad options are bad usage (64), not a damaged pipeline
            } catch (RuntimeException e) {
                lines[1] = "unreadable: " + Errors.sentence(e) + " (the next run writes it anew)";
                lines[2] = "unknown";
                lines[4] = "unknown";
                unreadable = true;
            }
            try {
                int open = ws.deadLettersStored(p) ? ws.deadLetters(p).list(p, false, Integer.MAX_VALUE).size() : 0;
                lines[3] = open + " open" + (open > 0 ? " (qiao dlq list " + p + ")" : "");
            } catch (UsageException e) {
                throw e; // bad options are bad usage (64), not a damaged pipeline
            } catch (RuntimeException e) {
                lines[3] = "unreadable: " + Errors.sentence(e);
                unreadable = true;
            }
            out.println(p);
            out.println("  checkpoint    " + lines[0]);
            out.println("  last run      " + lines[1]);
            out.println("  totals        " + lines[2]);
            out.println("  dead letters  " + lines[3]);
            out.println("  last error    " + lines[4]);
            out.println("  running       " + RunLock.holder(ws.lockFile(p)).map(h -> "yes: " + h).orElse("no"));
        }
        return unreadable ? FAILED : OK;
    }

    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            return then.toString();
        }
        String amount = d.toDays() > 1 ? d.toDays() + " days" : d.toHours() > 1 ? d.toHours() + " hours"
                : d.toMinutes() > 1 ? d.toMinutes() + " minutes" : d.toSeconds() + " seconds";
        return amount + " ago (" + then + ")";
    }

    // ------------------------------------------------------------------------------------------------ dlq

    private int dlq(String action, String pipeline) throws Exception {
        Workspace.checkPipeline(pipeline);
        int limit = args.option("limit").map(Qiao::positive).orElse(100);
        if (action.equals("list")) {
            ws.readingOnly();
        }
        DeadLetterStore store = ws.deadLetters(pipeline);
        switch (action) {
            case "list" -> {
                List<DeadLetter> entries = ws.deadLettersStored(pipeline) ? store.list(pipeline, args.flag("all"), limit)
                        : List.of();
                if (entries.isEmpty()) {
                    out.println(pipeline + ": no " + (args.flag("all") ? "" : "open ") + "dead letters");
                    return OK;
                }
                out.println(pipeline + ": " + entries.size() + (args.flag("all") ? "" : " open") + " dead letter(s), "
                        + "oldest first (stored in " + ws.deadLetterLocation(pipeline) + ")");
                for (DeadLetter d : entries) {
                    out.println("  #" + d.id() + "  key " + d.key() + "  " + d.stage() + "  seen " + d.attempts()
                            + "x, last " + d.lastSeen() + (d.resolved() ? "  RESOLVED" : ""));
                    d.reasons().forEach(r -> out.println("      " + r));
                }
                if (entries.stream().anyMatch(d -> !d.resolved())) {
                    out.println("replay them with: qiao dlq replay " + pipeline + stateDirOption());
                }
                return OK;
            }
            case "replay" -> {
                return underRunLock(pipeline, "dlq replay", () -> {
                    SyncJob<?, ?> job = ws.job(pipeline);
                    ws.notes.forEach(n -> out.println("note: " + n));
                    ReplayReport r = job.admin().replayOpen(limit);
                    out.println(pipeline + ": replayed " + r.attempted() + ", resolved " + r.resolved().size()
                            + ", failed again " + r.failedAgain().size());
                    r.failedAgain().forEach((id, reasons) -> out.println("  #" + id + ": " + String.join("; ", reasons)));
                    return r.failedAgain().isEmpty() ? OK : DEAD_LETTERS;
                });
            }
            case "purge" -> {
                return underRunLock(pipeline, "dlq purge", () -> {
                    int n = store.purge(pipeline, !args.flag("all"));
                    out.println(pipeline + ": deleted " + n + (args.flag("all") ? "" : " resolved") + " dead letter(s)");
                    return OK;
                });
            }
            default -> throw new UsageException("unknown dlq action '" + action + "'; use list, replay or purge");
        }
    }

    // ------------------------------------------------------------------------------------------------ reset

    /**
     * {@code qiao reset <pipeline> --since T}: moves the checkpoint to T with {@link SyncJobAdmin#resetCheckpoint}, under
     * the run lock. An unreadable checkpoint file is kept as {@code .corrupt} and replaced.
     */
    private int reset(String pipeline) throws Exception {
        Workspace.checkPipeline(pipeline);
        Instant since = args.option("since").map(t -> Args.instant("since", t, ws.clock))
                .orElseThrow(() -> new UsageException("--since is required: qiao reset <pipeline> --since T"));
        return underRunLock(pipeline, "reset", () -> {
            CheckpointStore store = ws.checkpoints(pipeline);
            String before;
            try {
                before = store.load(pipeline).map(c -> c.position().watermark().toString()).orElse("none");
            } catch (SyncException unreadable) {
                if (!(store instanceof FileCheckpointStore files)) {
                    throw unreadable;
                }
                Path copy = files.setAsideIfCorrupt(pipeline).orElseThrow(() -> unreadable);
                out.println("note: the checkpoint could not be read (" + Errors.sentence(unreadable) + "); it is kept as "
                        + copy);
                before = "unreadable";
            }
            // Only the job's checkpoint store matters here: an empty source and sink keep the reset from starting the
            // pipeline's vendor clients or touching its tables.
            SyncJob<Object, Object> admin = SyncJob.builder(pipeline).source(ListSource.of(List.of()))
                    .sink(batch -> WriteResult.allWritten(batch.size())).checkpoints(store)
                    .deadLetters(new InMemoryDeadLetterStore()).clock(ws.clock).build();
            Checkpoint c = admin.admin().resetCheckpoint(Position.at(since));
            out.println(pipeline + ": checkpoint moved from " + before + " to " + c.position().watermark() + " (version "
                    + c.version() + "); the next run reads from there");
            return OK;
        });
    }

    /**
     * Runs a command that writes a pipeline's state holding the pipeline's run lock, as a sync does, so that it never
     * races a run (a purge replacing the dead-letter file a run appends to): refused while a run holds the lock (exit
     * 1, naming the holder), or with --wait, done when that run ends.
     */
    private int underRunLock(String pipeline, String command, Callable<Integer> body) throws Exception {
        String holder = "pid " + ProcessHandle.current().pid() + " on " + Workspace.host() + ", qiao " + command
                + ", since " + ws.clock.instant();
        Optional<RunLock> lock = RunLock.acquire(ws.lockFile(pipeline), holder, args.flag("wait"),
                h -> err.println("qiao: waiting for the run of " + pipeline + " to end (" + h + ")"));
        if (lock.isEmpty()) {
            err.println("qiao: " + pipeline + " is running (" + RunLock.holder(ws.lockFile(pipeline)).orElse("?") + "); "
                    + command + " changes its state, so it refuses to run beside it: try again later, or add --wait");
            return FAILED;
        }
        try (RunLock held = lock.get()) {
            return body.call();
        }
    }

    private static int positive(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new UsageException("--limit '" + text + "' is not a positive number");
    }

    private String stateDirOption() {
        return args.option("state-dir").map(d -> " --state-dir " + d).orElse("");
    }
}
