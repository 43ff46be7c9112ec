package io.qiao.samples;

import io.qiao.console.ApiCallHistory;
import io.qiao.console.ConsolePipeline;
import io.qiao.console.ConsoleServer;
import io.qiao.console.QiaoConsole;
import io.qiao.console.ReconcileResult;
import io.qiao.console.RunHistory;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.ListSource;
import io.qiao.sync.Position;
import io.qiao.sync.ReplayReport;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncStatus;
import io.qiao.sync.WriteResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code qiao console [--port 8080] [--bind 127.0.0.1]}: the web console over the state directory (and the JDBC
 * stores with --jdbc-url), served by the JDK's HTTP server until Ctrl-C or SIGTERM. Reading changes nothing; a
 * replay, purge or reset (with {@code QIAO_CONSOLE_TOKEN}) takes the pipeline's run lock as the CLI's own commands do,
 * and is refused while a run holds it.
 */
final class ConsoleCommand {
    static final int DEFAULT_PORT = 8080;

    private final Workspace ws;

    ConsoleCommand(Workspace ws) {
        this.ws = ws;
    }

    /** Where every pipeline's runs are recorded for the console's charts (a listener of each job). */
    static Path runsFile(Path stateDir) {
        return stateDir.resolve("runs.jsonl");
    }

    /** The console over this workspace's pipelines; writes need {@code token} (null: read-only). */
    QiaoConsole console(String token) {
        QiaoConsole.Builder b = QiaoConsole.builder().clock(ws.clock).token(token)
                .runs(RunHistory.in(runsFile(ws.stateDir)))
                .apiCalls(since -> ApiCallHistory.read(ws.stateDir.resolve("api-calls.jsonl"), since));
        Workspace.PIPELINES.forEach(p -> b.pipeline(new WorkspacePipeline(p)));
        // the limits the workspace's clients keep to, drawn against their pace; no client is built for it
        Workspace.VENDORS.forEach(v -> b.rateLimit(v, ws.rateLimits(v)));
        return b.build();
    }

    /** Serves until a signal; prints where. */
    int run(Args args, String token, PrintStream out) throws IOException, InterruptedException {
        int port = args.option("port").map(ConsoleCommand::port).orElse(DEFAULT_PORT);
        String bind = args.option("bind").orElse("127.0.0.1");
        QiaoConsole console;
        try {
            console = console(token);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (StopOnSignal signal = StopOnSignal.install();
             ConsoleServer server = ConsoleServer.start(console, new InetSocketAddress(bind, port))) {
            out.println("Qiao console on " + server.uri() + " (state in " + ws.stateDir + "); "
                    + (console.writesEnabled() ? "replay, purge and reset need the token in QIAO_CONSOLE_TOKEN"
                    : "read-only: set QIAO_CONSOLE_TOKEN to allow replay, purge and reset") + "; Ctrl-C stops it");
            while (!signal.awaitSignal(60_000)) {
                // serving on the server's threads
            }
            out.println("console: stopped");
            return Qiao.OK;
        } catch (java.net.BindException e) {
            throw new UsageException("--port " + port + " on " + bind + " cannot be used: " + e.getMessage());
        }
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new UsageException("--port '" + text + "' is not a port number from 0 to 65535");
    }

    /** One of the CLI's pipelines, read from the workspace; writes under the pipeline's run lock. */
    private final class WorkspacePipeline implements ConsolePipeline {
        private final String name;

        WorkspacePipeline(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SyncStatus status() {
            return ws.statusStore().load(name).orElse(SyncStatus.initial(name));
        }

        @Override
        public Optional<Checkpoint> checkpoint() {
            return ws.checkpointsStored(name) ? ws.checkpoints(name).load(name) : Optional.empty();
        }

        @Override
        public DeadLetterStore deadLetters() {
            // before pipeline 1's embedded database exists, opening it would create it: nothing to show yet
            return ws.deadLettersStored(name) ? ws.deadLetters(name) : new InMemoryDeadLetterStore();
        }

        @Override
        public Optional<String> runningBy() {
            try {
                return RunLock.holder(ws.lockFile(name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the run lock of " + name, e);
            }
        }

        @Override
        public ReplayReport replay(List<String> ids, int limit) {
            return underRunLock("replay", () -> {
                SyncJob<?, ?> job = ws.job(name);
                return ids.isEmpty() ? job.admin().replayOpen(limit) : job.admin().replay(ids);
            });
        }

        @Override
        public int purge(boolean resolvedOnly) {
            return underRunLock("purge", () -> ws.deadLetters(name).purge(name, resolvedOnly));
        }

        @Override
        public Checkpoint reset(Instant watermark) {
            return underRunLock("reset", () -> {
                // only the checkpoint store matters: an empty source and sink start no vendor client (as qiao reset)
                SyncJob<Object, Object> admin = SyncJob.builder(name).source(ListSource.of(List.of()))
                        .sink(batch -> WriteResult.allWritten(batch.size())).checkpoints(ws.checkpoints(name))
                        .deadLetters(new InMemoryDeadLetterStore()).clock(ws.clock).build();
                return admin.admin().resetCheckpoint(Position.at(watermark));
            });
        }

        @Override
        public ReconcileResult reconcile(Instant from, Instant to) {
            try {
                Reconcile.Result r = new Reconcile(ws, new PrintStream(OutputStream.nullOutputStream(), true,
                        StandardCharsets.UTF_8)).compare(name, from, to);
                return new ReconcileResult(r.compared(), r.differences());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reconcile " + name + ": " + Errors.sentence(e), e);
            }
        }

        private <T> T underRunLock(String action, Supplier<T> body) {
            String holder = "pid " + ProcessHandle.current().pid() + " on " + Workspace.host() + ", qiao console "
                    + action + ", since " + ws.clock.instant();
            Optional<RunLock> lock;
            try {
                lock = RunLock.tryAcquire(ws.lockFile(name), holder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot take the run lock of " + name, e);
            }
            if (lock.isEmpty()) {
                throw new IllegalStateException(name + " is running (" + runningBy().orElse("?") + "); " + action
                        + " changes its state, so try again when the run has ended");
            }
            try (RunLock held = lock.get()) {
                return body.get();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the run lock of " + name, e);
            }
        }
    }
}
