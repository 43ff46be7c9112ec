package io.qiao.archive;

import io.qiao.archive.model.UploadedFile;
import io.qiao.client.Secret;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Uploads one file and prints its SHA-256 and the heap's peak use. Run by {@link LargeUploadTest} in a JVM whose
 * heap is far smaller than the file: if the client held the file in memory, this would die of OutOfMemoryError.
 *
 * <p>Arguments: endpoint appKey appSecret archiveId path
 */
public final class LargeUploadProbe {
    public static void main(String[] args) {
        ArchiveClient client = ArchiveClient.builder().endpoint(args[0]).appKey(args[1]).appSecret(Secret.of(args[2]))
                .build();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        UploadedFile up = client.archives().uploadFile(args[3], Path.of(args[4]));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("sha256=" + up.facts().sha256());
        System.out.println("size=" + up.facts().size());
        System.out.println("peakHeap=" + peak);
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
        System.out.println("elapsedMs=" + elapsedMs); // reported, never asserted
    }
}
