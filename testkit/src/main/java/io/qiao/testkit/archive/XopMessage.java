package io.qiao.testkit.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A strict streaming reader of an MTOM/XOP request ({@code multipart/related; type="application/xop+xml"}, W3C XOP
 * 1.0 and the SOAP MTOM recommendation): the root part (the envelope) is kept, every other part is only counted and
 * digested as it streams past, so a 200 MB attachment costs the simulator a buffer. Written here rather than borrowed
 * so the simulator checks the client's framing on its own terms.
 */
final class XopMessage {
    /** An attachment as received: its size and SHA-256, never its bytes. */
    record Attachment(String contentType, long size, String sha256) {
    }

    private static final int MAX_ROOT = 1 << 20;

    final String startInfo;
    final byte[] root;
    /** Attachments by Content-ID without the angle brackets, as {@code cid:} URLs name them. */
    final Map<String, Attachment> attachments;

    private XopMessage(String startInfo, byte[] root, Map<String, Attachment> attachments) {
        this.startInfo = startInfo;
        this.root = root;
        this.attachments = attachments;
    }

    /** The parameters of a Content-Type, names in lower case, quotes removed. */
    static Map<String, String> params(String contentType) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = contentType.indexOf(';');
        while (i >= 0 && i < contentType.length()) {
            int eq = contentType.indexOf('=', i + 1);
            if (eq < 0) {
                break;
            }
            String name = contentType.substring(i + 1, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < contentType.length() && contentType.charAt(j) == ' ') {
                j++;
            }
            StringBuilder value = new StringBuilder();
            if (j < contentType.length() && contentType.charAt(j) == '"') {
                j++;
                while (j < contentType.length() && contentType.charAt(j) != '"') {
                    char c = contentType.charAt(j);
                    if (c == '\\' && j + 1 < contentType.length()) {
                        c = contentType.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                j++;
            } else {
                while (j < contentType.length() && contentType.charAt(j) != ';') {
                    value.append(contentType.charAt(j++));
                }
            }
            out.put(name, value.toString().strip());
            i = contentType.indexOf(';', j);
        }
        return out;
    }

    /** Reads the whole message; throws IllegalArgumentException naming what is wrong with its framing. */
    static XopMessage read(String contentType, InputStream in) throws IOException {
        Map<String, String> params = params(contentType);
        if (!"application/xop+xml".equalsIgnoreCase(params.get("type"))) {
            throw new IllegalArgumentException("a multipart/related request must have type=\"application/xop+xml\", was "
                    + params.get("type"));
        }
        String boundary = params.get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new IllegalArgumentException("multipart/related without a boundary");
        }
        String start = params.get("start");
        Reader r = new Reader(in, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII));
        if (!r.line().equals("--" + boundary)) {
            throw new IllegalArgumentException("the body does not start with the boundary");
        }
        byte[] root = null;
        Map<String, Attachment> attachments = new LinkedHashMap<>();
        while (true) {
            Map<String, String> headers = r.headers();
            String id = headers.getOrDefault("content-id", "").strip();
            String type = headers.getOrDefault("content-type", "");
            if (root == null) {
                if (start != null && !start.equals(id)) {
                    throw new IllegalArgumentException("the first part's Content-ID " + id
                            + " is not the start parameter " + start);
                }
                if (!type.toLowerCase(Locale.ROOT).startsWith("application/xop+xml")) {
                    throw new IllegalArgumentException("the root part's Content-Type must be application/xop+xml, was "
                            + type);
                }
                ByteArrayOutputStream envelope = new ByteArrayOutputStream();
                r.part((b, off, len) -> {
                    if (envelope.size() + len > MAX_ROOT) {
                        throw new IllegalArgumentException("the root part is larger than " + MAX_ROOT + " bytes");
                    }
                    envelope.write(b, off, len);
                });
                root = envelope.toByteArray();
            } else {
                if (!id.startsWith("<") || !id.endsWith(">")) {
                    throw new IllegalArgumentException("an attachment without a Content-ID <...>: " + id);
                }
                MessageDigest digest = sha256();
                long[] size = {0};
                r.part((b, off, len) -> {
                    digest.update(b, off, len);
                    size[0] += len;
                });
                attachments.put(id.substring(1, id.length() - 1),
                        new Attachment(type, size[0], HexFormat.of().formatHex(digest.digest())));
            }
            String after = r.line();
            if (after.equals("--")) {
                break;
            }
            if (!after.isEmpty()) {
                throw new IllegalArgumentException("a boundary followed by '" + after + "'");
            }
        }
        if (root == null) {
            throw new IllegalArgumentException("a multipart/related request without parts");
        }
        String startInfo = params.get("start-info");
        return new XopMessage(startInfo, root, attachments);
    }

    private interface Sink {
        void accept(byte[] b, int off, int len);
    }

    /** A buffer over the body that finds the delimiter without holding more than the buffer. */
    private static final class Reader {
        private final InputStream in;
        private final byte[] delimiter;
        private final byte[] buf = new byte[64 * 1024];
        private int start;
        private int end;
        private boolean eof;

        Reader(InputStream in, byte[] delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
                return false;
            }
            end += n;
            return true;
        }

        /** An ASCII line without its CRLF. */
        String line() throws IOException {
            StringBuilder s = new StringBuilder();
            while (true) {
                if (start == end && !fill()) {
                    if (s.length() > 0) {
                        return s.toString(); // the closing delimiter's "--" needs no CRLF after it
                    }
                    throw new IllegalArgumentException("the body ended inside a line");
                }
                byte b = buf[start++];
                if (b == '\n' && s.length() > 0 && s.charAt(s.length() - 1) == '\r') {
                    return s.substring(0, s.length() - 1);
                }
                if (s.length() > 8192) {
                    throw new IllegalArgumentException("a header line longer than 8 KiB");
                }
                s.append((char) (b & 0xff));
            }
        }

        Map<String, String> headers() throws IOException {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                if (colon > 0) {
                    headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
                }
            }
            return headers;
        }

        /** The part's content up to the delimiter, passed on in pieces; the delimiter consumed. */
        void part(Sink sink) throws IOException {
            while (true) {
                int found = indexOf();
                if (found >= 0) {
                    sink.accept(buf, start, found - start);
                    start = found + delimiter.length;
                    return;
                }
                int safe = end - delimiter.length + 1; // a delimiter may begin in the last bytes
                if (safe > start) {
                    sink.accept(buf, start, safe - start);
                    start = safe;
                }
                if (!fill()) {
                    throw new IllegalArgumentException("a part without a closing boundary");
                }
            }
        }

        private int indexOf() {
            outer:
            for (int i = start; i <= end - delimiter.length; i++) {
                for (int j = 0; j < delimiter.length; j++) {
                    if (buf[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
