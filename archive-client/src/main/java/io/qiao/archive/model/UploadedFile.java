package io.qiao.archive.model;

import java.util.Objects;

/**
 * A file the archive system accepted.
 *
 * @param fileId the archive system's id for the file, or null when its answer carried none
 * @param facts  the digitisation facts of the bytes that were sent
 */
public record UploadedFile(String fileId, FileFacts facts) {
    public UploadedFile {
        Objects.requireNonNull(facts, "facts");
    }
}
