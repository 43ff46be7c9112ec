package io.qiao.archive.internal;

import java.util.Locale;
import java.util.Map;

/**
 * The format and MIME type of an archived file, from its name's extension. {@code Files.probeContentType} is not
 * used: its answer depends on the host's MIME tables, and the same file must be described alike everywhere.
 */
public final class FileFormats {
    private record Format(String name, String contentType) {
    }

    private static final Map<String, Format> BY_EXTENSION = Map.ofEntries(
            Map.entry("pdf", new Format("PDF", "application/pdf")),
            Map.entry("ofd", new Format("OFD", "application/ofd")),
            Map.entry("tif", new Format("TIFF", "image/tiff")),
            Map.entry("tiff", new Format("TIFF", "image/tiff")),
            Map.entry("jpg", new Format("JPEG", "image/jpeg")),
            Map.entry("jpeg", new Format("JPEG", "image/jpeg")),
            Map.entry("png", new Format("PNG", "image/png")),
            Map.entry("doc", new Format("DOC", "application/msword")),
            Map.entry("docx", new Format("DOCX",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
            Map.entry("xls", new Format("XLS", "application/vnd.ms-excel")),
            Map.entry("xlsx", new Format("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
            Map.entry("wps", new Format("WPS", "application/vnd.ms-works")),
            Map.entry("txt", new Format("TXT", "text/plain")),
            Map.entry("xml", new Format("XML", "application/xml")),
            Map.entry("zip", new Format("ZIP", "application/zip")),
            Map.entry("mp3", new Format("MP3", "audio/mpeg")),
            Map.entry("mp4", new Format("MP4", "video/mp4")));

    private FileFormats() {
    }

    /** {@code PDF} for {@code 会议纪要.pdf}; the upper-cased extension for unknown ones; {@code BIN} without one. */
    public static String format(String fileName) {
        String ext = extension(fileName);
        Format f = BY_EXTENSION.get(ext);
        return f != null ? f.name() : ext.isEmpty() ? "BIN" : ext.toUpperCase(Locale.ROOT);
    }

    public static String contentType(String fileName) {
        Format f = BY_EXTENSION.get(extension(fileName));
        return f != null ? f.contentType() : "application/octet-stream";
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
