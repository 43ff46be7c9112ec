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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the SOAP requests of a {@link SoapMapping} with the JDK's StAX writer (escaping and namespaces are the
 * writer's, never string concatenation). A file upload is written once with an empty {@code content} element and a
 * placeholder SHA-256; each attempt then streams that envelope's head, the file's base64 text encoded as it is read,
 * and its tail with the digest computed on the way patched in (64 hex digits in place of 64 zeros), so the request has
 * an exact Content-Length and the file is never in memory.
 */
public final class SoapEnvelope {
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final String PLACEHOLDER_SHA256 = "0".repeat(64);

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
        Written w = write(operation, token, params, false, List.of());
        return post(endpoint, operation, RequestBody.bytes(w.bytes, contentType(operation)));
    }

    /**
     * A streamed upload: {@code params} before the file's {@code content}, then {@code sha256} computed while it
     * streams, published to {@code sha256} when the content ended.
     */
    public Request.Builder upload(URI endpoint, String token, List<Map.Entry<String, String>> params, Path file,
                                  String fileName, long size, AtomicReference<String> sha256) {
        Written w = write(SoapMapping.Operation.UPLOAD, token, params, true,
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
                          boolean content, List<Map.Entry<String, String>> after) {
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
            if (content) {
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
