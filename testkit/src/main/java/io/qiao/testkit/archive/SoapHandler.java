package io.qiao.testkit.archive;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/** Answers the reference SOAP service's requests from {@link ArchiveState}, reading each envelope as a stream. */
final class SoapHandler implements HttpHandler {
    static final String SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP_12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final String NS = ArchiveSoapSimulator.NAMESPACE;
    private static final String XOP = "http://www.w3.org/2004/08/xop/include";
    private static final List<String> REQUIRED = List.of("archiveNo", "title", "author", "docDate", "retentionPeriod");
    private static final List<String> RECORD_FIELDS = List.of("archiveNo", "title", "author", "docDate",
            "retentionPeriod", "securityLevel", "secrecyPeriod", "archiveDept", "archiveTime", "archivePerson",
            "docNumber", "pageCount");
    private static final int JOURNAL_LIMIT = 1 << 20;
    private static final int JOURNAL_EXCERPT = 64 * 1024;

    private final ArchiveState state;
    private final ArchiveFaults faults;
    private final Consumer<SimulatedRequest> journal;
    private final XMLInputFactory input;
    private final XMLOutputFactory output = XMLOutputFactory.newFactory();

    SoapHandler(ArchiveState state, ArchiveFaults faults, Consumer<SimulatedRequest> journal) {
        this.state = state;
        this.faults = faults;
        this.journal = journal;
        this.input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        input.setProperty(XMLInputFactory.IS_COALESCING, false); // large base64 text arrives in chunks
    }

    /** A refusal or failure, answered as a SOAP fault. */
    private static final class Fault extends RuntimeException {
        final boolean client;
        final String code;
        final Map<String, String> detail = new LinkedHashMap<>();

        Fault(boolean client, String code, String message) {
            super(message);
            this.client = client;
            this.code = code;
        }
    }

    /** The connection is dropped without an answer (the server closes it when a handler throws). */
    private static final class Reset extends RuntimeException {
        Reset() {
            super("injected connection reset");
        }
    }

