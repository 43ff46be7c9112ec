package io.qiao.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MB scan goes over SOAP (base64 in the envelope) from a client to the SOAP simulator, both running in a separate
 * JVM limited to a 128 MB heap: the 270 MB of base64 text is encoded while it is sent and decoded while it arrives, so
 * success proves both stream (and likewise the raw binary part of an MTOM upload); the child also reports its peak heap use (from the memory pools, not from timing).
 */
class SoapLargeUploadTest {
    /** The file LargeUploadTest.writeLargeFile writes. */
    private static final long SIZE = LargeUploadTest.SIZE;
    private static final String MAX_HEAP = "-Xmx128m";

    @TempDir
    Path dir;

    @Test
    void uploadFile_ofA200MbFileOverSoap_streamsWithinA128MbHeap_onBothSides() throws Exception {
        Path scan = dir.resolve("扫描件-会议纪要.tif");
        String expectedSha = LargeUploadTest.writeLargeFile(scan);
        try {
            Map<String, String> out = LargeUploadTest.runProbe(dir, MAX_HEAP, SoapLargeUploadProbe.class, "1.2",
                    scan.toString());

            assertThat(out).containsEntry("sha256", expectedSha).containsEntry("size", Long.toString(SIZE))
                    .containsEntry("storedSha256", expectedSha).containsEntry("storedSize", Long.toString(SIZE))
                    .containsEntry("storedName", "扫描件-会议纪要.tif");
            assertThat(Long.parseLong(out.get("maxHeap"))).isLessThan(SIZE);
            assertThat(Long.parseLong(out.get("peakHeap"))).isLessThan(SIZE / 2);
        } finally {
            Files.deleteIfExists(scan);
        }
    }

    @Test
    void uploadFile_ofA200MbFileOverSoapMtom_streamsTheBinaryPartWithinA128MbHeap_onBothSides() throws Exception {
        Path scan = dir.resolve("扫描件-会议纪要.tif");
        String expectedSha = LargeUploadTest.writeLargeFile(scan);
        try {
            Map<String, String> out = LargeUploadTest.runProbe(dir, MAX_HEAP, SoapLargeUploadProbe.class, "1.1",
                    scan.toString(), "mtom");

            assertThat(out).containsEntry("sha256", expectedSha).containsEntry("size", Long.toString(SIZE))
                    .containsEntry("storedSha256", expectedSha).containsEntry("storedSize", Long.toString(SIZE))
                    .containsEntry("storedName", "扫描件-会议纪要.tif");
            assertThat(Long.parseLong(out.get("maxHeap"))).isLessThan(SIZE);
            assertThat(Long.parseLong(out.get("peakHeap"))).isLessThan(SIZE / 2);
        } finally {
            Files.deleteIfExists(scan);
        }
    }
}
