package io.qiao.testkit.kis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.qiao.testkit.SimulatorServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stateful simulator of the 金蝶 KIS云 OpenAPI (koas) behind the Kingdee API gateway, on WireMock and a random
 * port. It behaves as VENDORS.md section 3 describes the real service, so that clients are tested against the
 * vendor's rules rather than against themselves:
 *
 * <ul>
 *   <li>verifies {@code X-Api-Signature} on every gateway call (and on koas calls that carry it, or on all of them
 *       with {@link Builder#requireBusinessSignature(boolean)}), with its own implementation of the algorithm;
 *       a bad one gets HTTP 519 {@code {"errcode":-1,...}};</li>
 *   <li>issues {@code app-token}s for a correct {@code app_signature}, with {@code expires} in epoch milliseconds,
 *       and refuses expired or unknown tokens in {@code KIS-AuthData};</li>
 *   <li>requires {@code X-GW-Router-Addr} and the {@code Kis-*} headers on business calls;</li>
 *   <li>stores 其他入库单, rejects a duplicate {@code FBillNo} and missing required fields with KIS-style
 *       descriptions, and lists and returns them;</li>
 *   <li>stores 其他出库单, 外购入库单 (采购入库, FTranType 1) and 销售出库单 (FTranType 21) apart, the latter two
 *       refusing a {@code FSupplyID} that names no known supplier / customer;</li>
 *   <li>answers the bill lists with {@code FBillNo} and whole-day, inclusive {@code BeginDate}/{@code EndDate}
 *       filters, at most {@link Builder#maxPageSize} rows a page;</li>
 *   <li>serves a material catalogue, customers and suppliers that tests seed;</li>
 *   <li>enforces a rate limit when built with one ({@link Builder#rateLimit}), with a latency if asked;</li>
 *   <li>injects faults, including "stored, but the answer was lost";</li>
 *   <li>runs the user-session flow too (OAuth code exchange, {@code get_service_gateway}, the refresh calls),
 *       verifying {@code KIS-Signature} and issuing {@code auth_data} that business calls accept.</li>
 * </ul>
 *
 * <p>The error codes are the simulator's choice where the vendor's are unknown: {@code 10201} for business
 * refusals (the code of the one real error seen), {@code 10100} for an invalid app-token, {@code -1} with HTTP 519
 * for signatures.
 *
 * <p>Build a client with {@link #endpoint()} and {@link #credentials()} (a {@link KisSimulatorCredentials}). It
 * listens on 127.0.0.1, on a random free port unless given one; its lifecycle is the one every simulator has
 * ({@link SimulatorServer}).
 *
 * <pre>{@code
 * try (KisSimulator kis = KisSimulator.create().start()) {
 *     kis.addMaterial("SKU-A", "商品A", "PCS");
 *     ... point a client at kis.endpoint() with kis.credentials() ...
 *     assertThat(kis.bills()).hasSize(1);
 * }
 * }</pre>
 */
public final class KisSimulator implements SimulatorServer {
    public static final String DEFAULT_CLIENT_ID = "sim-client-id";
    public static final String DEFAULT_CLIENT_SECRET = "sim-client-secret";
    public static final String DEFAULT_APP_KEY = "sim-app-key";
    public static final String DEFAULT_APP_SECRET = "sim-app-secret";
    public static final String DEFAULT_ROUTER_ADDRESS = "sim-gw-router.kingdee.local";
    public static final String DEFAULT_OUTER_INSTANCE_ID = "sim-outer-instance";
    public static final String DEFAULT_AUTHORIZATION_CODE = "sim-oauth-code";

    public static final int ERR_BUSINESS = 10201;
    public static final int ERR_TOKEN = 10100;

    private final KisSimulatorCredentials credentials;
    private final Clock clock;
    private final WireMockServer server;
    /** Bills, materials, tokens, sessions, faults and counters; the handler answers from it, the accessors read it. */
    private final KisState state;

    private KisSimulator(Builder b) {
        this.credentials = new KisSimulatorCredentials(b.clientId, b.clientSecret, b.appKey, b.appSecret,
                b.routerAddress, b.outerInstanceId, b.authorizationCode);
        this.clock = b.clock;
        this.state = new KisState(b.clock, b.recentBills);
        KisHandler handler = new KisHandler(credentials, b.clock, b.tokenTtl, b.requireBusinessSignature,
                b.acceptRfc3986Signatures, b.ignoreListFilters, b.maxPageSize, b.rateLimit, b.latency, state);
        // a simulator answers this machine only (WireMock binds every interface)
        WireMockConfiguration options = WireMockConfiguration.options().bindAddress("127.0.0.1");
        if (b.port == 0) {
            options.dynamicPort();
        } else {
            options.port(b.port);
        }
        this.server = new WireMockServer(options
                .notifier(new Slf4jNotifier(false))
                .maxRequestJournalEntries(1000)
                .extensions(handler));
    }

    /**
     * Runs a simulator until the process is stopped, for trying a client or a sample by hand:
     * {@code java io.qiao.testkit.kis.KisSimulator [port] [FNumber...]} seeds one material (unit PCS) per FNumber.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        KisSimulator sim = builder().port(port).start();
        for (int i = 1; i < args.length; i++) {
            sim.addMaterial(args[i], args[i], "PCS");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sim::stop));
        System.out.println("KIS simulator at " + sim.endpoint() + " accepting " + sim.credentials()
                + " (client secret " + sim.credentials().clientSecret() + ", app secret "
                + sim.credentials().appSecret() + ")");
        Thread.currentThread().join();
    }

    /** A simulator with the default credentials, not yet started. */
    public static KisSimulator create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the server on a free port; returns this simulator. */
    @Override
    public synchronized KisSimulator start() {
        if (server.isRunning()) {
            return this;
        }
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(KisHandler.NAME)));
        return this;
    }

    @Override
    public synchronized void stop() {
        if (server.isRunning()) {
            server.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    /** The gateway address to give {@code KisClient.Builder.endpoint}: {@code http://127.0.0.1:<port>}. */
    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * {@code http://127.0.0.1:<port>}: the client's endpoint, as a string.
     *
     * @deprecated use {@link #endpoint()}.
     */
    @Deprecated(forRemoval = true)
    public String baseUrl() {
        return endpoint().toString();
    }

    /**
     * The client's endpoint.
     *
     * @deprecated use {@link #endpoint()}, which returns the same URI.
     */
    @Deprecated(forRemoval = true)
    public URI baseUri() {
        return endpoint();
    }

    @Override
    public int port() {
        if (!server.isRunning()) {
            throw new IllegalStateException("the KIS simulator is not started; call start() first");
        }
        return server.port();
    }

    /** Everything the gateway and the user-session flows accept: client id/secret, app key/secret, router, code. */
    public KisSimulatorCredentials credentials() {
        return credentials;
    }

    public Clock clock() {
        return clock;
    }

    // ---- reference data -------------------------------------------------------------------------------------

    /** Adds a material with the next FItemID; returns it. */
    public SimulatedMaterial addMaterial(String number, String name, String unitId) {
        return addMaterial(number, name, unitId, Map.of());
    }

    /** Adds a material with extra fields (e.g. a custom {@code F_103} holding a sku id). */
    public SimulatedMaterial addMaterial(String number, String name, String unitId,
                                                      Map<String, Object> extra) {
        return state.addMaterial(number, name, unitId, extra);
    }

    public List<SimulatedMaterial> materials() {
        return state.materials();
    }

    public void clearMaterials() {
        state.clearMaterials();
    }

    /** Adds a customer (客户) with the next FItemID; a 销售出库单's FSupplyID must name one (FItemID or FNumber). */
    public SimulatedPartner addCustomer(String number, String name) {
        return state.addPartner(true, number, name);
    }

    /** Adds a supplier (供应商) with the next FItemID; an 外购入库单's FSupplyID must name one (FItemID or FNumber). */
    public SimulatedPartner addSupplier(String number, String name) {
        return state.addPartner(false, number, name);
    }

    public List<SimulatedPartner> customers() {
        return state.partners(true);
    }

    public List<SimulatedPartner> suppliers() {
        return state.partners(false);
    }

    // ---- bills ----------------------------------------------------------------------------------------------

    /** Every stored bill, in creation order. */
    public List<SimulatedBill> bills() {
        return state.bills();
    }

    public Optional<SimulatedBill> bill(String billNo) {
        return state.bill(billNo);
    }

    public int billCount() {
        return state.billCount();
    }

    /** Every stored 其他出库单 ({@code miscellaneousdelivery/create}), in creation order. */
    public List<SimulatedBill> deliveries() {
        return state.deliveries();
    }

    /** Every stored 采购入库单 ({@code purchasereceipt/create}), in creation order. */
    public List<SimulatedBill> purchaseReceipts() {
        return state.purchaseReceipts();
    }

    /** Every stored 销售出库单 ({@code salesdelivery/create}), in creation order. */
    public List<SimulatedBill> salesDeliveries() {
        return state.salesDeliveries();
    }

    // ---- tokens, faults, counters ---------------------------------------------------------------------------

    /** Makes every issued app-token expired now, as if its lifetime had passed. */
    public void expireTokens() {
        state.expireTokens();
    }

    public int tokensIssued() {
        return state.tokensIssued();
    }

    /**
     * Every app-token, auth_data and access_token still valid, and every user session's id, secret and refresh
     * token, as issued: for tests that check the client never shows one (a fault that echoes them, a log line).
     */
    public List<String> validTokens() {
        return state.validTokens();
    }

    /** Queues a fault for the next call(s) of {@code operation}; one fault per call, in order. */
    public void injectFault(KisOperation operation, KisFault... next) {
        state.injectFault(operation, next);
    }

    /**
     * Endless paging on (true) or off: every list call (receipts, materials) is answered as page 1 with
     * {@code TotalPages} far beyond it, whatever {@code CurrentPage} asks for: the same rows for ever, as a server
     * that ignores the page index would. Off again after {@link #reset()}.
     */
    public void endlessPaging(boolean on) {
        state.endlessPaging = on;
    }

    /** How many requests reached {@code operation} (faulted ones included). */
    public int calls(KisOperation operation) {
        return state.calls(operation);
    }

    /** How many requests the {@link Builder#rateLimit rate limit} refused with HTTP 429. */
    public int throttledCalls() {
        return state.throttledCalls();
    }

    /** Why signatures were refused, most recent last (for diagnosing a failing test). */
    public List<String> signatureFailures() {
        return state.signatureFailures();
    }

    /**
     * Forgets bills, tokens, faults, counters and signature failures; keeps the material catalogue. The
     * {@link Builder#recentBills} sample is stored again, dated relative to the simulator's clock.
     */
    public void reset() {
        state.reset();
        server.resetRequests();
    }

    @Override
    public String toString() {
        return "KisSimulator{" + (server.isRunning() ? endpoint() : "stopped") + ", " + credentials + "}";
    }

    public static final class Builder {
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private String appKey = DEFAULT_APP_KEY;
        private String appSecret = DEFAULT_APP_SECRET;
        private String routerAddress = DEFAULT_ROUTER_ADDRESS;
        private String outerInstanceId = DEFAULT_OUTER_INSTANCE_ID;
        private String authorizationCode = DEFAULT_AUTHORIZATION_CODE;
        private Clock clock = Clock.systemUTC();
        private Duration tokenTtl = Duration.ofHours(2);
        private boolean requireBusinessSignature;
        private boolean acceptRfc3986Signatures = true;
        private int port;
        private boolean ignoreListFilters;
        private int recentBills;
        private int maxPageSize = 100;
        private int rateLimit;
        private Duration latency = Duration.ZERO;

        private Builder() {
        }

        /**
         * The most rows a bill list ({@code .../list} of a stock bill) answers per page; a larger {@code ItemsOfPage}
         * is served as this many, with {@code TotalPages} counted at this size. Default 100, the page size every
         * public caller of the KIS bill lists sends (a PHP SDK defaults to 20); the real cap is not published
         * (<b>[INFER]</b>).
         */
        public Builder maxPageSize(int maxPageSize) {
            if (maxPageSize < 1) {
                throw new IllegalArgumentException("maxPageSize must be at least 1, was " + maxPageSize);
            }
            this.maxPageSize = maxPageSize;
            return this;
        }

        /**
         * Starts with {@code count} stored 其他入库单 (none unless set) dated over the 30 days up to the simulator
         * clock's today (Asia/Shanghai), one a day round-robin starting today, so that a first list of the last
         * 7 days returns bills. They are {@code SIM-QTRK-0001} and on, each one line of 1 PCS of {@code SIM-A};
         * {@link #reset()} stores them again.
         */
        public Builder recentBills(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("recentBills must not be negative, was " + count);
            }
            this.recentBills = count;
            return this;
        }

        /**
         * Make miscellaneousreceipt/list ignore FBillNo/BeginDate/EndDate and return every bill, as a server that
         * does not know those filter names would. <b>[INFER]</b>: the real filter names are undocumented, and no
         * public caller found sends a filter to a KIS bill list.
         */
        public Builder ignoreListFilters(boolean ignore) {
            this.ignoreListFilters = ignore;
            return this;
        }

        /**
         * Enforce at most {@code perSecond} requests a second, all endpoints together, as a token bucket holding one
         * second's worth (so a burst of {@code perSecond} passes, then the steady rate); a request over it is counted ({@link KisSimulator#throttledCalls()}), not processed, and answered HTTP 429
         * with {@code Retry-After: 1}, like {@link KisFault#THROTTLED}. 0 (the default) enforces nothing.
         * <b>[INFER]</b> KIS publishes no figure and no throttling answer; 10 a second is what {@code KisClient}
         * keeps to by default.
         */
        public Builder rateLimit(int perSecond) {
            if (perSecond < 0) {
                throw new IllegalArgumentException("rateLimit must not be negative, was " + perSecond);
            }
            this.rateLimit = perSecond;
            return this;
        }

        /** A delay added to every answer, as a network and a busy server would; default none. */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative, was " + latency);
            }
            this.latency = latency;
            return this;
        }

        /** A fixed port; default 0, a free one chosen at start. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        public Builder appKey(String appKey) {
            this.appKey = Objects.requireNonNull(appKey, "appKey");
            return this;
        }

        public Builder appSecret(String appSecret) {
            this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
            return this;
        }

        public Builder routerAddress(String routerAddress) {
            this.routerAddress = Objects.requireNonNull(routerAddress, "routerAddress");
            return this;
        }

        public Builder outerInstanceId(String outerInstanceId) {
            this.outerInstanceId = Objects.requireNonNull(outerInstanceId, "outerInstanceId");
            return this;
        }

        /** The one-time OAuth code the user-session flow exchanges. */
        public Builder authorizationCode(String authorizationCode) {
            this.authorizationCode = Objects.requireNonNull(authorizationCode, "authorizationCode");
            return this;
        }

        /** The simulator's notion of now, for token expiry and the 5-minute timestamp window. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether an {@code X-Api-Signature} computed with the RFC 3986 query encoding of third-party clients is
         * accepted besides the one Kingdee's own client computes; default true, since which one the real gateway
         * verifies is not published (they differ only on a space, {@code *}, {@code ~}, an encoded name or a name
         * that prefixes another). False checks that a client signs exactly as Kingdee's client does.
         */
        public Builder acceptRfc3986Signatures(boolean accept) {
            this.acceptRfc3986Signatures = accept;
            return this;
        }

        /** How long an issued app-token lasts; default 2 hours. */
        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = Objects.requireNonNull(tokenTtl, "tokenTtl");
            return this;
        }

        /**
         * Refuse koas business calls without an X-Api-Signature. Off by default, as the real gateway is known to
         * accept them unsigned (every public koas caller sends only the Kis-* headers, KIS-AuthData,
         * X-GW-Router-Addr and access_token); a signature that is present is verified either way.
         */
        public Builder requireBusinessSignature(boolean require) {
            this.requireBusinessSignature = require;
            return this;
        }

        /** A simulator, not yet started: call {@link KisSimulator#start()}. */
        public KisSimulator build() {
            return new KisSimulator(this);
        }

        /** Builds and starts. */
        public KisSimulator start() {
            return build().start();
        }
    }
}
