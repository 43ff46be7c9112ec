package io.qiao.archive;

import io.qiao.archive.model.Violation;
import io.qiao.client.QiaoException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A record was refused before anything was sent: its metadata or its files break the rules. Carries every
 * violation, not just the first, so that one correction fixes the record.
 */
public class InvalidArchiveException extends QiaoException {
    private final String archiveNo;
    private final List<Violation> violations;

    public InvalidArchiveException(String archiveNo, List<Violation> violations) {
        super("archive record " + (archiveNo == null || archiveNo.isBlank() ? "(no archiveNo)" : "'" + archiveNo + "'")
                + " is invalid: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.archiveNo = archiveNo;
        this.violations = List.copyOf(violations);
    }

    public String archiveNo() {
        return archiveNo;
    }

    public List<Violation> violations() {
        return violations;
    }
}
