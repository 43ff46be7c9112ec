package io.qiao.testkit.archive;

/**
 * A file the simulator holds for a record. The content itself is not kept: its size and SHA-256 are computed from
 * the bytes received, independently of what the client declared.
 *
 * @param fileId         the simulator's id
 * @param archiveId      the record it belongs to
 * @param fileName       the name as decoded from the multipart {@code Content-Disposition}
 * @param contentType    the part's {@code Content-Type}
 * @param size           bytes received
 * @param sha256         lowercase hex SHA-256 of the bytes received
 * @param format         the {@code format} field the client sent, or null
 * @param scanResolution the {@code scanResolution} field the client sent, or null
 */
public record SimulatedFile(long fileId, long archiveId, String fileName, String contentType, long size, String sha256,
                            String format, Integer scanResolution) {
    /** The file as the simulators answer it: id, name, size, SHA-256, content type, and format and dpi when known. */
    java.util.Map<String, Object> fields() {
        java.util.Map<String, Object> n = new java.util.LinkedHashMap<>();
        n.put("fileId", fileId);
        n.put("fileName", fileName);
        n.put("fileSize", size);
        n.put("sha256", sha256);
        n.put("contentType", contentType);
        if (format != null) n.put("format", format);
        if (scanResolution != null) n.put("scanResolution", scanResolution);
        return n;
    }
}
