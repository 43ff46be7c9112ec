package io.qiao.samples;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveMetadata;
import io.qiao.archive.sync.ArchivePush;
import io.qiao.archive.sync.ArchiveSinks;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.Source;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.jdbc.JdbcSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Quick start 3: the business database's {@code documents} and their {@code attachments} pushed into the 文书档案
 * archive system, incrementally by {@code documents.updated_at} (keyset order, so rows sharing a timestamp are never
 * skipped), files uploaded from {@code file_path}. It replaces the guide's Python scripts (seeds/000) without their
 * two bugs: the checkpoint waits when a push fails, and a retried push finds its record by 档号 and sends only the
 * files that are missing instead of creating the record twice. Invalid metadata and missing files become dead
 * letters naming every problem.
 *
 * <p>Attachments are read with their document: a file added to a document that was already pushed is sent when
 * the document's {@code updated_at} changes (the usual {@code ON UPDATE CURRENT_TIMESTAMP} or trigger).
 */
public final class DbDocumentsToArchive {
    public static final String NAME = "db-documents-to-archive";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DbDocumentsToArchive() {
    }

    /** A row of {@code documents} with its attachments; values as text, exactly as stored, for validation. */
    public record Document(long id, String archiveNo, String title, String author, String docDate,
                           String retentionPeriod, String securityLevel, String archiveDept, String archiveTime,
                           String archivePerson, LocalDateTime updatedAt, List<Attachment> attachments) {
        public Document {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }

    /** A row of {@code attachments}. */
    public record Attachment(long id, String filePath, String fileName) {
    }

    /** The incremental source over {@code documents}; a job without a checkpoint reads from {@code since}. */
    public static JdbcSource<Document> source(DataSource db, Instant since, Duration settleDelay) {
        return JdbcSource.from(db, "documents", DbDocumentsToArchive::read)
                .updatedAt("updated_at")
                .id("id")
                .initialWatermark(since)
                .settleDelay(settleDelay)
                .batchSize(500)
                .build();
    }

    /**
     * The job. Relative {@code file_path}s are resolved against {@code filesDir}. The source database is only
     * read: checkpoints and dead letters live wherever the given stores keep them.
     */
    public static SyncJob<Document, Document> job(Source<Document> source, DataSource db, ArchiveClient archive,
                                                  Path filesDir, CheckpointStore checkpoints,
                                                  DeadLetterStore deadLetters, Clock clock,
                                                  SyncListener... listeners) {
        SyncJob.Builder<Document, Document> b = SyncJob.builder(NAME)
                .source(new AttachmentsSource(source, db))
                .sink(ArchiveSinks.push(archive, doc -> toPush(doc, filesDir)))
                .keyOf(d -> d.archiveNo() != null && !d.archiveNo().isBlank() ? d.archiveNo() : "documents.id=" + d.id())
                .recordType(Document.class)
                .checkpoints(checkpoints)
                .deadLetters(deadLetters)
                .batchSize(100)
                .clock(clock);
        for (SyncListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    /** The columns of seeds/000's {@code documents} become the archive's metadata; attachments its files. */
    static ArchivePush toPush(Document d, Path filesDir) {
        ArchiveMetadata metadata = ArchiveMetadata.builder()
                .archiveNo(d.archiveNo())
                .title(d.title())
                .author(d.author())
                .docDate(d.docDate())
                .retentionPeriod(d.retentionPeriod())
                .securityLevel(d.securityLevel())
                .archiveDept(d.archiveDept())
                .archiveTime(d.archiveTime())
                .archivePerson(d.archivePerson())
                .build();
        List<ArchiveFile> files = new ArrayList<>();
        for (Attachment a : d.attachments()) {
            ArchiveFile f = ArchiveFile.of(filesDir.resolve(a.filePath()));
            files.add(a.fileName() == null || a.fileName().isBlank() ? f : f.withFileName(a.fileName()));
        }
        return new ArchivePush(metadata, files);
    }

    /** Reads one {@code documents} row; its attachments are added by {@link AttachmentsSource}. */
    static Document read(ResultSet rs) throws SQLException {
        return new Document(rs.getLong("id"), rs.getString("archive_no"), rs.getString("title"),
                rs.getString("author"), text(rs.getObject("doc_date")), rs.getString("retention_period"),
                rs.getString("security_level"), rs.getString("archive_dept"), text(rs.getObject("archive_time")),
                rs.getString("archive_person"), localDateTime(rs.getObject("updated_at")), List.of());
    }

    /** Dates and times as the archive system writes them; anything else exactly as stored. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Timestamp t) {
            return DATE_TIME.format(t.toLocalDateTime());
        }
        if (value instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        return value.toString();
    }

    private static LocalDateTime localDateTime(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        return value instanceof LocalDateTime t ? t : null;
    }

    /** The attachments of one document, in id order. */
    static List<Attachment> attachments(Connection c, long documentId) throws SQLException {
        List<Attachment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, file_path, file_name FROM attachments WHERE document_id = ? ORDER BY id")) {
            ps.setLong(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Attachment(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /** Creates the two tables when they do not exist (the demo's business database). */
    static void createTablesIfMissing(Database db) throws SQLException {
        String text = db.kind() == Database.Kind.POSTGRESQL ? "TIMESTAMP" : "DATETIME";
        String id = switch (db.kind()) {
            case POSTGRESQL -> "BIGSERIAL PRIMARY KEY";
            case MYSQL, H2 -> "BIGINT AUTO_INCREMENT PRIMARY KEY";
        };
        db.execute("CREATE TABLE IF NOT EXISTS documents (\n"
                        + "  id " + id + ",\n"
                        + "  archive_no VARCHAR(100),\n"
                        + "  title VARCHAR(1000),\n"
                        + "  author VARCHAR(200),\n"
                        + "  doc_date VARCHAR(20),\n"
                        + "  retention_period VARCHAR(20),\n"
                        + "  security_level VARCHAR(20),\n"
                        + "  archive_dept VARCHAR(200),\n"
                        + "  archive_time " + text + ",\n"
                        + "  archive_person VARCHAR(100),\n"
                        + "  updated_at " + text + " NOT NULL"
                        + (db.kind() == Database.Kind.MYSQL ? ",\n  KEY idx_documents_updated (updated_at, id)\n" : "\n")
                        + ")",
                "CREATE TABLE IF NOT EXISTS attachments (\n"
                        + "  id " + id + ",\n"
                        + "  document_id BIGINT NOT NULL,\n"
                        + "  file_path VARCHAR(1000) NOT NULL,\n"
                        + "  file_name VARCHAR(255),\n"
                        + "  updated_at " + text + " NOT NULL\n"
                        + ")");
        if (db.kind() != Database.Kind.MYSQL) {
            db.execute("CREATE INDEX IF NOT EXISTS idx_documents_updated ON documents (updated_at, id)");
        }
    }
}
