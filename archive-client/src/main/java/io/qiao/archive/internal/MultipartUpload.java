package io.qiao.archive.internal;

import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.FileFacts;
import io.qiao.client.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A {@code multipart/form-data} upload of one file, streamed from disk in one pass: the part {@code file} with the
 * content, then the digitisation facts as plain fields ({@code fileSize}, {@code sha256}, {@code format} and
 * {@code scanResolution} when known). The SHA-256 is computed while the content streams, which is why the facts
 * follow the file; their length is known in advance (a SHA-256 is always 64 hex digits), so the request still
 * carries an exact Content-Length.
 *
 * <p>The file name goes into {@code Content-Disposition} as UTF-8, escaped the way browsers do it ({@code "} as
 * {@code %22}, CR/LF as {@code %0D}/{@code %0A}), which is what the servers that receive browser uploads read.
 *
 * <p>Each attempt re-opens the file. If the file's size changes while it is being sent the stream fails rather
 * than send a body that contradicts its Content-Length.
 */
public final class MultipartUpload {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};
    private static final String PLACEHOLDER_SHA256 = "0".repeat(64);

    private final Path path;
    private final String fileName;
    private final String contentType;
    private final String format;
    private final long size;
    private final Integer scanResolution;
    private final String boundary;
    private final AtomicReference<String> lastSha256 = new AtomicReference<>();

    private MultipartUpload(ArchiveFile file, long size) {
        this.path = file.path();
        this.fileName = file.fileName();
        this.contentType = file.contentType() != null ? file.contentType() : FileFormats.contentType(fileName);
        this.format = FileFormats.format(fileName);
        this.size = size;
        this.scanResolution = file.scanResolution();
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        this.boundary = "----QiaoArchiveBoundary" + HexFormat.of().formatHex(random);
    }

    /** Prepares the upload; the file must be a regular readable file (checked by the caller). */
    public static MultipartUpload of(ArchiveFile file) {
        try {
            return new MultipartUpload(file, Files.size(file.path()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file.path(), e);
        }
    }

    public RequestBody body() {
        long length = preamble().length + size + epilogue(PLACEHOLDER_SHA256).length;
        return RequestBody.stream(this::open, length, "multipart/form-data; boundary=" + boundary);
    }

    /** The facts of the content as it was last sent in full; call after a successful upload. */
    public FileFacts facts() {
        String sha = lastSha256.get();
        if (sha == null) {
            throw new IllegalStateException("the file " + fileName + " has not been sent in full");
        }
        return new FileFacts(fileName, format, contentType, size, sha, scanResolution);
    }

    public String fileName() {
        return fileName;
    }

    private InputStream open() {
        InputStream content;
        try {
            content = Files.newInputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InputStream checked = new DigestingStream(content, fileName, size, lastSha256::set);
        List<Supplier<InputStream>> parts = List.of(
                () -> new ByteArrayInputStream(preamble()),
                () -> checked,
                // Built only once the content stream has ended, so the digest is complete.
                () -> new ByteArrayInputStream(epilogue(lastSha256.get())));
        return new java.io.SequenceInputStream(new java.util.Enumeration<>() {
            private final Iterator<Supplier<InputStream>> it = parts.iterator();

            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return it.next().get();
            }
        }) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    content.close();
                }
            }
        };
    }

    private byte[] preamble() {
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + escape(fileName) + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n";
        return head.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] epilogue(String sha256) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("fileSize", Long.toString(size));
        fields.put("sha256", sha256);
        fields.put("format", format);
        if (scanResolution != null) {
            fields.put("scanResolution", scanResolution.toString());
        }
        StringBuilder sb = new StringBuilder("\r\n");
        fields.forEach((name, value) -> sb.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        sb.append("--").append(boundary).append("--\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Browser-style escaping of a multipart file name (WHATWG HTML "multipart/form-data encoding algorithm"). */
    static String escape(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** SHA-256 of a file, streamed; for comparing with what an archive system already holds. */
    public static String sha256Of(Path path) {
        MessageDigest digest = DigestingStream.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
