package io.qiao.archive;

import io.qiao.client.Secret;
import io.qiao.testkit.archive.ArchiveFaults;
import io.qiao.testkit.archive.ArchiveSimulator;
import io.qiao.testkit.archive.ArchiveSoapSimulator;
import io.qiao.testkit.archive.SimulatedFile;
import io.qiao.testkit.archive.SimulatedRecord;
import io.qiao.testkit.archive.SimulatedRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * One archive system for the tests that must pass the same over REST and SOAP: the REST simulator, or the SOAP
 * simulator spoken to in SOAP 1.1 or 1.2, files as base64 or MTOM. Same data model and faults behind each.
 */
public final class ArchiveBackend {
    private final String name;
    private final Supplier<ArchiveClient.Builder> clientBuilder;
    private final URI endpoint;
    private final ArchiveFaults faults;
    private final Supplier<List<SimulatedRecord>> records;
    private final Supplier<List<SimulatedFile>> files;
    private final ToIntFunction<ArchiveFaults.Operation> requestCount;
    private final Runnable reset;
    private final Runnable stop;
    private final Supplier<List<SimulatedRequest>> requests;
    private final Function<SimulatedRequest, ArchiveFaults.Operation> operationOf;

    private ArchiveBackend(String name, Supplier<ArchiveClient.Builder> clientBuilder, URI endpoint, ArchiveFaults faults,
                           Supplier<List<SimulatedRecord>> records, Supplier<List<SimulatedFile>> files,
                           ToIntFunction<ArchiveFaults.Operation> requestCount, Runnable reset, Runnable stop,
                           Supplier<List<SimulatedRequest>> requests,
                           Function<SimulatedRequest, ArchiveFaults.Operation> operationOf) {
        this.name = name;
        this.clientBuilder = clientBuilder;
        this.endpoint = endpoint;
        this.faults = faults;
        this.records = records;
        this.files = files;
        this.requestCount = requestCount;
        this.reset = reset;
        this.stop = stop;
        this.requests = requests;
        this.operationOf = operationOf;
    }

    /** The five, started; {@link #close()} them after the tests. */
    public static List<ArchiveBackend> startAll() {
        return List.of(rest(), soap(SoapMapping.Version.SOAP_11, SoapMapping.FileTransfer.BASE64),
                soap(SoapMapping.Version.SOAP_12, SoapMapping.FileTransfer.BASE64),
                soap(SoapMapping.Version.SOAP_11, SoapMapping.FileTransfer.MTOM),
                soap(SoapMapping.Version.SOAP_12, SoapMapping.FileTransfer.MTOM));
    }

    private static ArchiveBackend rest() {
        ArchiveSimulator sim = new ArchiveSimulator().start();
        return new ArchiveBackend("REST", () -> ArchiveClient.builder().endpoint(sim.endpoint())
                .credentials(ArchiveCredentials.of(sim.appKey(), Secret.of(sim.appSecret()))),
                sim.endpoint(), sim.faults(), sim::records, sim::files, sim::requestCount, sim::reset, sim::stop,
                sim::requests, ArchiveBackend::restOperation);
    }

    private static ArchiveFaults.Operation restOperation(SimulatedRequest request) {
        String path = request.path();
        if (path.equals("/api/auth/token")) {
            return ArchiveFaults.Operation.TOKEN;
        }
        if (path.equals("/api/archive/create")) {
            return ArchiveFaults.Operation.CREATE;
        }
        if (path.startsWith("/api/archive/") && path.endsWith("/files")) {
            return request.method().equals("POST") ? ArchiveFaults.Operation.UPLOAD : ArchiveFaults.Operation.QUERY;
        }
        return ArchiveFaults.Operation.QUERY;
    }

    private static final Pattern SOAP_OPERATION = Pattern.compile("<(?:[\\w.-]+:)?Body\\b[^>]*>\\s*<(?:[\\w.-]+:)?([\\w.-]+)");
    private static final Map<String, ArchiveFaults.Operation> SOAP_OPERATIONS = Map.of(
            "Authenticate", ArchiveFaults.Operation.TOKEN, "QueryArchives", ArchiveFaults.Operation.QUERY,
            "GetArchiveByNo", ArchiveFaults.Operation.QUERY, "CreateArchive", ArchiveFaults.Operation.CREATE,
            "UploadFile", ArchiveFaults.Operation.UPLOAD);

    /** The operation of a SOAP request: the first element in the envelope's Body, as the simulator dispatches. */
    private static ArchiveFaults.Operation soapOperation(SimulatedRequest request) {
        Matcher m = SOAP_OPERATION.matcher(request.body());
        if (!m.find() || !SOAP_OPERATIONS.containsKey(m.group(1))) {
            throw new AssertionError("not a request to a known SOAP operation: " + request);
        }
        return SOAP_OPERATIONS.get(m.group(1));
    }

    private static ArchiveBackend soap(SoapMapping.Version version, SoapMapping.FileTransfer files) {
        ArchiveSoapSimulator sim = new ArchiveSoapSimulator().start();
        SoapMapping mapping = SoapMapping.defaults().toBuilder().version(version).fileTransfer(files).build();
        return new ArchiveBackend((version == SoapMapping.Version.SOAP_11 ? "SOAP 1.1" : "SOAP 1.2")
                + (files == SoapMapping.FileTransfer.MTOM ? " MTOM" : ""),
                () -> ArchiveClient.builder().endpoint(sim.endpoint()).soap(mapping)
                        .credentials(ArchiveCredentials.of(sim.credentials().appKey(),
                                Secret.of(sim.credentials().appSecret()))),
                sim.endpoint(), sim.faults(), sim::records, sim::files, sim::requestCount, sim::reset, sim::stop,
                sim::requests, ArchiveBackend::soapOperation);
    }

    /** A client builder with the endpoint, credentials and (for SOAP) the mapping set. */
    public ArchiveClient.Builder clientBuilder() {
        return clientBuilder.get();
    }

    public URI endpoint() {
        return endpoint;
    }

    public ArchiveFaults faults() {
        return faults;
    }

    public List<SimulatedRecord> records() {
        return records.get();
    }

    public List<SimulatedFile> files() {
        return files.get();
    }

    public Optional<SimulatedRecord> record(String archiveNo) {
        return records().stream().filter(r -> r.archiveNo().equals(archiveNo)).findFirst();
    }

    /** The requests received since the last reset, oldest first, as the simulator journalled them. */
    public List<SimulatedRequest> requests() {
        return requests.get();
    }

    /** Which operation a journalled request was: the REST path, or the SOAP Body's operation element. */
    public ArchiveFaults.Operation operationOf(SimulatedRequest request) {
        return operationOf.apply(request);
    }

    /** The operations of {@link #requests()}, in order. */
    public List<ArchiveFaults.Operation> operationsSent() {
        return requests().stream().map(this::operationOf).toList();
    }

    public int requestCount(ArchiveFaults.Operation operation) {
        return requestCount.applyAsInt(operation);
    }

    public void reset() {
        reset.run();
    }

    /** Stops the simulator (not AutoCloseable: JUnit would close a parameter after each invocation). */
    public void close() {
        stop.run();
    }

    @Override
    public String toString() {
        return name;
    }
}
