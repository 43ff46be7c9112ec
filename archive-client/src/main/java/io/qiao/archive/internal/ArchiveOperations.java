package io.qiao.archive.internal;

import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.archive.model.ArchiveRecord;
import io.qiao.archive.model.FileFacts;
import io.qiao.client.Page;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The archive system's five calls as one protocol speaks them (REST or SOAP). Everything above them (validation,
 * the idempotent push, the sync sink) is written once against this seam, so it behaves the same over either.
 */
public interface ArchiveOperations {
    /** One page (from 1) of the records in the query's date range. */
    Page<ArchiveRecord> page(ArchiveQuery query, int page);

    /** Creates a record from the normalised metadata (logical field names); returns its archive id. Sent once. */
    String create(Map<String, Object> metadata);

    /** Uploads one file, streamed; the file was checked to be a regular readable file. */
    Uploaded upload(String archiveId, ArchiveFile file);

    /**
     * The records with this 档号, when the protocol can look one up directly; empty when it cannot (then the records
     * of the document's date are searched).
     */
    Optional<List<ArchiveRecord>> lookup(String archiveNo);

    /**
     * What an upload left behind.
     *
     * @param fileId       the system's id for the file, or null when its answer carried none
     * @param storedSha256 the SHA-256 the system says it stored, or null when it does not say
     * @param facts        the facts of the bytes that were sent
     */
    record Uploaded(String fileId, String storedSha256, FileFacts facts) {
    }

    /** Whether more pages follow: a non-empty page below the reported total or, without one, a full page. */
    static boolean more(int page, int pageSize, int records, long total) {
        return records > 0 && (total >= 0 ? (long) page * pageSize < total : records >= pageSize);
    }
}
