package io.qiao.archive.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.archive.SoapMapping;
import io.qiao.archive.SoapMapping.Operation;
import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.archive.model.ArchiveRecord;
import io.qiao.archive.model.FileFacts;
import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.Page;
import io.qiao.client.Request;
import io.qiao.client.Response;
import io.qiao.client.Secret;
import io.qiao.client.internal.HttpPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.xml.stream.XMLStreamException;

/**
 * The archive calls over a SOAP web service named by a {@link SoapMapping}. The token comes from the
 * {@code authenticate} operation and travels where the mapping says; a request refused for its token (a fault the
 * mapping counts as 401) is sent once more with a fresh one, through the pipeline again so the re-send waits for a
 * rate-limit permit of its own.
 */
public final class SoapOperations implements ArchiveOperations {
    private final SoapMapping mapping;
    private final SoapEnvelope envelope;
    private final URI endpoint;
    private final HttpPipeline pipeline;
    private final ArchiveTokens tokens;
    private final Json json;
    private final Duration uploadTimeout;

    /**
     * @param authPipeline the pipeline of {@code authenticate}; {@code pipeline} that of every other call (both with a
     *                     {@link SoapFaultInterceptor})
     */
    public SoapOperations(SoapMapping mapping, URI endpoint, HttpPipeline authPipeline, HttpPipeline pipeline,
                          String appKey, Secret appSecret, Function<ArchiveTokens.Source, ArchiveTokens> tokens,
                          Json json, Duration uploadTimeout) {
        this.mapping = mapping;
        this.envelope = new SoapEnvelope(mapping);
        this.endpoint = endpoint;
        this.pipeline = pipeline;
        this.json = json;
        this.uploadTimeout = uploadTimeout;
        this.tokens = tokens.apply(() -> authenticate(authPipeline, appKey, appSecret));
    }

    private ArchiveTokens.Issued authenticate(HttpPipeline authPipeline, String appKey, Secret appSecret) {
        Request request = envelope.request(endpoint, Operation.AUTHENTICATE, null,
                        List.of(Map.entry("appKey", appKey), Map.entry("appSecret", appSecret.reveal())))
                .operation(Operations.TOKEN).endpointClass("auth").idempotent(true).build();
        XmlElement answer = payload(Operations.TOKEN, authPipeline.execute(request));
        String token = text(answer, "accessToken");
        if (token == null) {
            throw new DecodeException(Operations.TOKEN, "no " + mapping.element("accessToken") + " in the answer",
                    "", null);
        }
        String expiresIn = text(answer, "expiresIn");
        try {
            return new ArchiveTokens.Issued(token, expiresIn == null ? 7200 : Long.parseLong(expiresIn), null);
        } catch (NumberFormatException e) {
            throw new DecodeException(Operations.TOKEN, mapping.element("expiresIn") + " '" + expiresIn
                    + "' is not a number of seconds", "", e);
        }
    }

