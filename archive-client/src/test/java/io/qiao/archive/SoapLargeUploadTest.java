package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MB scan goes over SOAP (base64 in the envelope) from a client to the SOAP simulator, both running in a separate
 * JVM limited to a 128 MB heap: the 270 MB of base64 text is encoded while it is sent and decoded while it arrives, so
 * success proves both stream; the child also reports its peak heap use (from the memory pools, not from timing).
 */
class SoapLargeUploadTest {
    private static final long SIZE = 200L * 1024 * 1024;
    private static final String MAX_HEAP = "-Xmx128m";

    @TempDir
    Path dir;

    @Test
    void uploadFile_ofA200MbFileOverSoap_streamsWithinA128MbHeap_onBothSides() throws Exception {
        Path scan = dir.resolve("扫描件-会议纪要.tif");
        String expectedSha = writeLargeFile(scan);
        try {
            Map<String, String> out = runProbe("1.2", scan);

            assertThat(out).containsEntry("sha256", expectedSha).containsEntry("size", Long.toString(SIZE))
                    .containsEntry("storedSha256", expectedSha).containsEntry("storedSize", Long.toString(SIZE))
                    .containsEntry("storedName", "扫描件-会议纪要.tif");
            assertThat(Long.parseLong(out.get("maxHeap"))).isLessThan(SIZE);
            assertThat(Long.parseLong(out.get("peakHeap"))).isLessThan(SIZE / 2);
        } finally {
            Files.deleteIfExists(scan);
        }
    }

    private Map<String, String> runProbe(String version, Path file) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("probe.log");
        Process p = new ProcessBuilder(java.toString(), MAX_HEAP, "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                "-cp", classpath, SoapLargeUploadProbe.class.getName(), version, file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("probe finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        System.out.println("SOAP large upload probe: " + output.lines().filter(l -> l.contains("=")).toList());
        Map<String, String> values = new LinkedHashMap<>();
        output.lines().filter(l -> l.matches("[a-zA-Z0-9]+=.*")).forEach(l -> {
            int eq = l.indexOf('=');
            values.put(l.substring(0, eq), l.substring(eq + 1));
        });
        return values;
    }

    /** Pseudo-random content (not zeros, so nothing along the way can compress it away); returns its SHA-256. */
    private static String writeLargeFile(Path path) throws IOException {
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
