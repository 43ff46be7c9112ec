package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start: the built jar, `demo`, in a fresh directory, as a new user runs it. */
class QiaoDemoIT {
    @TempDir
    Path fresh;

    @Test
    void builtJar_demo_inAFreshDirectory_exits0() throws IOException, InterruptedException {
        Path jar = Path.of("target", "qiao-samples.jar").toAbsolutePath();
        assertThat(jar).as("run after package").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "demo"))
                .directory(fresh.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("Demo finished").contains("every pipeline ran to completion")
                .doesNotContain("Exception");
        assertThat(fresh.resolve("qiao-state").resolve(Demo.MARKER)).exists();

        Process list = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "dlq", "list", "db-documents-to-archive"))
                .directory(fresh.toFile()).redirectErrorStream(true).start();
        String listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(list.exitValue()).isZero();
        assertThat(listed).contains("3 open dead letter(s)");
        assertThat(Files.list(fresh).map(f -> f.getFileName().toString())).containsExactly("qiao-state");
    }
}
