package io.qiao.proof;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The samples CLI ({@code qiao}) as a separate JVM: the built jar {@code samples/target/qiao-samples.jar} when it is
 * there (after {@code mvn package}), else the test class path with the CLI's main class, so the same tests run from
 * {@code mvn test}. A separate process because the CLI configures its logging (QIAO_LOG) at start-up and because
 * the chaos suite must be able to kill it.
 */
final class SamplesProcess {
    static final String MAIN = "io.qiao.samples.Qiao";

    private SamplesProcess() {
    }

    /** The command line up to the CLI's own arguments. */
    static List<String> javaCommand(String... jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        Path jar = Path.of("").toAbsolutePath().getParent().resolve("samples/target/qiao-samples.jar");
        if (Files.isRegularFile(jar) && !Boolean.getBoolean("proof.useClassPath")) {
            cmd.add("-cp");
            cmd.add(jar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
        }
        cmd.add(MAIN);
        return cmd;
    }

    /** A finished run: exit status and everything it printed (stdout then stderr). */
    record Result(int exit, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    static Process start(List<String> args, Map<String, String> env, Path outFile, Path errFile, String... jvmOptions)
            throws IOException {
        List<String> cmd = javaCommand(jvmOptions);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QIAO_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    static Result run(List<String> args, Map<String, String> env, Path workDir, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "qiao-out", ".txt");
        Path err = Files.createTempFile(workDir, "qiao-err", ".txt");
        Process p = start(args, env, out, err);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("qiao " + args + " still running after " + timeoutSeconds + " s; printed:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
