package io.qiao.proof;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Runs of the samples CLI as the chaos tests start, end and judge them. */
final class ChaosRuns {
    /** The exit a test records for a run it killed with SIGKILL. */
    static final int KILLED = -9;
    private static final Pattern STACK_TRACE = Pattern.compile(
            "(?m)^\\s+at [\\w$.]+\\(|^Caused by: |^Exception in thread |^\\S+(Exception|Error): ");

    /** Every run started and not yet seen ended, so that a failing test leaves no JVM behind. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    private ChaosRuns() {
    }

    /** SIGKILLs every run a test started that is still alive (after a failed assertion, say). */
    static void killLeftovers() throws InterruptedException {
        for (Process p : LIVE) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        LIVE.clear();
    }

    /** A run started by a test, with where its output goes. */
    record Started(Process process, Path out, Path err, long startNanos) {
        static Started of(List<String> args, Map<String, String> env, Path work, String name) throws IOException {
            Path out = work.resolve(name + ".out");
            Path err = work.resolve(name + ".err");
            Process p = SamplesProcess.start(args, env, out, err);
            LIVE.add(p);
            return new Started(p, out, err, System.nanoTime());
        }

        /** Waits up to {@code millis} for the run to end by itself; empty if it is still running. */
        Optional<Ended> awaitEnd(long millis) throws InterruptedException, IOException {
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            return Optional.of(ended(process.exitValue()));
        }

        /** SIGKILL (no shutdown hook, no finally block runs), then what it had printed. */
        Ended kill() throws InterruptedException, IOException {
            process.destroyForcibly();
            process.waitFor();
            return ended(KILLED);
        }

        private Ended ended(int exit) throws IOException {
            LIVE.remove(process);
            return new Ended(exit, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    /** A run that is over: its exit ({@link #KILLED} if the test killed it) and everything it printed. */
    record Ended(int exit, String out, String err, Duration took) {
        boolean killed() {
            return exit == KILLED;
        }

        /** Whether it printed a stack trace, which the CLI must not do without --verbose. */
        boolean printedStackTrace() {
            return STACK_TRACE.matcher(out).find() || STACK_TRACE.matcher(err).find();
        }

        /** The line saying why the run failed: the report's "failed: ..." or the CLI's "qiao: ...". */
        Optional<String> failureLine() {
            return (out + "\n" + err).lines().filter(l -> l.startsWith("failed: ") || l.startsWith("qiao: "))
                    .findFirst();
        }

        String printed() {
            return "--- stdout\n" + out + "--- stderr\n" + err;
        }

        @Override
        public String toString() {
            return (killed() ? "killed" : "exit " + exit) + " after " + took.toMillis() + " ms";
        }
    }
}
