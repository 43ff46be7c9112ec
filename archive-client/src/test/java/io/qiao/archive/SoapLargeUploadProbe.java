package io.qiao.archive;

import io.qiao.archive.model.UploadedFile;
import io.qiao.client.Secret;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSoapSimulator;
import io.qiao.testkit.archive.SimulatedFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Uploads one file over SOAP to an {@link ArchiveSoapSimulator} running in the same JVM, and prints what the client
 * sent, what the simulator decoded and stored, and the heap's peak use. Run by {@link SoapLargeUploadTest} in a JVM
 * whose heap is smaller than the file: the client's base64 encoding and the simulator's decoding must both stream.
 *
 * <p>Arguments: version (1.1 or 1.2) path [mtom]
 */
public final class SoapLargeUploadProbe {
    public static void main(String[] args) {
        try (ArchiveSoapSimulator sim = ArchiveSimulator.builder().requestJournal(false).buildSoap().start()) {
            SoapMapping mapping = SoapMapping.defaults().toBuilder()
                    .version(args[0].equals("1.2") ? SoapMapping.Version.SOAP_12 : SoapMapping.Version.SOAP_11)
                    .fileTransfer(args.length > 2 && args[2].equals("mtom") ? SoapMapping.FileTransfer.MTOM
                            : SoapMapping.FileTransfer.BASE64)
                    .build();
            ArchiveClient client = ArchiveClient.builder().endpoint(sim.endpoint())
                    .credentials(ArchiveCredentials.of(sim.credentials().appKey(),
                            Secret.of(sim.credentials().appSecret())))
                    .soap(mapping).build();
            String archiveId = client.archives().create(ArchiveClientTest.metadata("BIG-SOAP-1"));
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long start = System.nanoTime();
            UploadedFile up = client.archives().uploadFile(archiveId, Path.of(args[1]));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            SimulatedFile stored = sim.files().get(0);
            System.out.println("sha256=" + up.facts().sha256());
            System.out.println("size=" + up.facts().size());
            System.out.println("storedSha256=" + stored.sha256());
            System.out.println("storedSize=" + stored.size());
            System.out.println("storedName=" + stored.fileName());
            System.out.println("peakHeap=" + peak);
            System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
            System.out.println("elapsedMs=" + elapsedMs); // reported, never asserted
        }
    }
}
