package io.qiao.testkit.archive;

import java.util.List;
import java.util.Map;

/**
 * A record the simulator holds.
 *
 * @param archiveId the simulator's id (numbers, as many archive systems use)
 * @param archiveNo 档号
 * @param metadata  every field of the create request, as sent
 * @param files     the files uploaded to it, in arrival order
 */
public record SimulatedRecord(long archiveId, String archiveNo, Map<String, Object> metadata, List<SimulatedFile> files) {
    public SimulatedRecord {
        metadata = Map.copyOf(metadata);
        files = List.copyOf(files);
    }

    /** A metadata field as text, or null. */
    public String field(String name) {
        Object v = metadata.get(name);
        return v == null ? null : v.toString();
    }
}
