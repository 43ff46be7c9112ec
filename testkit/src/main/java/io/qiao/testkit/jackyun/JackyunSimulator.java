package io.qiao.testkit.jackyun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.qiao.testkit.SimulatorServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A stateful simulator of the 吉客云 Jackyun open-platform gateway, for tests and samples: start it, point a
 * client at {@link #endpoint()} with its {@link #credentials()}, and it answers as the real
 * gateway does (VENDORS.md section 2):
 *
 * <ul>
 *   <li>form-urlencoded POSTs to {@value #PATH}, the signature checked independently of any client code
 *       (a bad one gets subCode 0858030801 "签名错误", an unknown appkey 0858030802);</li>
 *   <li>parameters validated: missing {@code method}, pageSize outside 1-200, a modified window longer than
 *       the method allows, missing {@code selelctFields}/{@code fields}: subCode 0050030002; an unmodelled
 *       method: 0130020310; the timestamp must be Beijing time within {@link Builder#maxClockSkew};</li>
 *   <li>a deterministic {@link JackyunDataSet} paged exactly as the real API pages ({@code pageIndex} from 0,
 *       short last page; {@code maxQuantityId}, {@code maxSkuId} and {@code scrollId} cursors): warehouses, stock,
 *       stock documents, trades, SKUs ({@code erp.storage.goodslist}, answered with the live success head
 *       {@code 200/0030000004/操作成功}, its {@code pageIndex}/{@code pageSize} required) and transfers
 *       ({@code erp.allocate.get}, filtered by creation time);</li>
 *   <li>faults on demand via {@link #faults()}: throttling subCodes, HTTP 5xx, slow answers, connection
 *       resets, malformed JSON, {@code result.data} encoded as a string.</li>
 * </ul>
 *
 * WireMock runs with its request journal disabled, so the simulator stays fast under load; the last 200
 * requests are kept for assertions ({@link #recentRequests()}). It listens on 127.0.0.1, on a random free port unless
 * given one; its lifecycle is the one every simulator has ({@link SimulatorServer}).
 *
 * <pre>{@code
 * try (JackyunSimulator sim = JackyunSimulator.builder().dataSet(JackyunDataSet.builder().warehouses(10_000).build())
 *         .build().start()) {
 *     JackyunClient client = JackyunClient.builder().endpoint(sim.endpoint())
 *         .appKey(sim.credentials().appKey()).appSecret(Secret.of(sim.credentials().appSecret())).build();
 *     ...
 * }
 * }</pre>
 */
public final class JackyunSimulator implements SimulatorServer {
    public static final String PATH = "/open/openapi/do";
    /** The appkey the gateway accepts, unless built with another {@link Builder#appKey}. */
    public static final String DEFAULT_APP_KEY = "qiao-sim-appkey";
    /** The appsecret signatures are checked with, unless built with another {@link Builder#appSecret}. */
    public static final String DEFAULT_APP_SECRET = "qiao-sim-appsecret";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** What the gateway needs; immutable once built. */
    static final class Settings {
        final String appKey;
        final String appSecret;
        final String isvToken;
        final Set<String> versions;
        final JackyunDataSet dataSet;
        final Map<String, Duration> maxWindows;
        /** Per method: the {@code code}, {@code subCode} and {@code msg} of a successful answer. */
        final Map<String, String[]> successHeads;
        final Duration maxClockSkew;
        final Clock clock;

        Settings(Builder b) {
            this.appKey = b.appKey;
            this.appSecret = b.appSecret;
            this.isvToken = b.isvToken;
            this.versions = Set.of("v1.0", "1.0");
            // recentData(): the data ends at the simulator clock's now, so "the last 7 days" holds records.
            this.dataSet = b.recentData
                    ? b.dataSet.endingAt(LocalDateTime.ofInstant(b.clock.instant(), ZoneId.of("Asia/Shanghai")))
                    : b.dataSet;
            this.maxWindows = Map.copyOf(b.maxWindows);
            this.successHeads = Map.copyOf(b.successHeads);
            this.maxClockSkew = b.maxClockSkew;
            this.clock = b.clock;
        }
    }

    private final Settings settings;
    private final int requestedPort;
    private final int containerThreads;
    private final JackyunFaults faults = new JackyunFaults();
    private final Map<Integer, JackyunDataSet.Warehouse> warehouseEdits = new java.util.concurrent.ConcurrentHashMap<>();
    private final JackyunGateway gateway;
    private WireMockServer server;

    private JackyunSimulator(Builder b) {
        this.settings = new Settings(b);
        this.requestedPort = b.port;
        this.containerThreads = b.containerThreads;
        this.gateway = new JackyunGateway(settings, faults, warehouseEdits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs a simulator by hand until the process is stopped:
     * {@code --port 8089 --warehouses 100000 --stock 0 --documents 0 --trades 0 --skus 0 --transfers 0 --from 2024-05-01 --to 2024-06-01
     * --appkey k --secret s}. Prints the endpoint and the credentials it accepts.
     */
    public static void main(String[] args) throws InterruptedException {
        Builder b = builder();
        JackyunDataSet.Builder data = JackyunDataSet.builder();
        java.time.LocalDate from = java.time.LocalDate.of(2024, 5, 1);
        java.time.LocalDate to = java.time.LocalDate.of(2024, 6, 1);
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--port" -> b.port(Integer.parseInt(v));
                case "--warehouses" -> data.warehouses(Integer.parseInt(v));
                case "--stock" -> data.stockQuantities(Integer.parseInt(v));
                case "--documents" -> data.stockDocuments(Integer.parseInt(v));
                case "--trades" -> data.trades(Integer.parseInt(v));
                case "--skus" -> data.skus(Integer.parseInt(v));
                case "--transfers" -> data.transfers(Integer.parseInt(v));
                case "--from" -> from = java.time.LocalDate.parse(v);
                case "--to" -> to = java.time.LocalDate.parse(v);
                case "--appkey" -> b.appKey(v);
                case "--secret" -> b.appSecret(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (known: --port, "
                        + "--warehouses, --stock, --documents, --trades, --skus, --transfers, --from, --to, --appkey, --secret)");
            }
        }
        JackyunSimulator sim = b.dataSet(data.modifiedBetween(from.atStartOfDay(), to.atStartOfDay()).build()).build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(sim::stop, "jackyun-simulator-stop"));
        System.out.println("Jackyun simulator at " + sim.endpoint() + " appkey=" + sim.appKey() + " appsecret="
                + sim.appSecret() + " " + sim.data());
        Thread.currentThread().join();
    }

    /** Starts the server (on a random free port unless one was set); returns this for chaining. */
    @Override
    public synchronized JackyunSimulator start() {
        if (server != null && server.isRunning()) {
            return this;
        }
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1") // a simulator answers this machine only (WireMock binds every interface)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .notifier(new Slf4jNotifier(false))
                .containerThreads(containerThreads)
                .extensions(gateway);
        options = requestedPort == 0 ? options.dynamicPort() : options.port(requestedPort);
        WireMockServer s = new WireMockServer(options);
        s.start();
        s.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withTransformers(JackyunGateway.NAME)));
        this.server = s;
        return this;
    }

    /** Stops the server; the simulator may be started again (on a new port if it was random). */
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
            throw new IllegalStateException("the Jackyun simulator is not started; call start() first");
        }
        return server.port();
    }

    /**
     * {@code http://127.0.0.1:<port>}, the root the gateway path hangs below.
     *
     * @deprecated use {@link #endpoint()}, the URL a client is built with (this root plus {@value #PATH}).
     */
    @Deprecated(forRemoval = true)
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The gateway URL to give {@code JackyunClient.Builder.endpoint}: {@code http://127.0.0.1:<port>/open/openapi/do}. */
    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port() + PATH);
    }

    /** The appkey, appsecret and ISV token (if one is required) this gateway accepts. */
    public JackyunSimulatorCredentials credentials() {
        return new JackyunSimulatorCredentials(settings.appKey, settings.appSecret, settings.isvToken);
    }

    /** The same as {@code credentials().appKey()}. */
    public String appKey() {
        return settings.appKey;
    }

    /** The same as {@code credentials().appSecret()}. */
    public String appSecret() {
        return settings.appSecret;
    }

    public JackyunDataSet data() {
        return settings.dataSet;
    }

    /**
     * Edits a warehouse as a Jackyun user would: new name, new modification time (Beijing wall time). From now
     * on the gateway serves the edited warehouse, in its new place in modification-time order, so an
     * incremental sync should pick it up. Returns the warehouse as now served.
     */
    public JackyunDataSet.Warehouse updateWarehouse(long warehouseId, String newName, java.time.LocalDateTime modifiedAt) {
        Objects.requireNonNull(newName, "newName");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        int index = Math.toIntExact(warehouseId - 1);
        JackyunDataSet.Warehouse w = settings.dataSet.warehouse(index);
        JackyunDataSet.Warehouse edited = new JackyunDataSet.Warehouse(w.warehouseId(), w.warehouseCode(), newName,
                w.warehouseTypeCode(), w.warehouseTypeName(), w.blockup(), w.companyId(), w.companyCode(),
                w.companyName(), w.departmentId(), w.departmentCode(), w.departmentName(), w.address(), w.tel(),
                w.linkMan(), w.gmtCreate(), modifiedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                w.channels());
        warehouseEdits.put(index, edited);
        return edited;
    }

    /** The warehouses as now served (edits applied), in id order. */
    public List<JackyunDataSet.Warehouse> warehouses() {
        JackyunDataSet data = settings.dataSet;
        return java.util.stream.IntStream.range(0, data.warehouseCount())
                .mapToObj(i -> warehouseEdits.getOrDefault(i, data.warehouse(i))).toList();
    }

    /** The fault controls; faults may be changed while requests are in flight. */
    public JackyunFaults faults() {
        return faults;
    }

    /** Every request received, refused and faulted ones included. */
    public long requestCount() {
        return gateway.requestCount();
    }

    public long requestCount(String method) {
        return gateway.requestCount(method);
    }

    /** Requests answered with an error envelope by validation (bad sign, bad parameters...). */
    public long rejectedCount() {
        return gateway.rejectedCount();
    }

    /** Requests that met an injected fault. */
    public long faultCount() {
        return gateway.faultCount();
    }

    /** The decoded forms of the last 200 requests, oldest first. */
    public List<Map<String, String>> recentRequests() {
        return gateway.recentRequests();
    }

    /** Clears faults, counters, recent requests and warehouse edits (between tests). */
    public void reset() {
        faults.clear();
        gateway.resetCounters();
        warehouseEdits.clear();
    }

    @Override
    public String toString() {
        return "JackyunSimulator{" + (server == null ? "stopped" : endpoint()) + ", appKey=" + settings.appKey + ", "
                + settings.dataSet + "}";
    }

    public static final class Builder {
        private String appKey = DEFAULT_APP_KEY;
        private String appSecret = DEFAULT_APP_SECRET;
        private String isvToken;
        private JackyunDataSet dataSet = JackyunDataSet.defaults();
        private boolean recentData;
        private final Map<String, Duration> maxWindows = new HashMap<>(Map.of(
                "oms.trade.fullinfoget", Duration.ofDays(7),
                "erp.storage.goodsdocin.v2", Duration.ofDays(7),
                "erp.storage.goodsdocout.v2", Duration.ofDays(7)));
        /**
         * {@code erp.storage.goodslist} answers success as code 200, subCode 0030000004, "操作成功" (live capture in
         * antgit2024/ai-costing-system, {@code backend/src/integrations/jackyun/api/goods.py}); the other methods as
         * the default head.
         */
        private final Map<String, String[]> successHeads = new HashMap<>(Map.of(
                "erp.storage.goodslist", new String[] {"200", "0030000004", "操作成功"}));
        private Duration maxClockSkew = Duration.ofMinutes(10);
        private Clock clock = Clock.systemUTC();
        private int port;
        private int containerThreads = 32;

        private Builder() {
        }

        /** The appkey the gateway accepts; {@value #DEFAULT_APP_KEY} by default. */
        public Builder appKey(String appKey) {
            this.appKey = nonBlank(appKey, "appKey");
            return this;
        }

        /** The secret requests must be signed with; {@value #DEFAULT_APP_SECRET} by default. */
        public Builder appSecret(String appSecret) {
            this.appSecret = nonBlank(appSecret, "appSecret");
            return this;
        }

        /** Requires this ISV {@code token} on every request (subCode 0858030803 otherwise). */
        public Builder isvToken(String token) {
            this.isvToken = token;
            return this;
        }

        /**
         * Shifts the data set (the default one unless {@link #dataSet} gave another) so that its modification
         * times end at the simulator clock's "now" when it is built, instead of spanning May 2024: a client asking
         * for the last 7 days then gets records. See {@link JackyunDataSet#endingAt}.
         */
        public Builder recentData() {
            this.recentData = true;
            return this;
        }

        public Builder dataSet(JackyunDataSet dataSet) {
            this.dataSet = Objects.requireNonNull(dataSet, "dataSet");
            return this;
        }

        /**
         * The longest modified window {@code method} accepts (null: no limit). Defaults: 7 days for
         * {@code oms.trade.fullinfoget} (documented) and the stock-document methods (assumed); none otherwise.
         */
        public Builder maxWindow(String method, Duration max) {
            Objects.requireNonNull(method, "method");
            if (max == null) {
                maxWindows.remove(method);
            } else {
                maxWindows.put(method, max);
            }
            return this;
        }

        /**
         * Answers the successful calls of {@code method} with this envelope head instead of the default
         * {@code "code":0,"msg":"","subCode":""}. Real forms: {@code (200, "0030000004", "操作成功")} for ERP methods
         * such as {@code erp.storage.goodslist} (live capture in a public client), {@code (200, "", "")} in the
         * official doc examples, {@code (0, "0000000000", "")} and {@code (0, "200", "")} (OMS) in public clients.
         */
        public Builder successEnvelope(String method, int code, String subCode, String msg) {
            Objects.requireNonNull(method, "method");
            successHeads.put(method, new String[] {Integer.toString(code), Objects.requireNonNull(subCode, "subCode"),
                    Objects.requireNonNull(msg, "msg")});
            return this;
        }

        /** How far the request {@code timestamp} may be from Beijing time now; null disables the check. */
        public Builder maxClockSkew(Duration maxClockSkew) {
            this.maxClockSkew = maxClockSkew;
            return this;
        }

        /** The simulator's idea of "now" for the timestamp check. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A fixed port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Jetty's worker threads; raise for heavy concurrent load. */
        public Builder containerThreads(int containerThreads) {
            if (containerThreads < 4) {
                throw new IllegalArgumentException("containerThreads must be at least 4, was " + containerThreads);
            }
            this.containerThreads = containerThreads;
            return this;
        }

        public JackyunSimulator build() {
            return new JackyunSimulator(this);
        }

        private static String nonBlank(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
