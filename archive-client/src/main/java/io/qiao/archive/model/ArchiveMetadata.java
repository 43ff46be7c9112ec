package io.qiao.archive.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The metadata of one 文书 document as the business system hands it over: text, exactly as it was stored, so
 * that validation can name the offending value ({@code docDate '2024-02-30' is not a real date}) instead of
 * failing while the record is being built. The client validates and normalises it before anything is sent
 * (see {@code MetadataValidator}); the typed builder methods are there for callers that already hold typed values.
 *
 * <p>Limits are in characters (UTF-16 units); a required field may not be blank.
 *
 * @param archiveNo       档号, unique in the archive system; the key that makes a retried push find its record;
 *                        required, at most 100
 * @param title           题名, required, at most 1000
 * @param author          责任者, required, at most 200
 * @param docDate         成文日期, {@code yyyy-MM-dd} (also read: {@code yyyyMMdd}), required
 * @param retentionPeriod 保管期限, any spelling {@link RetentionPeriod#parse} knows, required
 * @param securityLevel   密级, optional; may carry its 保密期限 in the marking form {@code 秘密★5年}
 * @param secrecyPeriod   保密期限 of a classified document: {@code 5年} or {@code 长期}
 * @param archiveDept     归档部门 (also the {@code deptCode} that queries filter on), at most 200
 * @param archiveTime     归档时间, {@code yyyy-MM-dd HH:mm:ss} (also read: ISO {@code yyyy-MM-ddTHH:mm:ss}), optional
 * @param archivePerson   归档人, optional, at most 100
 * @param docNumber       文号, optional, at most 200
 * @param pageCount       页数, optional, at least 1
 */
public record ArchiveMetadata(
        String archiveNo,
        String title,
        String author,
        String docDate,
        String retentionPeriod,
        String securityLevel,
        String secrecyPeriod,
        String archiveDept,
        String archiveTime,
        String archivePerson,
        String docNumber,
        Integer pageCount) {

    /** The archive system's date-time format for {@link #archiveTime()}. */
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .archiveNo(archiveNo).title(title).author(author).docDate(docDate).retentionPeriod(retentionPeriod)
                .securityLevel(securityLevel).secrecyPeriod(secrecyPeriod).archiveDept(archiveDept)
                .archiveTime(archiveTime).archivePerson(archivePerson).docNumber(docNumber).pageCount(pageCount);
    }

    public static final class Builder {
        private String archiveNo;
        private String title;
        private String author;
        private String docDate;
        private String retentionPeriod;
        private String securityLevel;
        private String secrecyPeriod;
        private String archiveDept;
        private String archiveTime;
        private String archivePerson;
        private String docNumber;
        private Integer pageCount;

        private Builder() {
        }

        public Builder archiveNo(String archiveNo) {
            this.archiveNo = archiveNo;
            return this;
        }

        /** A structured 档号, rendered in its own style. */
        public Builder archiveNo(ArchiveNo archiveNo) {
            this.archiveNo = archiveNo == null ? null : archiveNo.toString();
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder author(String author) {
            this.author = author;
            return this;
        }

        public Builder docDate(String docDate) {
            this.docDate = docDate;
            return this;
        }

        public Builder docDate(LocalDate docDate) {
            this.docDate = docDate == null ? null : docDate.toString();
            return this;
        }

        public Builder retentionPeriod(String retentionPeriod) {
            this.retentionPeriod = retentionPeriod;
            return this;
        }

        public Builder retentionPeriod(RetentionPeriod retentionPeriod) {
            this.retentionPeriod = retentionPeriod == null ? null : retentionPeriod.label();
            return this;
        }

        public Builder securityLevel(String securityLevel) {
            this.securityLevel = securityLevel;
            return this;
        }

        public Builder securityLevel(SecurityLevel securityLevel) {
            this.securityLevel = securityLevel == null ? null : securityLevel.label();
            return this;
        }

        public Builder secrecyPeriod(String secrecyPeriod) {
            this.secrecyPeriod = secrecyPeriod;
            return this;
        }

        public Builder archiveDept(String archiveDept) {
            this.archiveDept = archiveDept;
            return this;
        }

        public Builder archiveTime(String archiveTime) {
            this.archiveTime = archiveTime;
            return this;
        }

        public Builder archiveTime(LocalDateTime archiveTime) {
            this.archiveTime = archiveTime == null ? null : DATE_TIME.format(archiveTime);
            return this;
        }

        public Builder archivePerson(String archivePerson) {
            this.archivePerson = archivePerson;
            return this;
        }

        public Builder docNumber(String docNumber) {
            this.docNumber = docNumber;
            return this;
        }

        public Builder pageCount(Integer pageCount) {
            this.pageCount = pageCount;
            return this;
        }

        /** Builds without checking: validation reports every problem at once, before anything is sent. */
        public ArchiveMetadata build() {
            return new ArchiveMetadata(archiveNo, title, author, docDate, retentionPeriod, securityLevel,
                    secrecyPeriod, archiveDept, archiveTime, archivePerson, docNumber, pageCount);
        }
    }
}
