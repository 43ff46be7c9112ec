package io.qiao.archive.internal;

import io.qiao.archive.SoapMapping;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the SOAP requests of a {@link SoapMapping} with the JDK's StAX writer (escaping and namespaces are the
 * writer's, never string concatenation). A file upload is written once with an empty {@code content} element and a
 * placeholder SHA-256; each attempt then streams that envelope's head, the file's base64 text encoded as it is read,
 * and its tail with the digest computed on the way patched in (64 hex digits in place of 64 zeros), so the request has
 * an exact Content-Length and the file is never in memory. With {@link SoapMapping.FileTransfer#MTOM} the file travels
 * instead as the binary part of a {@code multipart/related} request, also streamed with an exact Content-Length.
 */
public final class SoapEnvelope {
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final String PLACEHOLDER_SHA256 = "0".repeat(64);
    private static final String XOP = "http://www.w3.org/2004/08/xop/include";

    private final SoapMapping mapping;

    public SoapEnvelope(SoapMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * An in-memory request: {@code operation} with {@code params} (logical name to value, in order; null values left
     * out) and the token, if any, where the mapping puts it.
     */
    public Request.Builder request(URI endpoint, SoapMapping.Operation operation, String token,
                                   List<Map.Entry<String, String>> params) {
        Written w = write(operation, token, params, false, null, List.of());
        return post(endpoint, operation, RequestBody.bytes(w.bytes, contentType(operation)));
    }

    /**
     * A streamed upload: {@code params} before the file's {@code content}, then {@code sha256} computed while it
     * streams, published to {@code sha256} when the content ended.
     */
    public Request.Builder upload(URI endpoint, String token, List<Map.Entry<String, String>> params, Path file,
                                  String fileName, long size, AtomicReference<String> sha256) {
        if (mapping.fileTransfer() == SoapMapping.FileTransfer.MTOM) {
            return mtom(endpoint, token, params, file, fileName, size, sha256);
        }
        Written w = write(SoapMapping.Operation.UPLOAD, token, params, true, null,
                List.of(Map.entry("sha256", PLACEHOLDER_SHA256)));
        byte[] head = Arrays.copyOfRange(w.bytes, 0, w.contentAt);
        byte[] tail = Arrays.copyOfRange(w.bytes, w.contentAt, w.bytes.length);
        int shaInTail = w.shaAt - w.contentAt;
        long length = w.bytes.length + Base64Stream.encodedLength(size);
        RequestBody body = RequestBody.stream(() -> {
            InputStream content;
            try {
                content = Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            InputStream encoded = new Base64Stream(new DigestingStream(content, fileName, size, sha256::set));
            List<InputStream> parts = Arrays.asList(new ByteArrayInputStream(head), encoded, null);
            return new SequenceInputStream(new java.util.Enumeration<InputStream>() {
                        private int next;

                        @Override
                        public boolean hasMoreElements() {
                            return next < 3;
                        }

                        @Override
                        public InputStream nextElement() {
                            int i = next++;
                            if (i < 2) {
                                return parts.get(i);
                            }
                            // Built only after the content ended, when the digest is known.
                            byte[] patched = tail.clone();
                            byte[] hex = sha256.get().getBytes(StandardCharsets.US_ASCII);
                            System.arraycopy(hex, 0, patched, shaInTail, hex.length);
                            return new ByteArrayInputStream(patched);
                        }
                    }) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        encoded.close();
                    }
                }
            };
        }, length, contentType(SoapMapping.Operation.UPLOAD));
        return post(endpoint, SoapMapping.Operation.UPLOAD, body);
    }

    /**
     * An MTOM/XOP upload: {@code multipart/related} with the envelope as its root part ({@code content} holding an
     * {@code xop:Include}) and the file's bytes as the second part, streamed from disk. The envelope, which comes
     * first, carries the SHA-256, so the digest is taken in a pass over the file before sending; the bytes sent are
     * digested again and a file that changed in between fails the request instead of arriving with a wrong digest.
     */
    private Request.Builder mtom(URI endpoint, String token, List<Map.Entry<String, String>> params, Path file,
                                 String fileName, long size, AtomicReference<String> sha256) {
        String digest = digest(file);
        String unique = UUID.randomUUID().toString();
        String contentId = "file-" + unique + "@qiao.io";
        String rootId = "<root-" + unique + "@qiao.io>";
        String boundary = "qiao-mtom-" + unique;
        Written w = write(SoapMapping.Operation.UPLOAD, token, params, true, "cid:" + contentId,
                List.of(Map.entry("sha256", digest)));
        String soapType = mapping.version() == SoapMapping.Version.SOAP_11 ? "text/xml" : "application/soap+xml";
        String action = mapping.action(SoapMapping.Operation.UPLOAD);
        String rootType = "application/xop+xml; charset=UTF-8; type=\"" + soapType
                + (mapping.version() == SoapMapping.Version.SOAP_12 && !action.isEmpty()
                ? "; action=\\\"" + action + "\\\"" : "") + "\"";
        String fileType = params.stream().filter(p -> p.getKey().equals("contentType")).map(Map.Entry::getValue)
                .findFirst().orElse("application/octet-stream");
        byte[] rootHead = ("--" + boundary + "\r\nContent-Type: " + rootType
                + "\r\nContent-Transfer-Encoding: 8bit\r\nContent-ID: " + rootId + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] fileHead = ("\r\n--" + boundary + "\r\nContent-Type: " + fileType
                + "\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <" + contentId + ">\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] head = new byte[rootHead.length + w.bytes.length + fileHead.length];
        System.arraycopy(rootHead, 0, head, 0, rootHead.length);
        System.arraycopy(w.bytes, 0, head, rootHead.length, w.bytes.length);
        System.arraycopy(fileHead, 0, head, rootHead.length + w.bytes.length, fileHead.length);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        String contentType = "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary
                + "\"; start=\"" + rootId + "\"; start-info=\"" + soapType + "\""
                + (mapping.version() == SoapMapping.Version.SOAP_12 && !action.isEmpty()
                ? "; action=\"" + action + "\"" : "");
        RequestBody body = RequestBody.stream(() -> {
            InputStream content;
            try {
                content = Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            InputStream checked = new DigestingStream(content, fileName, size, sent -> {
                if (!sent.equals(digest)) {
                    throw new UncheckedIOException(new IOException(fileName + " changed while it was being uploaded "
                            + "(its SHA-256 is no longer the one announced)"));
                }
                sha256.set(sent);
            });
            return new SequenceInputStream(java.util.Collections.enumeration(List.of(new ByteArrayInputStream(head),
                    checked, new ByteArrayInputStream(tail))));
        }, head.length + size + tail.length, contentType);
        return post(endpoint, SoapMapping.Operation.UPLOAD, body);
    }

    /** The file's SHA-256, read in pieces. */
    private static String digest(Path file) {
        MessageDigest md = DigestingStream.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private Request.Builder post(URI endpoint, SoapMapping.Operation operation, RequestBody body) {
        Request.Builder b = Request.post(endpoint, body);
        if (mapping.version() == SoapMapping.Version.SOAP_11) {
            // SOAP 1.1 section 6.1.1: the header's value is a quoted URI (an empty one is "").
            b.header("SOAPAction", "\"" + mapping.action(operation) + "\"");
        }
        return b;
    }

    /** The Content-Type: 1.1 {@code text/xml}; 1.2 {@code application/soap+xml} with the action as a parameter. */
    public String contentType(SoapMapping.Operation operation) {
        if (mapping.version() == SoapMapping.Version.SOAP_11) {
            return "text/xml; charset=utf-8";
        }
        String action = mapping.action(operation);
        return "application/soap+xml; charset=utf-8" + (action.isEmpty() ? "" : "; action=\"" + action + "\"");
    }

    /** The envelope's bytes, where the file's base64 text goes ({@code -1}: none) and where its digest is. */
    private record Written(byte[] bytes, int contentAt, int shaAt) {
    }

    private Written write(SoapMapping.Operation operation, String token, List<Map.Entry<String, String>> params,
                          boolean content, String xopHref, List<Map.Entry<String, String>> after) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        String env = mapping.version().envelopeNamespace();
        String ns = mapping.namespace();
        int contentAt = -1;
        int shaAt = -1;
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(buffer, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setPrefix("soap", env);
            w.setPrefix("tns", ns);
            w.writeStartElement("soap", "Envelope", env);
            w.writeNamespace("soap", env);
            w.writeNamespace("tns", ns);
            if (token != null && mapping.tokenPlace() == SoapMapping.TokenPlace.HEADER) {
                w.writeStartElement("soap", "Header", env);
                element(w, mapping.tokenElement(), token);
                w.writeEndElement();
            }
            w.writeStartElement("soap", "Body", env);
            w.writeStartElement("tns", mapping.operation(operation), ns);
            if (token != null && mapping.tokenPlace() == SoapMapping.TokenPlace.PARAMETER) {
                element(w, mapping.tokenElement(), token);
            }
            for (Map.Entry<String, String> p : params) {
                if (p.getValue() != null) {
                    element(w, mapping.element(p.getKey()), p.getValue());
                }
            }
            if (content && xopHref != null) {
                w.writeStartElement("tns", mapping.element("content"), ns);
                w.writeStartElement("xop", "Include", XOP);
                w.writeNamespace("xop", XOP);
                w.writeAttribute("href", xopHref);
                w.writeEndElement();
                w.writeEndElement();
            } else if (content) {
                w.writeStartElement("tns", mapping.element("content"), ns);
                w.writeCharacters(""); // closes the start tag, so the flushed length is where the text begins
                w.flush();
                contentAt = buffer.size();
                w.writeEndElement();
            }
            for (Map.Entry<String, String> p : after) {
                w.writeStartElement("tns", mapping.element(p.getKey()), ns);
                w.writeCharacters("");
                w.flush();
                shaAt = buffer.size();
                w.writeCharacters(p.getValue());
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the SOAP request " + mapping.operation(operation), e);
        }
        return new Written(buffer.toByteArray(), contentAt, shaAt);
    }

    private void element(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement("tns", name, mapping.namespace());
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
