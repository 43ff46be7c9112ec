package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.Secret;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.SimulatedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MB scan is uploaded by a client running in a separate JVM limited to a 64 MB heap. Success proves the
 * upload streams from disk; the child also reports its peak heap use (from the memory pools, not from timing).
 */
class LargeUploadTest {
    static final long SIZE = 200L * 1024 * 1024;
    private static final String MAX_HEAP = "-Xmx64m";

    @TempDir
    Path dir;

    @Test
    void uploadFile_ofA200MbFile_streamsWithinA64MbHeap() throws Exception {
        Path scan = dir.resolve("扫描件-会议纪要.tif");
        String expectedSha = writeLargeFile(scan);
        // No request journal: WireMock would otherwise keep the 200 MB body.
        try (ArchiveSimulator sim = ArchiveSimulator.builder().requestJournal(false).build().start()) {
            ArchiveClient client = ArchiveClient.builder().endpoint(sim.endpoint()).appKey(sim.appKey())
                    .appSecret(Secret.of(sim.appSecret())).build();
            String archiveId = client.archives().create(ArchiveClientTest.metadata("BIG-1"));

            Map<String, String> out = runProbe(dir, MAX_HEAP, LargeUploadProbe.class, sim.endpoint().toString(),
                    sim.appKey(), sim.appSecret(), archiveId, scan.toString());

            assertThat(out).containsEntry("sha256", expectedSha).containsEntry("size", Long.toString(SIZE));
            assertThat(Long.parseLong(out.get("maxHeap"))).isLessThan(SIZE / 2);
            assertThat(Long.parseLong(out.get("peakHeap"))).isLessThan(SIZE / 2);
            SimulatedFile stored = sim.files().get(0);
            assertThat(stored.fileName()).isEqualTo("扫描件-会议纪要.tif");
            assertThat(stored.size()).isEqualTo(SIZE);
            assertThat(stored.sha256()).isEqualTo(expectedSha);
            assertThat(stored.contentType()).isEqualTo("image/tiff");
        } finally {
            Files.deleteIfExists(scan);
        }
    }

    /** Runs {@code probe}'s main in a JVM with {@code maxHeap}; returns the {@code name=value} lines it printed. */
    static Map<String, String> runProbe(Path dir, String maxHeap, Class<?> probe, String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("probe.log");
        List<String> command = new ArrayList<>(List.of(java.toString(), maxHeap, "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8", "-cp", classpath, probe.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("probe finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        System.out.println(probe.getSimpleName() + ": " + output.lines().filter(l -> l.contains("=")).toList());
        Map<String, String> values = new LinkedHashMap<>();
        output.lines().filter(l -> l.matches("[a-zA-Z0-9]+=.*")).forEach(l -> {
            int eq = l.indexOf('=');
            values.put(l.substring(0, eq), l.substring(eq + 1));
        });
        return values;
    }

    /** Pseudo-random content (not zeros, so nothing along the way can compress it away); returns its SHA-256. */
    static String writeLargeFile(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] block = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(path)) {
            for (long written = 0; written < SIZE; written += block.length) {
                random.nextBytes(block);
                out.write(block);
                digest.update(block);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
