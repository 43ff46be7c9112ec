package io.qiao.archive;

import java.net.URI;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How an archive system's SOAP web service names what the archive client sends and reads: the vendors' services
 * differ in names, not in shape (authenticate, query by date range and department with paging, create from the 文书档案
 * metadata, attach a file, look up by 档号). Given to {@link ArchiveClient.Builder#soap(SoapMapping)}, or read from the
 * {@code [soap]} section of the INI ({@link ArchiveConfig#soap()}). Immutable; {@link #defaults()} is the mapping of the
 * reference service that {@code io.qiao.testkit.archive.ArchiveSoapSimulator} simulates and whose WSDL ships in
 * testkit.
 *
 * <p>Every element is named by a logical name ({@link #LOGICAL_NAMES}); the reference service uses the logical names
 * themselves, so a mapping usually renames a few:
 *
 * <pre>{@code
 * SoapMapping m = SoapMapping.defaults().toBuilder()
 *     .version(SoapMapping.Version.SOAP_12)
 *     .namespace("http://dangan.example.com/ws")
 *     .operation(SoapMapping.Operation.CREATE, "SaveDocument", "http://dangan.example.com/ws/SaveDocument")
 *     .element("archiveNo", "DangHao")
 *     .token(SoapMapping.TokenPlace.PARAMETER, "accessToken")
 *     .build();
 * }</pre>
 *
 * <p>Requests carry the operation element in the target namespace with one child per parameter in the same namespace
 * (the usual {@code elementFormDefault="qualified"} document/literal wrapped style). Answers are read leniently by local
 * name: the records are every {@code record} element of the answer, their files every {@code file} element inside.
 */
public final class SoapMapping {
    /** The SOAP versions: 1.1 ({@code text/xml} and a {@code SOAPAction} header) and 1.2 ({@code application/soap+xml; action=...}). */
    public enum Version {
        SOAP_11("http://schemas.xmlsoap.org/soap/envelope/"),
        SOAP_12("http://www.w3.org/2003/05/soap-envelope");

        private final String envelopeNamespace;

        Version(String envelopeNamespace) {
            this.envelopeNamespace = envelopeNamespace;
        }

        /** The namespace of {@code Envelope}, {@code Header}, {@code Body} and {@code Fault}. */
        public String envelopeNamespace() {
            return envelopeNamespace;
        }
    }

    /** The operations the client calls, by their INI key. */
    public enum Operation {
        AUTHENTICATE("authenticate"), QUERY("query"), CREATE("create"), UPLOAD("upload"), LOOKUP("lookup");

        private final String key;

        Operation(String key) {
            this.key = key;
        }

        /** The name in the INI keys {@code operation.<key>} and {@code action.<key>}. */
        public String key() {
            return key;
        }
    }

    /** Where the access token travels: an element of the SOAP header, or a parameter of each operation. */
    public enum TokenPlace { HEADER, PARAMETER }

    /**
     * How files travel: {@code BASE64} text inside the upload's {@code content} element, or {@code MTOM}: the request is
     * {@code multipart/related; type="application/xop+xml"}, the envelope's {@code content} holds an {@code
     * xop:Include} and the file travels as a binary part (a third smaller than base64). Both stream from disk.
     */
    public enum FileTransfer { BASE64, MTOM }

    /**
     * The logical names of the elements a mapping may rename: the 文书档案 metadata fields, the parameters of the
     * operations and the parts of their answers.
     */
    public static final Set<String> LOGICAL_NAMES = Set.of(
            "archiveNo", "title", "author", "docDate", "retentionPeriod", "securityLevel", "secrecyPeriod",
            "archiveDept", "archiveTime", "archivePerson", "docNumber", "pageCount",
            "appKey", "appSecret", "accessToken", "expiresIn",
            "startDate", "endDate", "deptCode", "page", "pageSize", "total", "record", "archiveId",
            "files", "file", "fileId", "fileName", "fileSize", "sha256", "contentType", "format", "scanResolution",
            "content");

    private static final SoapMapping DEFAULTS = new Builder().build();

    private final URI endpoint;
    private final Version version;
    private final String namespace;
    private final Map<Operation, String> operations;
    private final Map<Operation, String> actions;
    private final Map<String, String> elements;
    private final TokenPlace tokenPlace;
    private final String tokenElement;
    private final FileTransfer fileTransfer;
    private final String faultCodeElement;
    private final String faultMessageElement;
    private final Map<String, Integer> faultStatus;

    private SoapMapping(Builder b) {
        this.endpoint = b.endpoint;
        this.version = b.version;
        this.namespace = b.namespace;
        this.operations = Collections.unmodifiableMap(new EnumMap<>(b.operations));
        this.actions = Collections.unmodifiableMap(new EnumMap<>(b.actions));
        this.elements = Map.copyOf(b.elements);
        this.tokenPlace = b.tokenPlace;
        this.tokenElement = b.tokenElement;
        this.fileTransfer = b.fileTransfer;
        this.faultCodeElement = b.faultCodeElement;
        this.faultMessageElement = b.faultMessageElement;
        this.faultStatus = Collections.unmodifiableMap(new LinkedHashMap<>(b.faultStatus));
    }

    /** The mapping of the reference archive service (testkit's {@code ArchiveSoapSimulator}, {@code archive-service.wsdl}). */
    public static SoapMapping defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The service's address; empty to post to the client's endpoint. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public Version version() {
        return version;
    }

    /** The target namespace of the operations and their parameters. */
    public String namespace() {
        return namespace;
    }

    /** The element name of an operation's request; its answer is read whatever it is called. */
    public String operation(Operation operation) {
        return operations.get(operation);
    }

    /** The SOAPAction of an operation (1.1 header, 1.2 {@code action} parameter); empty text for none. */
    public String action(Operation operation) {
        return actions.get(operation);
    }

    /** The element name of a logical name. */
    public String element(String logicalName) {
        String e = elements.get(logicalName);
        if (e == null) {
            throw new IllegalArgumentException("'" + logicalName + "' is not a logical name of the SOAP mapping; "
                    + "known: " + LOGICAL_NAMES.stream().sorted().toList());
        }
        return e;
    }

    /** The logical name an element of an answer stands for, or the element's own name when none maps to it. */
    public String logicalName(String element) {
        for (Map.Entry<String, String> e : elements.entrySet()) {
            if (e.getValue().equals(element)) {
                return e.getKey();
            }
        }
        return element;
    }

    public TokenPlace tokenPlace() {
        return tokenPlace;
    }

    /** The element that carries the access token, in the header or among the parameters. */
    public String tokenElement() {
        return tokenElement;
    }

    public FileTransfer fileTransfer() {
        return fileTransfer;
    }

    /** The element of the fault's {@code detail} that holds the vendor's error code. */
    public String faultCodeElement() {
        return faultCodeElement;
    }

    /**
     * The element of the fault's {@code detail} that holds the vendor's message; empty when the message is the fault's
     * own ({@code faultstring} in 1.1, {@code Reason/Text} in 1.2).
     */
    public Optional<String> faultMessageElement() {
        return Optional.ofNullable(faultMessageElement);
    }

    /**
     * Vendor error codes that mean what an HTTP status means to the REST client (e.g. {@code DUPLICATE_ARCHIVE_NO}
     * → 409, {@code TOKEN_EXPIRED} → 401), so that a push finds the record after a duplicate refusal and the token is
     * renewed. A fault not listed is a client error (400, not retried) when its code is {@code Client}/{@code Sender},
     * else a server error (500, retried).
     */
    public Map<String, Integer> faultStatus() {
        return faultStatus;
    }

    @Override
    public String toString() {
        return "SoapMapping{" + version + ", " + namespace + (endpoint == null ? "" : ", " + endpoint)
                + ", operations " + operations + ", token " + tokenPlace + ":" + tokenElement + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoapMapping m && Objects.equals(endpoint, m.endpoint) && version == m.version
                && namespace.equals(m.namespace) && operations.equals(m.operations) && actions.equals(m.actions)
                && elements.equals(m.elements) && tokenPlace == m.tokenPlace && tokenElement.equals(m.tokenElement)
                && fileTransfer == m.fileTransfer && faultCodeElement.equals(m.faultCodeElement)
                && Objects.equals(faultMessageElement, m.faultMessageElement) && faultStatus.equals(m.faultStatus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, version, namespace, operations, elements, tokenPlace, tokenElement);
    }

    /** Settings of a {@link SoapMapping}; starts from the reference service's names. */
    public static final class Builder {
        /** The reference service's target namespace. */
        static final String REFERENCE_NAMESPACE = "urn:qiao:archive:ws:1";

        private URI endpoint;
        private Version version = Version.SOAP_11;
        private String namespace = REFERENCE_NAMESPACE;
        private final Map<Operation, String> operations = new EnumMap<>(Operation.class);
        private final Map<Operation, String> actions = new EnumMap<>(Operation.class);
        private final Map<String, String> elements = new LinkedHashMap<>();
        private TokenPlace tokenPlace = TokenPlace.HEADER;
        private String tokenElement = "Token";
        private FileTransfer fileTransfer = FileTransfer.BASE64;
        private String faultCodeElement = "errorCode";
        private String faultMessageElement;
        private final Map<String, Integer> faultStatus = new LinkedHashMap<>();

        private Builder() {
            Map<Operation, String> names = Map.of(Operation.AUTHENTICATE, "Authenticate",
                    Operation.QUERY, "QueryArchives", Operation.CREATE, "CreateArchive",
                    Operation.UPLOAD, "UploadFile", Operation.LOOKUP, "GetArchiveByNo");
            for (Operation op : Operation.values()) {
                operations.put(op, names.get(op));
                actions.put(op, REFERENCE_NAMESPACE + "#" + names.get(op));
            }
            LOGICAL_NAMES.stream().sorted().forEach(n -> elements.put(n, n));
            faultStatus.put("DUPLICATE_ARCHIVE_NO", 409);
            faultStatus.put("INVALID_TOKEN", 401);
            faultStatus.put("TOKEN_EXPIRED", 401);
            faultStatus.put("UNAUTHORIZED", 401);
            faultStatus.put("INVALID_CLIENT", 401);
            faultStatus.put("ARCHIVE_NOT_FOUND", 404);
            faultStatus.put("TOO_MANY_REQUESTS", 429);
        }

        private Builder(SoapMapping m) {
            this.endpoint = m.endpoint;
            this.version = m.version;
            this.namespace = m.namespace;
            this.operations.putAll(m.operations);
            this.actions.putAll(m.actions);
            this.elements.putAll(m.elements);
            this.tokenPlace = m.tokenPlace;
            this.tokenElement = m.tokenElement;
            this.fileTransfer = m.fileTransfer;
            this.faultCodeElement = m.faultCodeElement;
            this.faultMessageElement = m.faultMessageElement;
            this.faultStatus.putAll(m.faultStatus);
        }

        /** The service's address (http or https); unset, requests go to the client's endpoint. */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
                    || endpoint.getHost() == null) {
                throw new IllegalArgumentException("SOAP endpoint must be an http(s) URL with a host, was " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        public Builder version(Version version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = nonBlank(namespace, "namespace");
            return this;
        }

        /** An operation's element name and SOAPAction ({@code ""} for a service that wants an empty one). */
        public Builder operation(Operation operation, String elementName, String soapAction) {
            Objects.requireNonNull(operation, "operation");
            operations.put(operation, xmlName(elementName, "operation " + operation.key()));
            actions.put(operation, Objects.requireNonNull(soapAction, "soapAction").strip());
            return this;
        }

        /** Renames the element of a logical name ({@link #LOGICAL_NAMES}). */
        public Builder element(String logicalName, String elementName) {
            if (!LOGICAL_NAMES.contains(logicalName)) {
                throw new IllegalArgumentException("'" + logicalName + "' is not a logical name of the SOAP mapping; "
                        + "known: " + LOGICAL_NAMES.stream().sorted().toList());
            }
            elements.put(logicalName, xmlName(elementName, "element " + logicalName));
            return this;
        }

        public Builder token(TokenPlace place, String elementName) {
            this.tokenPlace = Objects.requireNonNull(place, "place");
            this.tokenElement = xmlName(elementName, "token element");
            return this;
        }

        public Builder fileTransfer(FileTransfer fileTransfer) {
            this.fileTransfer = Objects.requireNonNull(fileTransfer, "fileTransfer");
            return this;
        }

        /** The {@code detail} element with the vendor code ({@code errorCode} unless set). */
        public Builder faultCodeElement(String elementName) {
            this.faultCodeElement = xmlName(elementName, "fault code element");
            return this;
        }

        /** The {@code detail} element with the vendor message; null for the fault's own reason text (the default). */
        public Builder faultMessageElement(String elementName) {
            this.faultMessageElement = elementName == null ? null : xmlName(elementName, "fault message element");
            return this;
        }

        /** Treats faults with this vendor code as this HTTP status (400-599). */
        public Builder faultStatus(String vendorCode, int status) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("fault status of " + vendorCode + " must be 400-599, was " + status);
            }
            faultStatus.put(nonBlank(vendorCode, "fault vendor code"), status);
            return this;
        }

        public SoapMapping build() {
            return new SoapMapping(this);
        }

        private static String nonBlank(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value.strip();
        }

        /** An XML NCName, roughly: what may stand as an element's local name. */
        private static String xmlName(String value, String what) {
            String v = nonBlank(value, what);
            if (!v.matches("[\\p{L}_][\\p{L}\\p{N}_.\\-]*")) {
                throw new IllegalArgumentException(what + " '" + v + "' is not an XML element name");
            }
            return v;
        }
    }

    /** Parses the INI value of {@code version}: {@code 1.1} or {@code 1.2}. */
    static Version parseVersion(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "1.1", "soap11", "soap_11" -> Version.SOAP_11;
            case "1.2", "soap12", "soap_12" -> Version.SOAP_12;
            default -> throw new IllegalArgumentException("must be 1.1 or 1.2");
        };
    }

    /** The INI keys of the {@code [soap]} section besides {@code operation.*}, {@code action.*} and {@code element.*}. */
    static final List<String> INI_KEYS = List.of("endpoint", "version", "namespace", "token", "files", "fault_code",
            "fault_message", "fault_status");
}
