package io.qiao.archive.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A file the archive system holds for a record, as its query reports it. The size and SHA-256 let a retried push
 * recognise a file that already arrived; they are null when the archive system does not report them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredFile(
        @JsonAlias({"id"}) String fileId,
        @JsonAlias({"name", "originalName", "originalFilename"}) String fileName,
        @JsonAlias({"size", "length"}) Long fileSize,
        @JsonAlias({"sha256Hex", "checksum", "hash"}) String sha256,
        String contentType,
        String format,
        Integer scanResolution) {
}
