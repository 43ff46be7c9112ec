package io.qiao.testkit.archive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.qiao.testkit.SimulatorServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stateful simulator of the 文书档案 archive system's REST API (VENDORS.md 4.1), on WireMock, for tests and samples:
 *
 * <ul>
 *   <li>{@code POST /api/auth/token} checks {@code appKey}/{@code appSecret}/{@code grantType} and issues tokens
 *       that expire after {@link Builder#tokenLifetime} of simulated time ({@link #advanceTime}); an expired,
 *       unknown or missing token gets 401;</li>
 *   <li>{@code POST /api/archive/create} checks the required fields, enforces a unique {@code archiveNo} (409 with
 *       an error body) and answers {@code {"archiveId": n}};</li>
 *   <li>{@code POST /api/archive/{archiveId}/files} reads the multipart field {@code file}, records its size and
 *       SHA-256 (the content is not kept) and refuses a declared {@code sha256}/{@code fileSize} that does not match
 *       the bytes received;</li>
 *   <li>{@code GET /api/archive/query} filters by {@code docDate} between {@code startDate} and {@code endDate},
 *       {@code deptCode} (= archiveDept) and {@code archiveNo}, and pages with {@code page}/{@code pageSize},
 *       answering {@code {"total", "page", "pageSize", "records": [...]}} with each record's files; a
 *       {@code pageSize} above {@link Builder#maxPageSize} is cut to it.</li>
 * </ul>
 *
 * Errors have the body {@code {"code": "...", "message": "...", "requestId": "..."}}. Faults are injected through
 * {@link #faults()}; what clients sent is in {@link #requests()}, counters in {@link #requestCount}. It accepts the
 * {@link #credentials()} ({@link #DEFAULT_APP_KEY} / {@link #DEFAULT_APP_SECRET} unless built with others) and
 * listens on 127.0.0.1, on a random free port unless told otherwise; {@link #endpoint()} is the address a client is
 * built with. Its lifecycle is the one every simulator has ({@link SimulatorServer}).
 *
 * <pre>{@code
 * ArchiveSimulator archive = new ArchiveSimulator().start();
 * ArchiveClient client = ArchiveClient.builder().endpoint(archive.endpoint())
 *     .appKey(archive.credentials().appKey()).appSecret(Secret.of(archive.credentials().appSecret())).build();
 * ...
 * archive.stop();
 * }</pre>
 */
public final class ArchiveSimulator extends ArchiveSimulation implements SimulatorServer {
    /** The app key the token endpoint accepts, unless built with other {@link Builder#credentials}. */
    public static final String DEFAULT_APP_KEY = "qiao-archive-app";
    /** The app secret the token endpoint accepts, unless built with other {@link Builder#credentials}. */
    public static final String DEFAULT_APP_SECRET = "qiao-archive-secret";

    private final String appKey;
    private final String appSecret;
    private final int fixedPort;
    private final boolean requestJournal;
    private final int recentRecords;
    private WireMockServer server;

    /** A simulator with the default credentials, 2-hour tokens and a random port. */
    public ArchiveSimulator() {
        this(new Builder());
    }

    private ArchiveSimulator(Builder b) {
        super(b.newState());
        this.appKey = b.appKey;
        this.appSecret = b.appSecret;
        this.fixedPort = b.port;
        this.requestJournal = b.requestJournal;
        this.recentRecords = b.recentRecords;
        seedRecentRecords();
    }

    /**
     * The {@link Builder#recentRecords} sample: record {@code i} (from 0) is dated {@code i % 30} days before the
     * simulator's today in Asia/Shanghai, so the newest are today and the last 7 days always hold some.
     */
    private void seedRecentRecords() {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(state.now(), java.time.ZoneId.of("Asia/Shanghai"));
        for (int i = 0; i < recentRecords; i++) {
            java.time.LocalDate date = today.minusDays(i % 30);
            state.seed(java.util.Map.of("archiveNo", String.format("Z109-WS·%d-Y-BGS-%04d", date.getYear(), i + 1),
                    "title", "样例文件" + (i + 1), "author", "办公室", "docDate", date.toString(),
                    "retentionPeriod", "永久"));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs a simulator until the process is stopped, for trying a client or a sample by hand.
     * Arguments: {@code [port [appKey appSecret]]}.
     */
    public static void main(String[] args) throws InterruptedException {
        Builder b = builder().requestJournal(false);
        if (args.length >= 1) {
            b.port(Integer.parseInt(args[0]));
        }
        if (args.length >= 3) {
            b.credentials(args[1], args[2]);
        }
        ArchiveSimulator sim = b.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(sim::stop, "archive-simulator-stop"));
        System.out.println("archive simulator at " + sim.endpoint() + " (appKey " + sim.appKey() + ", appSecret "
                + sim.appSecret() + ")");
        Thread.currentThread().join();
    }

    /** Starts listening; returns this for chaining. */
    @Override
    public synchronized ArchiveSimulator start() {
        if (server != null && server.isRunning()) {
            return this;
        }
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1") // a simulator answers this machine only (WireMock binds every interface)
                .port(fixedPort)
                .extensions(new ArchiveHandler(state, faults))
                .stubRequestLoggingDisabled(true);
        options = requestJournal ? options.maxRequestJournalEntries(1000) : options.disableRequestJournal();
        server = new WireMockServer(options);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(ArchiveHandler.NAME)));
        server.start();
        return this;
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    @Override
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the archive simulator is not running; call start() first");
        }
        return server.port();
    }

    /**
     * The system's root to give the archive client, {@code http://127.0.0.1:<port>} ({@code /api/...} hangs below);
     * {@code ArchiveClient.Builder.endpoint(URI)} takes it.
     */
    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * {@code http://127.0.0.1:<port>}, the value for the client's base URL.
     *
     * @deprecated use {@link #endpoint()}, the same address as a URI.
     */
    @Deprecated(forRemoval = true)
    public String baseUrl() {
        return endpoint().toString();
    }

    /** The appKey and appSecret the token endpoint accepts. */
    public ArchiveSimulatorCredentials credentials() {
        return new ArchiveSimulatorCredentials(appKey, appSecret);
    }

    /** The app key the token endpoint accepts; the same as {@code credentials().appKey()}. */
    public String appKey() {
        return appKey;
    }

    /** The app secret the token endpoint accepts; the same as {@code credentials().appSecret()}. */
    public String appSecret() {
        return appSecret;
    }

    /**
     * The requests received since the last {@link #reset()} (at most the last 1,000), oldest first, for assertions
     * on what a client sent. Needs the journal ({@link Builder#requestJournal}, on unless turned off).
     *
     * @throws IllegalStateException when the simulator is not running or its journal is off
     */
    public synchronized List<SimulatedRequest> requests() {
        if (server == null) {
            throw new IllegalStateException("the archive simulator is not running; call start() first");
        }
        if (!requestJournal) {
            throw new IllegalStateException("the archive simulator keeps no requests: it was built with "
                    + "requestJournal(false)");
        }
        // WireMock lists the newest first.
        List<SimulatedRequest> requests = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            requests.add(SimulatedRequest.of(event.getRequest()));
        }
        Collections.reverse(requests);
        return List.copyOf(requests);
    }

    public Optional<SimulatedRecord> record(long archiveId) {
        return state.records().stream().filter(r -> r.archiveId() == archiveId).findFirst();
    }

    /**
     * Forgets records, files, tokens, counters, faults and journalled requests (the {@link Builder#recentRecords}
     * sample is seeded again, relative to the simulator's clock); keeps running on the same port.
     */
    public void reset() {
        state.reset();
        seedRecentRecords();
        faults.clear();
        synchronized (this) {
            if (server != null && requestJournal) {
                server.resetRequests();
            }
        }
    }

    @Override
    public String toString() {
        return "ArchiveSimulator{" + (isRunning() ? endpoint() : "stopped") + ", " + state.records().size() + " records}";
    }

    public static final class Builder {
        private String appKey = DEFAULT_APP_KEY;
        private String appSecret = DEFAULT_APP_SECRET;
        private Duration tokenLifetime = Duration.ofHours(2);
        private int port = 0;
        private boolean requestJournal = true;
        private boolean uniqueArchiveNo = true;
        private boolean listFilesInQuery = true;
        private boolean filterByArchiveNo = true;
        private int maxPageSize = 1000;
        private int recentRecords;

        private Builder() {
        }

        /**
         * Starts with {@code count} records (none unless set) dated over the 30 days up to the simulator's today
         * (Asia/Shanghai), one a day round-robin starting today, so that a first query for the last 7 days returns
         * records. Their 档号 are {@code Z109-WS·<year>-Y-BGS-0001} and on; title, author ({@code 办公室}) and
         * retention ({@code 永久}) are filled in.
         */
        public Builder recentRecords(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("recentRecords must not be negative, was " + count);
            }
            this.recentRecords = count;
            return this;
        }

        public Builder credentials(String appKey, String appSecret) {
            this.appKey = Objects.requireNonNull(appKey, "appKey");
            this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
            return this;
        }

        /** The {@code expiresIn} of issued tokens; 2 hours (7200 s, as in the integration guide) unless set. */
        public Builder tokenLifetime(Duration lifetime) {
            if (lifetime.getSeconds() < 1) {
                throw new IllegalArgumentException("tokenLifetime must be at least 1 second, was " + lifetime);
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        /** A fixed port; 0 (a random free port) unless set. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Whether the simulator keeps the last 1,000 requests for {@link #requests()}; on unless set. Turn it off for
         * large uploads: the journal would keep every body in memory.
         */
        public Builder requestJournal(boolean requestJournal) {
            this.requestJournal = requestJournal;
            return this;
        }

        /**
         * Whether a duplicate archiveNo is refused with 409 (on unless set). Off, the simulator behaves like a lax
         * archive system that stores duplicates, the situation the old scripts' retry bug produced.
         */
        public Builder uniqueArchiveNo(boolean unique) {
            this.uniqueArchiveNo = unique;
            return this;
        }

        /** Whether query results list each record's files (on unless set). */
        public Builder listFilesInQuery(boolean list) {
            this.listFilesInQuery = list;
            return this;
        }

        /** Whether the query honours an {@code archiveNo} parameter (on unless set); off, it is ignored. */
        public Builder filterByArchiveNo(boolean filter) {
            this.filterByArchiveNo = filter;
            return this;
        }

        /**
         * The largest page the query serves (1000 unless set); a larger {@code pageSize} is cut to it, and the
         * answer's {@code pageSize} says so, as archive systems that cap their pages do.
         */
        public Builder maxPageSize(int maxPageSize) {
            if (maxPageSize < 1) {
                throw new IllegalArgumentException("maxPageSize must be at least 1, was " + maxPageSize);
            }
            this.maxPageSize = maxPageSize;
            return this;
        }

        public ArchiveSimulator build() {
            return new ArchiveSimulator(this);
        }

        /**
         * The reference archive SOAP web service ({@link ArchiveSoapSimulator}) with these settings:
         * {@code filterByArchiveNo} and {@code recentRecords} aside, they mean there what they mean here.
         */
        public ArchiveSoapSimulator buildSoap() {
            return new ArchiveSoapSimulator(appKey, appSecret, port, requestJournal, newState());
        }

        private ArchiveState newState() {
            return new ArchiveState(appKey, appSecret, tokenLifetime, uniqueArchiveNo, listFilesInQuery,
                    filterByArchiveNo, maxPageSize);
        }
    }
}
