package io.qiao.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code // run-all [ids]: ...} lines that bench/run-all greps for, read as it reads them: a wrong class name or
 * a lost declaration would only show up as a "failed" or "not run" row after minutes of benchmarking.
 */
class RunAllDeclarationsTest {
    // the same shape as run-all's grep -E '^[[:space:]]*// run-all \[[^]]*\]: .+$'
    private static final Pattern DECLARATION = Pattern.compile("(?m)^\\s*// run-all \\[([^]]*)\\]: (.+)$");
    private static final Path SOURCES = Path.of("src/main/java/io/qiao/bench");

    @Test
    void everyDeclaredRun_startsTheClassItIsDeclaredIn() throws IOException {
        Map<String, String> runs = declarations();
        assertThat(runs).isNotEmpty();
        runs.forEach((file, args) -> {
            String className = file.replace(".java", "");
            assertThat(args).as(file).matches("(.* )?io\\.qiao\\.bench\\." + className + "( .*)?");
        });
    }

    @Test
    void issue22And18Targets_areDeclaredByTheBenchesThatPrintThem() throws IOException {
        Map<String, String> ids = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("Bench.java")).toList()) {
                Matcher m = DECLARATION.matcher(Files.readString(f));
                while (m.find()) {
                    for (String id : m.group(1).split(",")) {
                        ids.put(id.strip(), f.getFileName().toString());
                    }
                }
            }
        }
        assertThat(ids).containsEntry("22.1", "EndToEndBench.java").containsEntry("22.3", "PeerUpsertBench.java")
                .containsEntry("22.4", "KisSinkBench.java").containsEntry("22.4b", "KisSinkBench.java")
                .containsEntry("22.5", "MemoryBench.java").containsEntry("18.connect", "KafkaConnectBench.java");
        for (Map.Entry<String, String> e : ids.entrySet()) {
            // a declared id the bench never prints would always be a "failed" row
            assertThat(Files.readString(SOURCES.resolve(e.getValue()))).as(e.getKey())
                    .contains("\"" + e.getKey() + "\"");
        }
    }

    private static Map<String, String> declarations() throws IOException {
        Map<String, String> runs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("Bench.java")).sorted().toList()) {
                DECLARATION.matcher(Files.readString(f)).results()
                        .forEach(r -> runs.put(f.getFileName().toString(), r.group(2)));
            }
        }
        return runs;
    }
}
