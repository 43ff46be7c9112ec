package io.qiao.archive.model;

import java.util.List;
import java.util.Objects;

/**
 * What {@code push} did: whether the record was created now or found from an earlier attempt, and what became of
 * each file. A push is complete when every file is in the archive system.
 *
 * @param archiveId the record's id in the archive system
 * @param archiveNo its 档号
 * @param record    {@link RecordOutcome#CREATED} or {@link RecordOutcome#FOUND}
 * @param files     one result per file, in the order given
 */
public record PushResult(String archiveId, String archiveNo, RecordOutcome record, List<FileResult> files) {
    public PushResult {
        Objects.requireNonNull(archiveId, "archiveId");
        Objects.requireNonNull(record, "record");
        files = List.copyOf(files);
    }

    public enum RecordOutcome {
        /** This push created the record. */
        CREATED,
        /** An earlier attempt had created it; this push found it by its 档号. */
        FOUND
    }

    public boolean isComplete() {
        return files.stream().allMatch(FileResult::isStored);
    }

    public List<FileResult> failedFiles() {
        return files.stream().filter(f -> !f.isStored()).toList();
    }

    /** The outcome of one file of a push. */
    public record FileResult(String fileName, FileOutcome outcome, FileFacts facts, String fileId,
                             RuntimeException failure) {
        public FileResult {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(outcome, "outcome");
        }

        public boolean isStored() {
            return outcome != FileOutcome.FAILED;
        }

        /** Why the file is not stored, or null. */
        public String reason() {
            return failure == null ? null : failure.getMessage();
        }
    }

    public enum FileOutcome {
        /** Sent by this push. */
        UPLOADED,
        /** Already in the archive system from an earlier attempt (same name, size and, where reported, SHA-256). */
        ALREADY_PRESENT,
        /** Not stored; see {@link FileResult#failure()}. */
        FAILED
    }
}
