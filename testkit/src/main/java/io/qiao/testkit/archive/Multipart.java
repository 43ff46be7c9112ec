package io.qiao.testkit.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A strict {@code multipart/form-data} reader (RFC 7578), written here rather than borrowed from WireMock so the
 * simulator checks the client's framing on its own terms. Part headers are read as UTF-8; a file name is taken from
 * {@code filename*=UTF-8''...} (RFC 5987) when present, else from {@code filename="..."} with the browser escapes
 * {@code %22}, {@code %0D}, {@code %0A} undone.
 */
final class Multipart {
    /** One part; {@code content} is a view of the body (offset, length), never a copy. */
    record Part(String name, String fileName, String contentType, byte[] body, int offset, int length) {
        String text() {
            return new String(body, offset, length, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("Content-Type must be multipart/form-data, was " + contentType);
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring(9);
                return b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
            }
        }
        throw new IllegalArgumentException("multipart Content-Type without a boundary");
    }

    static Map<String, Part> parse(byte[] body, String boundary) {
        byte[] first = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        if (indexOf(body, first, 0) != 0) {
            throw new IllegalArgumentException("the body does not start with the boundary");
        }
        Map<String, Part> parts = new LinkedHashMap<>();
        int pos = first.length;
        while (true) {
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("a part without the blank line after its headers");
            }
            Map<String, String> headers = headers(new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8));
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, delimiter, contentStart);
            if (contentEnd < 0) {
                throw new IllegalArgumentException("a part without a closing boundary");
            }
            String disposition = headers.get("content-disposition");
            if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
                throw new IllegalArgumentException("a part without Content-Disposition: form-data");
            }
            Map<String, String> params = dispositionParams(disposition);
            String name = params.get("name");
            if (name == null) {
                throw new IllegalArgumentException("a part without a name");
            }
            String fileName = params.containsKey("filename*") ? extended(params.get("filename*"))
                    : params.containsKey("filename") ? unescape(params.get("filename")) : null;
            parts.put(name, new Part(name, fileName, headers.get("content-type"), body, contentStart,
                    contentEnd - contentStart));
            pos = contentEnd + delimiter.length;
            if (pos + 2 <= body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts;
            }
            if (pos + 2 > body.length || body[pos] != '\r' || body[pos + 1] != '\n') {
                throw new IllegalArgumentException("a boundary not followed by CRLF or --");
            }
            pos += 2;
        }
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                h.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return h;
    }

    /** Parameters of a Content-Disposition value; quoted values may contain ';'. */
    private static Map<String, String> dispositionParams(String value) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            i++;
            while (i < value.length() && value.charAt(i) == ' ') i++;
            int eq = value.indexOf('=', i);
            if (eq < 0) break;
            String key = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            String v;
            if (j < value.length() && value.charAt(j) == '"') {
                int close = value.indexOf('"', j + 1);
                if (close < 0) throw new IllegalArgumentException("unterminated quoted parameter " + key);
                v = value.substring(j + 1, close);
                i = value.indexOf(';', close);
            } else {
                int semi = value.indexOf(';', j);
                v = value.substring(j, semi < 0 ? value.length() : semi).strip();
                i = semi;
            }
            params.put(key, v);
        }
        return params;
    }

    private static String unescape(String s) {
        return s.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
    }

    private static String extended(String s) {
        int q = s.indexOf("''");
        String charset = q < 0 ? "UTF-8" : s.substring(0, q);
        String encoded = q < 0 ? s : s.substring(q + 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(java.nio.charset.Charset.forName(charset));
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
