package io.qiao.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One line a benchmark prints per target it measures, for {@code bench/run-all} to collect into one table:
 *
 * <pre>
 * TARGET|id|name|figure|ratio|target|verdict|command
 * TARGET|22.2|sink updates vs fastest raw upsert|sink 24,100/s, raw 25,300/s|0.95 (IQR ...)|&gt;= 0.95x|met|java ... JdbcUpsertBench ...
 * </pre>
 *
 * {@code id} orders the table and names the target (issue 22's targets are {@code 22.1} to {@code 22.5}); the
 * verdict is {@code met}, {@code not met} or {@code failed: why}. A field never holds {@code |} or a line break
 * (they are replaced), so the line splits on {@code |} alone.
 */
record BenchTarget(String id, String name, String figure, String ratio, String target, String verdict,
                   String command) {

    static final String PREFIX = "TARGET|";

    static BenchTarget measured(String id, String name, String figure, String ratio, String target, boolean met,
                                String command) {
        return new BenchTarget(id, name, figure, ratio, target, met ? "met" : "not met", command);
    }

    /** A target the bench could not measure (it failed, or could not start what it compares). */
    static BenchTarget failed(String id, String name, String target, String why, String command) {
        return new BenchTarget(id, name, "-", "-", target, "failed: " + why, command);
    }

    /** The line, as {@code bench/run-all} reads it. */
    String line() {
        return PREFIX + String.join("|", clean(id), clean(name), clean(figure), clean(ratio), clean(target),
                clean(verdict), clean(command));
    }

    void print() {
        System.out.println(line());
    }

    /** The command that reproduces a bench run: its main class and arguments, the class path left out. */
    static String command(String jvmOptions, Class<?> main, String... args) {
        String a = Arrays.stream(args).collect(Collectors.joining(" "));
        return ("java " + (jvmOptions.isBlank() ? "" : jvmOptions + " ") + "-cp $CP " + main.getName() + " " + a)
                .strip();
    }

    /** The heap options this JVM was started with ({@code -Xmx...}, {@code -Xms...}), for the command column. */
    static String heapOptions() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-Xms")).collect(Collectors.joining(" "));
    }

    private static String clean(String field) {
        return field == null ? "" : field.replace('|', '/').replace('\n', ' ').replace('\r', ' ').strip();
    }
}
