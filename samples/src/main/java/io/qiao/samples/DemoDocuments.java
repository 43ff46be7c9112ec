package io.qiao.samples;

import io.qiao.client.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The demo's business database for pipeline 3: twelve 文书 documents with their scanned files, three of them
 * deliberately wrong as real data sometimes is (an impossible 成文日期, a missing 题名 with an unknown 保管期限, an
 * attachment whose file is gone), so that the demo shows dead letters with their reasons.
 */
final class DemoDocuments {
    static final int COUNT = 12;
    static final int INVALID = 3;
    private static final String[] TITLES = {"关于开展安全生产检查的通知", "2024年第一季度工作总结", "会议纪要（行政办公会）",
            "关于调整办公时间的通知", "年度预算编制说明", "采购管理办法（修订）", "关于表彰先进集体的决定", "信息化建设规划",
            "合同管理实施细则", "档案工作自查报告", "关于节假日值班安排的通知", "人事任免通知"};
    private static final String[] RETENTION = {"永久", "30年", "10年"};

    private DemoDocuments() {
    }

    static boolean tablesExist(Database db) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT id FROM documents WHERE 1 = 0").close();
            s.executeQuery("SELECT id FROM attachments WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates the tables and the demo rows; files go to {@code filesDir}. */
    static void create(Database db, Path filesDir, Clock clock) throws SQLException {
        DbDocumentsToArchive.createTablesIfMissing(db);
        try {
            Files.createDirectories(filesDir);
        } catch (IOException e) {
            throw new SQLException("cannot create the demo files directory " + filesDir + ": " + e.getMessage(), e);
        }
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), Json.SHANGHAI).truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = db.getConnection();
             PreparedStatement doc = c.prepareStatement("INSERT INTO documents (id, archive_no, title, author, doc_date, "
                     + "retention_period, security_level, archive_dept, archive_time, archive_person, updated_at) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement att = c.prepareStatement("INSERT INTO attachments (id, document_id, file_path, file_name, "
                     + "updated_at) VALUES (?, ?, ?, ?, ?)")) {
            long attachmentId = 1;
            for (int i = 1; i <= COUNT; i++) {
                Timestamp updated = Timestamp.valueOf(now.minusHours(COUNT + 1 - i));
                doc.setLong(1, i);
                doc.setString(2, String.format("WS-2024-BGS-%04d", i));
                doc.setString(3, i == 9 ? null : TITLES[i - 1]);
                doc.setString(4, "办公室");
                doc.setString(5, i == 5 ? "2024-02-30" : String.format("2024-03-%02d", i));
                doc.setString(6, i == 9 ? "99年" : RETENTION[i % 3]);
                doc.setString(7, i % 2 == 0 ? "内部" : "公开");
                doc.setString(8, "办公室");
                doc.setTimestamp(9, Timestamp.valueOf(LocalDateTime.of(2024, 4, 1, 10, 0).plusDays(i)));
                doc.setString(10, "张三");
                doc.setTimestamp(11, updated);
                doc.executeUpdate();
                int files = 1 + i % 2;
                for (int f = 1; f <= files; f++) {
                    String name = String.format("WS-2024-BGS-%04d-%d.pdf", i, f);
                    Path path = filesDir.resolve(name);
                    if (!(i == 11 && f == 1)) { // document 11's first scan was deleted from disk
                        write(path, "%PDF-1.4\n% Qiao demo: " + name + "\n%%EOF\n");
                    }
                    att.setLong(1, attachmentId++);
                    att.setLong(2, i);
                    att.setString(3, path.toString());
                    att.setString(4, name);
                    att.setTimestamp(5, updated);
                    att.executeUpdate();
                }
            }
        }
    }

    private static void write(Path path, String content) throws SQLException {
        try {
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot write demo file " + path + ": " + e.getMessage(), e);
        }
    }
}
