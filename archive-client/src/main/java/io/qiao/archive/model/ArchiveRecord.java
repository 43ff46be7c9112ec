package io.qiao.archive.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * An archive record as the archive system returns it from a query. Values are kept as the system wrote them;
 * {@link #files()} is empty when the system does not list files in query results.
 *
 * <p>The archive id's type is not specified (VENDORS.md 4.1 is as-given): numbers and strings are both read, as text.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArchiveRecord(
        @JsonAlias({"id"}) String archiveId,
        String archiveNo,
        String title,
        String author,
        String docDate,
        String retentionPeriod,
        String securityLevel,
        String archiveDept,
        String archiveTime,
        String archivePerson,
        @JsonAlias({"attachments", "fileList"}) List<StoredFile> files) {

    public ArchiveRecord {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
