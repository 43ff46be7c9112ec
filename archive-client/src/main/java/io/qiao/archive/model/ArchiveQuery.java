package io.qiao.archive.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The filter of {@code GET /api/archive/query}: a date range (inclusive), optionally one department.
 * {@code archiveNo} narrows the query on archive systems that support it; the client checks it on every record
 * either way, so it works on systems that ignore the parameter.
 */
public final class ArchiveQuery {
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final LocalDate startDate;
    private final LocalDate endDate;
    private final String deptCode;
    private final String archiveNo;
    private final int pageSize;

    private ArchiveQuery(Builder b) {
        this.startDate = b.startDate;
        this.endDate = b.endDate;
        this.deptCode = b.deptCode;
        this.archiveNo = b.archiveNo;
        this.pageSize = b.pageSize;
    }

    public static Builder builder(LocalDate startDate, LocalDate endDate) {
        return new Builder(startDate, endDate);
    }

    /** One day. */
    public static ArchiveQuery on(LocalDate date) {
        return builder(date, date).build();
    }

    public static ArchiveQuery between(LocalDate startDate, LocalDate endDate) {
        return builder(startDate, endDate).build();
    }

    public LocalDate startDate() {
        return startDate;
    }

    public LocalDate endDate() {
        return endDate;
    }

    public String deptCode() {
        return deptCode;
    }

    public String archiveNo() {
        return archiveNo;
    }

    public int pageSize() {
        return pageSize;
    }

    public Builder toBuilder() {
        return new Builder(startDate, endDate).deptCode(deptCode).archiveNo(archiveNo).pageSize(pageSize);
    }

    @Override
    public String toString() {
        return "ArchiveQuery{" + startDate + ".." + endDate + (deptCode == null ? "" : ", dept " + deptCode)
                + (archiveNo == null ? "" : ", archiveNo " + archiveNo) + ", pageSize " + pageSize + "}";
    }

    public static final class Builder {
        private final LocalDate startDate;
        private final LocalDate endDate;
        private String deptCode;
        private String archiveNo;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder(LocalDate startDate, LocalDate endDate) {
            this.startDate = Objects.requireNonNull(startDate, "startDate");
            this.endDate = Objects.requireNonNull(endDate, "endDate");
            if (endDate.isBefore(startDate)) {
                throw new IllegalArgumentException("endDate " + endDate + " is before startDate " + startDate);
            }
        }

        public Builder deptCode(String deptCode) {
            this.deptCode = deptCode;
            return this;
        }

        public Builder archiveNo(String archiveNo) {
            this.archiveNo = archiveNo;
            return this;
        }

        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > 1000) {
                throw new IllegalArgumentException("pageSize must be between 1 and 1000, was " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        public ArchiveQuery build() {
            return new ArchiveQuery(this);
        }
    }
}