    @Override
    public Page<ArchiveRecord> page(ArchiveQuery q, int page) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("startDate", q.startDate().toString()));
        params.add(Map.entry("endDate", q.endDate().toString()));
        if (q.deptCode() != null) params.add(Map.entry("deptCode", q.deptCode()));
        if (q.archiveNo() != null) params.add(Map.entry("archiveNo", q.archiveNo()));
        params.add(Map.entry("page", Integer.toString(page)));
        params.add(Map.entry("pageSize", Integer.toString(q.pageSize())));
        XmlElement answer = call(Operations.QUERY, token -> envelope.request(endpoint, Operation.QUERY, token, params)
                .operation(Operations.QUERY).idempotent(true));
        List<ArchiveRecord> records = records(Operations.QUERY, answer);
        long total = number(Operations.QUERY, answer, "total", -1);
        // A service that caps the page size says so in its answer; pages are numbered in its size, not ours.
        long size = number(Operations.QUERY, answer, "pageSize", q.pageSize());
        int pageSize = size > 0 && size <= Integer.MAX_VALUE ? (int) size : q.pageSize();
        boolean more = ArchiveOperations.more(page, pageSize, records.size(), total);
        return new Page<>(records, more ? Integer.toString(page + 1) : null);
    }

    @Override
    public String create(Map<String, Object> metadata) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        metadata.forEach((k, v) -> params.add(Map.entry(k, String.valueOf(v))));
        XmlElement answer = call(Operations.CREATE, token -> envelope.request(endpoint, Operation.CREATE, token, params)
                .operation(Operations.CREATE));
        String id = text(answer, "archiveId");
        if (id == null) {
            throw new DecodeException(Operations.CREATE, "no " + mapping.element("archiveId") + " in the answer",
                    "", null);
        }
        return id;
    }

    @Override
    public Uploaded upload(String archiveId, ArchiveFile file) {
        long size;
        try {
            size = Files.size(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file.path(), e);
        }
        String contentType = file.contentType() != null ? file.contentType() : FileFormats.contentType(file.fileName());
        String format = FileFormats.format(file.fileName());
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("archiveId", archiveId));
        params.add(Map.entry("fileName", file.fileName()));
        params.add(Map.entry("contentType", contentType));
        params.add(Map.entry("fileSize", Long.toString(size)));
        params.add(Map.entry("format", format));
        if (file.scanResolution() != null) {
            params.add(Map.entry("scanResolution", file.scanResolution().toString()));
        }
        AtomicReference<String> sha256 = new AtomicReference<>();
        XmlElement answer = call(Operations.UPLOAD, token -> envelope.upload(endpoint, token, params, file.path(),
                        file.fileName(), size, sha256)
                .operation(Operations.UPLOAD).endpointClass("upload").timeout(uploadTimeout));
        FileFacts facts = new FileFacts(file.fileName(), format, contentType, size, sha256.get(),
                file.scanResolution());
        return new Uploaded(text(answer, "fileId"), text(answer, "sha256"), facts);
    }

    @Override
    public Optional<List<ArchiveRecord>> lookup(String archiveNo) {
        XmlElement answer = call(Operations.LOOKUP, token -> envelope.request(endpoint, Operation.LOOKUP, token,
                List.of(Map.entry("archiveNo", archiveNo))).operation(Operations.LOOKUP).idempotent(true));
        return Optional.of(records(Operations.LOOKUP, answer));
    }

    /** Sends with the current token; once more with a fresh one when the token was refused. */
    private XmlElement call(String operation, Function<String, Request.Builder> request) {
        ArchiveTokens.Token token = tokens.current();
        Response response;
        try {
            response = pipeline.execute(request.apply(token.value().reveal()).build());
        } catch (ApiException e) {
            if (e.httpStatus() != 401) {
                throw e;
            }
            tokens.invalidate(token);
            response = pipeline.execute(request.apply(tokens.current().value().reveal()).build());
        }
        return payload(operation, response);
    }

    /** The answer's payload: the first element inside {@code Body}. */
    private XmlElement payload(String operation, Response response) {
        try {
            XmlElement root = XmlElement.parse(response.body());
            return root.child("Body").flatMap(b -> b.children().stream().findFirst())
                    .orElseThrow(() -> new DecodeException(operation, "the answer has no SOAP Body with content",
                            pipeline.redactor().excerpt(response.body(), 300), null));
        } catch (XMLStreamException e) {
            throw new DecodeException(operation, "the answer is not XML: " + e.getMessage(),
                    pipeline.redactor().excerpt(response.body(), 300), e);
        }
    }

    /** The records of an answer: each {@code record} element, its children by logical name, its files as a list. */
    private List<ArchiveRecord> records(String operation, XmlElement answer) {
        List<ArchiveRecord> out = new ArrayList<>();
        for (XmlElement r : answer.find(mapping.element("record"))) {
            ObjectNode node = json.mapper().createObjectNode();
            for (XmlElement field : r.children()) {
                String name = mapping.logicalName(field.name());
                if (name.equals("files")) {
                    continue;
                }
                node.put(name, field.text());
            }
            ArrayNode files = node.putArray("files");
            for (XmlElement f : r.find(mapping.element("file"))) {
                ObjectNode fn = files.addObject();
                f.children().forEach(c -> fn.put(mapping.logicalName(c.name()), c.text()));
            }
            out.add(json.convert(operation, node, ArchiveRecord.class));
        }
        return out;
    }

    private String text(XmlElement answer, String logicalName) {
        return answer.first(mapping.element(logicalName)).map(XmlElement::text).filter(t -> !t.isEmpty()).orElse(null);
    }

    private long number(String operation, XmlElement answer, String logicalName, long fallback) {
        String t = text(answer, logicalName);
        try {
            return t == null ? fallback : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new DecodeException(operation, mapping.element(logicalName) + " '" + t + "' is not a number", "", e);
        }
    }
}
