package io.qiao.archive.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An electronic file to attach to an archive record: where it is on disk and the digitisation facts the caller
 * knows that cannot be read from the file itself.
 *
 * @param path           the file; it is streamed, never loaded whole
 * @param fileName       the name the archive system stores; the file's own name unless given
 * @param contentType    the MIME type; derived from the name's extension unless given
 * @param scanResolution 扫描分辨率 in dpi when the file is a scan and the caller knows it, else null
 */
public record ArchiveFile(Path path, String fileName, String contentType, Integer scanResolution) {
    public ArchiveFile {
        Objects.requireNonNull(path, "path");
        if (fileName == null) {
            Path name = path.getFileName();
            fileName = name == null ? path.toString() : name.toString();
        }
        if (fileName.isBlank()) {
            throw new IllegalArgumentException("fileName must not be blank (path " + path + ")");
        }
        if (scanResolution != null && scanResolution < 1) {
            throw new IllegalArgumentException("scanResolution must be a positive dpi, was " + scanResolution);
        }
    }

    public static ArchiveFile of(Path path) {
        return new ArchiveFile(path, null, null, null);
    }

    /** A scan with its resolution in dpi (档案数字化 commonly 200 or 300 dpi). */
    public static ArchiveFile scan(Path path, int dpi) {
        return new ArchiveFile(path, null, null, dpi);
    }

    public ArchiveFile withFileName(String fileName) {
        return new ArchiveFile(path, Objects.requireNonNull(fileName, "fileName"), contentType, scanResolution);
    }

    public ArchiveFile withContentType(String contentType) {
        return new ArchiveFile(path, fileName, Objects.requireNonNull(contentType, "contentType"), scanResolution);
    }
}
