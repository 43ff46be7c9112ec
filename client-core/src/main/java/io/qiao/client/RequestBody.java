package io.qiao.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * A request body. In-memory bodies (JSON, forms) can be read as text for signing and for redacted
 * logging; streaming bodies (files, multipart uploads) are opened afresh for each attempt so that a
 * retry re-sends the whole content, and they are never read into memory.
 */
public abstract class RequestBody {

    RequestBody() {
    }

    public abstract String contentType();

    /** The length in bytes, or -1 when unknown. */
    public abstract long contentLength();

    /** Opens the content from its beginning. Each call gives a new stream. */
    public abstract InputStream open() throws IOException;

    /** The body as text when it is small and in memory (JSON, forms); empty for streamed content. */
    public Optional<String> text() {
        return Optional.empty();
    }

    public static RequestBody json(String json) {
        return new Bytes(json.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8", json);
    }

    public static RequestBody text(String text, String contentType) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8), contentType, text);
    }

    public static RequestBody bytes(byte[] bytes, String contentType) {
        return new Bytes(bytes.clone(), contentType, null);
    }

    /**
     * An {@code application/x-www-form-urlencoded} body. The fields keep their order and stay readable
     * through {@link Form#fields()}, so that the logging interceptor can redact by field name.
     */
    public static Form form(Map<String, String> fields) {
        return new Form(fields);
    }

    /** A body streamed from a file; the file is opened for each attempt, never loaded whole. */
    public static RequestBody file(Path path, String contentType) {
        Objects.requireNonNull(path, "path");
        return stream(() -> {
            try {
                return Files.newInputStream(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, sizeOf(path), contentType);
    }

    public static RequestBody stream(Supplier<InputStream> opener, long length, String contentType) {
        return new Streamed(opener, length, contentType);
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
    }

    static final class Bytes extends RequestBody {
        private final byte[] bytes;
        private final String contentType;
        private final String text;

        Bytes(byte[] bytes, String contentType, String text) {
            this.bytes = bytes;
            this.contentType = contentType;
            this.text = text;
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new java.io.ByteArrayInputStream(bytes);
        }

        @Override
        public Optional<String> text() {
            return Optional.ofNullable(text);
        }

        byte[] bytes() {
            return bytes;
        }
    }

    /** A URL-encoded form; see {@link RequestBody#form(Map)}. */
    public static final class Form extends RequestBody {
        private final Map<String, String> fields;
        private final byte[] encoded;

        Form(Map<String, String> fields) {
            Map<String, String> copy = new LinkedHashMap<>();
            fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "form field name"),
                    Objects.requireNonNull(v, () -> "value of form field " + k)));
            this.fields = Collections.unmodifiableMap(copy);
            StringJoiner j = new StringJoiner("&");
            this.fields.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            this.encoded = j.toString().getBytes(StandardCharsets.UTF_8);
        }

        public Map<String, String> fields() {
            return fields;
        }

        @Override
        public String contentType() {
            return "application/x-www-form-urlencoded; charset=utf-8";
        }

        @Override
        public long contentLength() {
            return encoded.length;
        }

        @Override
        public InputStream open() {
            return new java.io.ByteArrayInputStream(encoded);
        }

        @Override
        public Optional<String> text() {
            return Optional.of(new String(encoded, StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return encoded;
        }
    }

    static final class Streamed extends RequestBody {
        private final Supplier<InputStream> opener;
        private final long length;
        private final String contentType;

        Streamed(Supplier<InputStream> opener, long length, String contentType) {
            this.opener = Objects.requireNonNull(opener, "opener");
            this.length = length;
            this.contentType = Objects.requireNonNull(contentType, "contentType");
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public InputStream open() throws IOException {
            try {
                return opener.get();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
