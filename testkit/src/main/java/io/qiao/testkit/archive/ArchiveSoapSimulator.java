package io.qiao.testkit.archive;

import com.sun.net.httpserver.HttpServer;
import io.qiao.testkit.SimulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stateful simulator of the reference archive SOAP web service (the WSDL {@link #WSDL_RESOURCE}, served at
 * {@code endpoint()?wsdl}), with the same data model and faults as the REST {@link ArchiveSimulator}: SOAP 1.1
 * ({@code text/xml} + {@code SOAPAction}) and 1.2 ({@code application/soap+xml; action=...}) on one address, told apart
 * by the request's content type, the action checked against the operation.
 *
 * <ul>
 *   <li>{@code Authenticate(appKey, appSecret)} issues a token ({@code accessToken}, {@code expiresIn});</li>
 *   <li>every other operation wants it in the header element {@code Token}; an unknown one is the fault
 *       {@code INVALID_TOKEN}, an expired one {@code TOKEN_EXPIRED};</li>
 *   <li>{@code QueryArchives(startDate, endDate, deptCode?, archiveNo?, page, pageSize)} and
 *       {@code GetArchiveByNo(archiveNo)} answer {@code record} elements with their {@code file}s;</li>
 *   <li>{@code CreateArchive(metadata...)} enforces a unique 档号 (the fault {@code DUPLICATE_ARCHIVE_NO});</li>
 *   <li>{@code UploadFile(archiveId, fileName, contentType, fileSize, format, scanResolution?, content, sha256)}
 *       decodes {@code content} from base64 as it streams in (the file is never held: a 200 MB upload costs the
 *       simulator a few kilobytes), and refuses a declared size or SHA-256 that the bytes contradict; an MTOM upload
 *       ({@code multipart/related; type="application/xop+xml"}, {@code start-info} telling the SOAP version) carries
 *       an {@code xop:Include href="cid:..."} in {@code content} instead, and its binary part is counted and digested
 *       as it streams in, checked the same way.</li>
 * </ul>
 *
 * <p>Faults are SOAP faults: {@code soap:Client}/{@code soap:Sender} for refusals, {@code soap:Server}/{@code
 * soap:Receiver} for failures, with the vendor code in {@code detail/errorCode}; 1.1 answers every fault with HTTP 500,
 * 1.2 with 400 (Sender) or 500 (Receiver). {@link #faults()} injects the REST simulator's faults ({@code GetArchiveByNo}
 * counts as a QUERY); a connection reset drops the connection without an answer.
 */
public final class ArchiveSoapSimulator extends ArchiveSimulation implements SimulatorServer {
    /** The path the service listens on. */
    public static final String PATH = "/services/ArchiveService";
    /** The classpath resource of the service's WSDL. */
    public static final String WSDL_RESOURCE = "io/qiao/testkit/archive/archive-service.wsdl";
    /** The target namespace of the reference service. */
    public static final String NAMESPACE = "urn:qiao:archive:ws:1";

    private final String appKey;
    private final String appSecret;
    private final int fixedPort;
    private final boolean requestJournal;
    private final List<SimulatedRequest> journal = new ArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    /**
     * A simulator with the default credentials ({@link ArchiveSimulator#DEFAULT_APP_KEY}), 2-hour tokens, a random
     * port. Other settings: {@code ArchiveSimulator.builder()...buildSoap()}, the REST simulator's builder.
     */
    public ArchiveSoapSimulator() {
        this(ArchiveSimulator.DEFAULT_APP_KEY, ArchiveSimulator.DEFAULT_APP_SECRET, 0, true,
                new ArchiveState(ArchiveSimulator.DEFAULT_APP_KEY, ArchiveSimulator.DEFAULT_APP_SECRET,
                        Duration.ofHours(2), true, true, true, 1000));
    }

    ArchiveSoapSimulator(String appKey, String appSecret, int port, boolean requestJournal, ArchiveState state) {
        super(state);
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.fixedPort = port;
        this.requestJournal = requestJournal;
    }

    @Override
    public synchronized ArchiveSoapSimulator start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", fixedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + fixedPort, e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "archive-soap-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PATH, new SoapHandler(state, faults, this::journal));
        server.start();
        return this;
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the archive SOAP simulator is not running; call start() first");
        }
        return server.getAddress().getPort();
    }

    /** The service's address, {@code http://127.0.0.1:<port>/services/ArchiveService}; its WSDL is at {@code ?wsdl}. */
    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port() + PATH);
    }

    public ArchiveSimulatorCredentials credentials() {
        return new ArchiveSimulatorCredentials(appKey, appSecret);
    }

    /**
     * The requests received since the last {@link #reset()} (at most the last 1,000), oldest first. A body is the
     * envelope as sent when it is at most 1 MiB, else its first 64 KiB followed by {@code …}.
     *
     * @throws IllegalStateException when built with {@code requestJournal(false)}
     */
    public List<SimulatedRequest> requests() {
        if (!requestJournal) {
            throw new IllegalStateException("the archive SOAP simulator keeps no requests: it was built with "
                    + "requestJournal(false)");
        }
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }

    private void journal(SimulatedRequest request) {
        if (!requestJournal) {
            return;
        }
        synchronized (journal) {
            if (journal.size() == 1000) {
                journal.remove(0);
            }
            journal.add(request);
        }
    }

    /** Forgets records, files, tokens, counters, faults and journalled requests; keeps running on the same port. */
    public void reset() {
        state.reset();
        faults.clear();
        synchronized (journal) {
            journal.clear();
        }
    }

    @Override
    public String toString() {
        return "ArchiveSoapSimulator{" + (isRunning() ? endpoint() : "stopped") + ", " + state.records().size()
                + " records}";
    }
}
