package io.qiao.archive.sync;

import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveMetadata;
import java.util.List;
import java.util.Objects;

/**
 * One record to push: its metadata and its electronic files. What a sync job's mapper makes of a business
 * record (a row of {@code documents} with its {@code attachments}).
 */
public record ArchivePush(ArchiveMetadata metadata, List<ArchiveFile> files) {
    public ArchivePush {
        Objects.requireNonNull(metadata, "metadata");
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }

    public static ArchivePush of(ArchiveMetadata metadata, ArchiveFile... files) {
        return new ArchivePush(metadata, List.of(files));
    }
}
