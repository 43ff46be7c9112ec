package io.qiao.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** After {@code package}: the directory a user copies into a worker's {@code plugin.path}. */
class PluginDirectoryIT {
    private static final Path DIR = Path.of("target", "plugin", "qiao-kafka-connect");

    @Test
    void thePluginDirectory_holdsTheConnectorsAndEverythingTheyNeed_andNoneOfConnectsOwnJars() throws IOException {
        List<String> jars;
        try (Stream<Path> files = Files.list(DIR)) {
            jars = files.map(p -> p.getFileName().toString()).sorted().toList();
        }

        assertThat(jars).anyMatch(j -> j.startsWith("qiao-kafka-connect-"))
                .anyMatch(j -> j.startsWith("qiao-sync-core-"))
                .anyMatch(j -> j.startsWith("qiao-client-core-"))
                .anyMatch(j -> j.startsWith("qiao-jackyun-client-"))
                .anyMatch(j -> j.startsWith("jackson-databind-"))
                .anyMatch(j -> j.startsWith("failsafe-"))
                .anyMatch(j -> j.startsWith("mariadb-java-client-"))
                .anyMatch(j -> j.startsWith("postgresql-"));
        assertThat(jars).noneMatch(j -> j.startsWith("connect-") || j.startsWith("kafka") || j.startsWith("slf4j-")
                || j.contains("junit") || j.contains("testkit") || j.startsWith("h2-"));
        assertThat(jars).allMatch(j -> j.endsWith(".jar"));
    }
}