    /** A request as read: its operation, parameters, header token, and the upload's decoded facts. */
    private static final class Call {
        String version;
        String operation;
        String token;
        final Map<String, String> params = new LinkedHashMap<>();
        long contentLength = -1;
        String contentSha256;
        String badContent;
        String xopHref;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET") && "wsdl".equalsIgnoreCase(exchange.getRequestURI().getQuery())) {
                wsdl(exchange);
                return;
            }
            if (!exchange.getRequestURI().getPath().equals(ArchiveSoapSimulator.PATH)) {
                byte[] notFound = ("no service at " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, notFound.length);
                exchange.getResponseBody().write(notFound);
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            boolean xop = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("multipart/related");
            String soapType = xop ? XopMessage.params(contentType).getOrDefault("start-info", "") : contentType;
            String version = soapType != null && soapType.startsWith("application/soap+xml") ? SOAP_12 : SOAP_11;
            Journal body = new Journal(exchange.getRequestBody());
            Call call = null;
            byte[] answer;
            int status = 200;
            try {
                if (!exchange.getRequestMethod().equals("POST")) {
                    throw new Fault(true, "METHOD_NOT_ALLOWED", "POST a SOAP envelope, or GET ?wsdl");
                }
                if (soapType == null || !soapType.startsWith("text/xml") && !soapType.startsWith(
                        "application/soap+xml")) {
                    throw new Fault(true, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be text/xml (SOAP 1.1) or "
                            + "application/soap+xml (SOAP 1.2), or multipart/related with one of them as start-info "
                            + "(MTOM), was " + contentType);
                }
                call = xop ? readXop(contentType, body, version) : read(body, version);
                checkAction(exchange, contentType, call);
                answer = dispatch(call);
            } catch (Fault f) {
                status = version.equals(SOAP_12) && f.client ? 400 : 500;
                answer = fault(version, f);
            } finally {
                body.drain();
                journal.accept(body.request(exchange));
            }
            exchange.getResponseHeaders().set("Content-Type", version.equals(SOAP_12)
                    ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private void wsdl(HttpExchange exchange) throws IOException {
        byte[] wsdl;
        try (InputStream in = SoapHandler.class.getClassLoader().getResourceAsStream(
                ArchiveSoapSimulator.WSDL_RESOURCE)) {
            wsdl = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(200, wsdl.length);
        exchange.getResponseBody().write(wsdl);
    }

    private static void checkAction(HttpExchange exchange, String contentType, Call call) {
        String action;
        if (call.version.equals(SOAP_11)) {
            action = exchange.getRequestHeaders().getFirst("SOAPAction");
            if (action == null) {
                throw new Fault(true, "MISSING_SOAP_ACTION", "SOAP 1.1 requests need a SOAPAction header");
            }
        } else {
            int at = contentType.indexOf("action=");
            action = at < 0 ? "" : contentType.substring(at + 7).split(";")[0];
        }
        action = action.strip().replace("\"", "");
        String expected = NS + "#" + call.operation;
        if (!action.isEmpty() && !action.equals(expected)) {
            throw new Fault(true, "ACTION_MISMATCH", "the SOAPAction " + action + " does not match the operation "
                    + call.operation + " (expected " + expected + ")");
        }
    }

    // Reading

    /** An MTOM request: the envelope from the root part, the content from the attachment its xop:Include names. */
    private Call readXop(String contentType, InputStream in, String version) {
        XopMessage message;
        try {
            message = XopMessage.read(contentType, in);
        } catch (IllegalArgumentException e) {
            throw new Fault(true, "MALFORMED_MULTIPART", "the MTOM request is malformed: " + e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Call call = read(new java.io.ByteArrayInputStream(message.root), version);
        if (call.xopHref != null) {
            String cid = java.net.URLDecoder.decode(call.xopHref.substring(4), StandardCharsets.UTF_8);
            XopMessage.Attachment a = message.attachments.get(cid);
            if (a == null) {
                call.badContent = "the xop:Include names " + call.xopHref + ", which is not a part of the request";
            } else {
                call.contentLength = a.size();
                call.contentSha256 = a.sha256();
            }
        }
        return call;
    }

    private Call read(InputStream in, String version) {
        Call call = new Call();
        call.version = version;
        try {
            XMLStreamReader r = input.createXMLStreamReader(in);
            r.nextTag();
            if (!r.getLocalName().equals("Envelope")) {
                throw new Fault(true, "NOT_AN_ENVELOPE", "the root element is " + r.getLocalName() + ", not Envelope");
            }
            if (!version.equals(r.getNamespaceURI())) {
                throw new Fault(true, "VERSION_MISMATCH", "the Envelope's namespace " + r.getNamespaceURI()
                        + " does not match the Content-Type's SOAP version (" + version + ")");
            }
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (r.getLocalName().equals("Header")) {
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        String name = r.getLocalName();
                        String text = r.getElementText();
                        if (name.equals("Token")) {
                            call.token = text.strip();
                        }
                    }
                } else if (r.getLocalName().equals("Body")) {
                    r.nextTag();
                    call.operation = r.getLocalName();
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        if (r.getLocalName().equals("content")) {
                            content(r, call);
                        } else {
                            call.params.put(r.getLocalName(), r.getElementText().strip());
                        }
                    }
                    r.nextTag(); // </Body>
                } else {
                    r.getElementText();
                }
            }
            return call;
        } catch (XMLStreamException e) {
            throw new Fault(true, "MALFORMED_ENVELOPE", "the request is not a well-formed SOAP envelope: "
                    + e.getMessage());
        }
    }

    /** Decodes the base64 text of {@code content} chunk by chunk into a count and a digest; keeps no content. */
    private static void content(XMLStreamReader r, Call call) throws XMLStreamException {
        MessageDigest digest = sha256();
        Base64.Decoder decoder = Base64.getDecoder();
        StringBuilder pending = new StringBuilder();
        long count = 0;
        while (true) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String href = r.getAttributeValue(null, "href");
                if (!r.getLocalName().equals("Include") || !XOP.equals(r.getNamespaceURI()) || href == null
                        || !href.startsWith("cid:")) {
                    call.badContent = "the content holds an element " + r.getLocalName() + " that is not an "
                            + "xop:Include with a cid: href";
                } else {
                    call.xopHref = href;
                }
                r.getElementText(); // to its end tag
                continue;
            }
            if (event != XMLStreamConstants.CHARACTERS && event != XMLStreamConstants.CDATA
                    && event != XMLStreamConstants.SPACE) {
                continue;
            }
            for (int i = r.getTextStart(), end = i + r.getTextLength(); i < end; i++) {
                char c = r.getTextCharacters()[i];
                if (!Character.isWhitespace(c)) {
                    pending.append(c);
                }
            }
            int whole = pending.length() / 4 * 4;
            if (whole >= 4096 && call.badContent == null) {
                count += decode(decoder, digest, pending.substring(0, whole), call);
                pending.delete(0, whole);
            }
        }
        if (pending.length() % 4 != 0 && call.badContent == null) {
            call.badContent = "the base64 content's length is not a multiple of 4";
        } else if (pending.length() > 0 && call.badContent == null) {
            count += decode(decoder, digest, pending.toString(), call);
        }
        if (call.xopHref != null) {
            if (count > 0 || !pending.isEmpty()) {
                call.badContent = "the content holds both an xop:Include and base64 text";
            }
            return; // the attachment's facts are set once the envelope is read
        }
        call.contentLength = count;
        call.contentSha256 = HexFormat.of().formatHex(digest.digest());
    }

