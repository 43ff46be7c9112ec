package io.qiao.archive.model;

/**
 * The digitisation facts an archive keeps for each electronic file (文件格式, 文件大小, 校验值, 扫描分辨率), as sent
 * with the upload and as computed while the bytes were streamed.
 *
 * @param fileName       the stored name, e.g. {@code 会议纪要.pdf}
 * @param format         the file format, upper case ({@code PDF}, {@code OFD}, {@code TIFF}, {@code JPEG}, ...)
 * @param contentType    the MIME type the file was sent with
 * @param size           bytes
 * @param sha256         lowercase hex SHA-256 of the content
 * @param scanResolution dpi when known, else null
 */
public record FileFacts(String fileName, String format, String contentType, long size, String sha256,
                        Integer scanResolution) {
}