    private static long decode(Base64.Decoder decoder, MessageDigest digest, String chunk, Call call) {
        try {
            byte[] bytes = decoder.decode(chunk);
            digest.update(bytes);
            return bytes.length;
        } catch (IllegalArgumentException e) {
            call.badContent = "the content is not base64: " + e.getMessage();
            return 0;
        }
    }

    // Operations

    private byte[] dispatch(Call call) {
        switch (call.operation) {
            case "Authenticate":
                return authenticate(call);
            case "QueryArchives":
                return authorised(call, ArchiveFaults.Operation.QUERY, () -> query(call));
            case "GetArchiveByNo":
                return authorised(call, ArchiveFaults.Operation.QUERY, () -> lookup(call));
            case "CreateArchive":
                return authorised(call, ArchiveFaults.Operation.CREATE, () -> create(call));
            case "UploadFile":
                return authorised(call, ArchiveFaults.Operation.UPLOAD, () -> upload(call));
            default:
                throw new Fault(true, "UNKNOWN_OPERATION", "no operation " + call.operation);
        }
    }

    private byte[] authenticate(Call call) {
        int n = state.count(ArchiveFaults.Operation.TOKEN, true);
        faults.take(ArchiveFaults.Operation.TOKEN, n).ifPresent(this::raise);
        if (!state.appKey.equals(call.params.get("appKey")) || !state.appSecret.equals(call.params.get("appSecret"))) {
            throw new Fault(true, "INVALID_CLIENT", "unknown appKey or wrong appSecret");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessToken", state.issueToken());
        out.put("expiresIn", state.tokenLifetime.getSeconds());
        return answer(call, out);
    }

    private interface Effect {
        byte[] run();
    }

    private byte[] authorised(Call call, ArchiveFaults.Operation op, Effect effect) {
        int n = state.count(op, true);
        if (call.token == null || call.token.isEmpty()) {
            throw new Fault(true, "UNAUTHORIZED", "the SOAP header element Token is required");
        }
        switch (state.check(call.token)) {
            case UNKNOWN -> throw new Fault(true, "INVALID_TOKEN", "the access token is not known");
            case EXPIRED -> throw new Fault(true, "TOKEN_EXPIRED", "the access token has expired");
            default -> {
            }
        }
        Optional<ArchiveFaults.Fault> fault = faults.take(op, n);
        if (fault.isPresent() && fault.get().kind() == ArchiveFaults.Kind.ECHO_SECRETS) {
            throw new Fault(true, "INVALID_SIGNATURE", "签名不对: app secret " + state.appSecret + " 与 access token "
                    + call.token + " 不匹配");
        }
        if (fault.isPresent() && fault.get().kind() != ArchiveFaults.Kind.FAIL_AFTER) {
            raise(fault.get());
        }
        byte[] answer = effect.run();
        if (fault.isPresent()) { // FAIL_AFTER: the effect happened, the client hears of a failure
            throw new Fault(false, "INTERNAL_ERROR", "injected failure after the " + op + " took effect");
        }
        return answer;
    }

    private void raise(ArchiveFaults.Fault f) {
        switch (f.kind()) {
            case CONNECTION_RESET -> throw new Reset();
            case THROTTLE -> throw new Fault(false, "TOO_MANY_REQUESTS", "injected throttling");
            default -> {
                String code = f.status() == 401 ? "UNAUTHORIZED" : f.status() == 429 ? "TOO_MANY_REQUESTS"
                        : "INJECTED_FAULT";
                throw new Fault(f.status() < 500, code, "injected failure of " + f.operation() + " #" + f.nth());
            }
        }
    }

    private byte[] query(Call call) {
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(call.params.getOrDefault("startDate", ""));
            end = LocalDate.parse(call.params.getOrDefault("endDate", ""));
        } catch (DateTimeParseException e) {
            throw new Fault(true, "INVALID_ARGUMENT", "startDate and endDate are required as yyyy-MM-dd");
        }
        boolean endless = faults.endlessPaging();
        int page = endless ? 1 : number(call, "page", 1);
        int pageSize = number(call, "pageSize", 100);
        if (page < 1 || pageSize < 1) {
            throw new Fault(true, "INVALID_ARGUMENT", "page must be >= 1 and pageSize >= 1");
        }
        pageSize = Math.min(pageSize, state.maxPageSize);
        String dept = call.params.get("deptCode");
        String archiveNo = call.params.get("archiveNo");
        List<SimulatedRecord> matching = state.records().stream()
                .filter(r -> ArchiveHandler.inRange(r.field("docDate"), start, end))
                .filter(r -> dept == null || dept.equals(r.field("archiveDept")))
                .filter(r -> archiveNo == null || archiveNo.equals(r.archiveNo()))
                .toList();
        int from = (int) Math.min((long) (page - 1) * pageSize, matching.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", endless ? Integer.MAX_VALUE : matching.size());
        out.put("page", page);
        out.put("pageSize", pageSize);
        out.put("records", matching.subList(from, Math.min(from + pageSize, matching.size())));
        return answer(call, out);
    }

    private byte[] lookup(Call call) {
        String archiveNo = call.params.get("archiveNo");
        if (archiveNo == null || archiveNo.isBlank()) {
            throw new Fault(true, "INVALID_ARGUMENT", "archiveNo is required");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", state.records().stream().filter(r -> r.archiveNo().equals(archiveNo)).toList());
        return answer(call, out);
    }

    private byte[] create(Call call) {
        for (String field : REQUIRED) {
            if (call.params.getOrDefault(field, "").isBlank()) {
                throw new Fault(true, "INVALID_ARGUMENT", field + " is required");
            }
        }
        try {
            LocalDate.parse(call.params.get("docDate"));
        } catch (DateTimeParseException e) {
            throw new Fault(true, "INVALID_ARGUMENT", "docDate must be yyyy-MM-dd, was " + call.params.get("docDate"));
        }
        Map<String, Object> metadata = new LinkedHashMap<>(call.params);
        String archiveNo = call.params.get("archiveNo");
        long id = state.create(archiveNo, metadata);
        if (id < 0) {
            Fault f = new Fault(true, "DUPLICATE_ARCHIVE_NO", "archiveNo " + archiveNo + " already exists");
            f.detail.put("archiveId", Long.toString(-id));
            throw f;
        }
        return answer(call, Map.of("archiveId", id));
    }

    private byte[] upload(Call call) {
        long archiveId;
        try {
            archiveId = Long.parseLong(call.params.getOrDefault("archiveId", ""));
        } catch (NumberFormatException e) {
            throw new Fault(true, "ARCHIVE_NOT_FOUND", "no archive record " + call.params.get("archiveId"));
        }
        if (!state.exists(archiveId)) {
            throw new Fault(true, "ARCHIVE_NOT_FOUND", "no archive record " + archiveId);
        }
        String fileName = call.params.get("fileName");
        if (call.badContent != null) { // a content there but unusable (an xop:Include naming no part has no length)
            throw new Fault(true, "INVALID_CONTENT", call.badContent);
        }
        if (fileName == null || fileName.isBlank() || call.contentLength < 0) {
            throw new Fault(true, "INVALID_ARGUMENT", "fileName and content are required");
        }
        String declaredSha = call.params.get("sha256");
        if (declaredSha != null && !declaredSha.equalsIgnoreCase(call.contentSha256)) {
            throw new Fault(true, "CHECKSUM_MISMATCH", "declared sha256 " + declaredSha + " but received "
                    + call.contentSha256);
        }
        String declaredSize = call.params.get("fileSize");
        if (declaredSize != null && !declaredSize.equals(Long.toString(call.contentLength))) {
            throw new Fault(true, "SIZE_MISMATCH", "declared fileSize " + declaredSize + " but received "
                    + call.contentLength);
        }
        Integer dpi;
        try {
            dpi = call.params.containsKey("scanResolution") ? Integer.valueOf(call.params.get("scanResolution")) : null;
        } catch (NumberFormatException e) {
            throw new Fault(true, "INVALID_ARGUMENT", "scanResolution must be a whole number of dpi");
        }
        SimulatedFile stored = state.addFile(archiveId, fileName,
                call.params.getOrDefault("contentType", "application/octet-stream"), call.contentLength,
                call.contentSha256, call.params.get("format"), dpi);
        return answer(call, stored.fields());
    }

    // Writing

    /** {@code <OperationResponse>} with one element per entry; a list of records becomes {@code records/record*}. */
    private byte[] answer(Call call, Map<String, Object> fields) {
        return envelope(call.version, w -> {
            w.writeStartElement("tns", call.operation + "Response", NS);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (e.getValue() instanceof List<?> records) {
                    w.writeStartElement("tns", e.getKey(), NS);
                    for (Object o : records) {
                        record(w, (SimulatedRecord) o);
                    }
                    w.writeEndElement();
                } else {
                    element(w, e.getKey(), e.getValue());
                }
            }
            w.writeEndElement();
        });
    }

    private void record(XMLStreamWriter w, SimulatedRecord r) throws XMLStreamException {
        w.writeStartElement("tns", "record", NS);
        element(w, "archiveId", r.archiveId());
        for (String field : RECORD_FIELDS) {
            if (r.field(field) != null) {
                element(w, field, r.field(field));
            }
        }
        if (state.listFilesInQuery) {
            w.writeStartElement("tns", "files", NS);
            for (SimulatedFile f : r.files()) {
                w.writeStartElement("tns", "file", NS);
                for (Map.Entry<String, Object> e : f.fields().entrySet()) {
                    element(w, e.getKey(), e.getValue());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private byte[] fault(String version, Fault f) {
        boolean v12 = version.equals(SOAP_12);
        return envelope(version, w -> {
            w.writeStartElement("soap", "Fault", version);
            String code = "soap:" + (v12 ? (f.client ? "Sender" : "Receiver") : (f.client ? "Client" : "Server"));
            if (v12) {
                w.writeStartElement("soap", "Code", version);
                w.writeStartElement("soap", "Value", version);
                w.writeCharacters(code);
                w.writeEndElement();
                w.writeEndElement();
                w.writeStartElement("soap", "Reason", version);
                w.writeStartElement("soap", "Text", version);
                w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "zh");
                w.writeCharacters(f.getMessage());
                w.writeEndElement();
                w.writeEndElement();
                w.writeStartElement("soap", "Detail", version);
            } else {
                w.writeStartElement("faultcode");
                w.writeCharacters(code);
                w.writeEndElement();
                w.writeStartElement("faultstring");
                w.writeCharacters(f.getMessage());
                w.writeEndElement();
                w.writeStartElement("detail");
            }
            w.writeStartElement("tns", "fault", NS);
            element(w, "errorCode", f.code);
            element(w, "requestId", UUID.randomUUID().toString());
            for (Map.Entry<String, String> e : f.detail.entrySet()) {
                element(w, e.getKey(), e.getValue());
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private interface BodyWriter {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private byte[] envelope(String version, BodyWriter body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = output.createXMLStreamWriter(buffer, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setPrefix("soap", version);
            w.setPrefix("tns", NS);
            w.writeStartElement("soap", "Envelope", version);
            w.writeNamespace("soap", version);
            w.writeNamespace("tns", NS);
            w.writeStartElement("soap", "Body", version);
            body.write(w);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toByteArray();
    }

    private static void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        w.writeStartElement("tns", name, NS);
        w.writeCharacters(String.valueOf(value));
        w.writeEndElement();
    }

    private static int number(Call call, String name, int fallback) {
        String v = call.params.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
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

    /** The request body as read, copied for the journal while it stays below the limit. */
    private static final class Journal extends FilterInputStream {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private long total;

        Journal(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                keep(b, off, n);
            }
            return n;
        }

        private void keep(byte[] b, int off, int n) {
            if (total < JOURNAL_LIMIT) {
                copy.write(b, off, (int) Math.min(n, JOURNAL_LIMIT - total));
            }
            total += n;
        }

        void drain() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // the rest of an envelope a fault cut short, so the connection can be reused
            }
        }

        SimulatedRequest request(HttpExchange exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            byte[] kept = copy.toByteArray();
            String body = total <= JOURNAL_LIMIT ? new String(kept, StandardCharsets.UTF_8)
                    : new String(kept, 0, JOURNAL_EXCERPT, StandardCharsets.UTF_8) + "…";
            return new SimulatedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                    body);
        }
    }
}
