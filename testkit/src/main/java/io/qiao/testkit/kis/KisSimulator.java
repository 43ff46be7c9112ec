package io.qiao.testkit.kis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.math.BigDecimal;
import io.qiao.testkit.SimulatorServer;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

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
 *   <li>serves a material catalogue that tests seed;</li>
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

    private static final String TRANSFORMER = "qiao-kis-simulator";
    private static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(5);
    private static final Set<KisOperation> SESSION_CALLS = EnumSet.of(KisOperation.OAUTH_ACCESS_TOKEN,
            KisOperation.SERVICE_GATEWAY, KisOperation.REFRESH_AUTH_DATA, KisOperation.REFRESH_LOGIN);

    private final KisSimulatorCredentials credentials;
    private final Clock clock;
    private final Duration tokenTtl;
    private final boolean requireBusinessSignature;
    private final boolean ignoreListFilters;
    private final int recentBills;
    private final ObjectMapper json = new ObjectMapper();
    private final WireMockServer server;

    // All state below is guarded by "this".
    private final Map<String, IssuedToken> tokens = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final Map<String, Session> refreshTokens = new LinkedHashMap<>();
    private boolean codeUsed;
    /** Whether list calls ignore CurrentPage and claim more pages for ever; see {@link #endlessPaging(boolean)}. */
    private volatile boolean endlessPaging;
    private final Map<String, SimulatedBill> billsByNo = new LinkedHashMap<>();
    private final Map<Long, SimulatedBill> billsById = new LinkedHashMap<>();
    private final List<SimulatedMaterial> materials = new ArrayList<>();
    private final Map<KisOperation, Queue<KisFault>> faults = new EnumMap<>(KisOperation.class);
    private final Map<KisOperation, AtomicInteger> calls = new EnumMap<>(KisOperation.class);
    private final List<String> signatureFailures = new ArrayList<>();
    private long nextBillId = 1001;
    private long nextItemId = 1;
    private int tokensIssued;
    private int autoNumber;

    private KisSimulator(Builder b) {
        this.credentials = new KisSimulatorCredentials(b.clientId, b.clientSecret, b.appKey, b.appSecret,
                b.routerAddress, b.outerInstanceId, b.authorizationCode);
        this.clock = b.clock;
        this.tokenTtl = b.tokenTtl;
        this.requireBusinessSignature = b.requireBusinessSignature;
        this.ignoreListFilters = b.ignoreListFilters;
        this.recentBills = b.recentBills;
        seedRecentBills();
        for (KisOperation op : KisOperation.values()) {
            faults.put(op, new ArrayDeque<>());
            calls.put(op, new AtomicInteger());
        }
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
                .extensions(new Transformer()));
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
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(TRANSFORMER)));
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
    public synchronized SimulatedMaterial addMaterial(String number, String name, String unitId) {
        return addMaterial(number, name, unitId, Map.of());
    }

    /** Adds a material with extra fields (e.g. a custom {@code F_103} holding a sku id). */
    public synchronized SimulatedMaterial addMaterial(String number, String name, String unitId,
                                                      Map<String, Object> extra) {
        Objects.requireNonNull(number, "number");
        SimulatedMaterial m = new SimulatedMaterial(nextItemId++, number, name, unitId, extra);
        materials.add(m);
        return m;
    }

    public synchronized List<SimulatedMaterial> materials() {
        return List.copyOf(materials);
    }

    public synchronized void clearMaterials() {
        materials.clear();
    }

    // ---- bills ----------------------------------------------------------------------------------------------

    /** Every stored bill, in creation order. */
    public synchronized List<SimulatedBill> bills() {
        return List.copyOf(billsByNo.values());
    }

    public synchronized Optional<SimulatedBill> bill(String billNo) {
        return Optional.ofNullable(billsByNo.get(billNo));
    }

    public synchronized int billCount() {
        return billsByNo.size();
    }

    // ---- tokens, faults, counters ---------------------------------------------------------------------------

    /** Makes every issued app-token expired now, as if its lifetime had passed. */
    public synchronized void expireTokens() {
        tokens.clear();
    }

    public synchronized int tokensIssued() {
        return tokensIssued;
    }

    /**
     * Every app-token, auth_data and access_token still valid, and every user session's id, secret and refresh
     * token, as issued: for tests that check the client never shows one (a fault that echoes them, a log line).
     */
    public synchronized List<String> validTokens() {
        List<String> all = new ArrayList<>();
        tokens.forEach((appToken, issued) -> {
            all.add(appToken);
            all.add(issued.accessToken());
        });
        sessions.values().forEach(s -> {
            all.add(s.id);
            all.add(s.secret);
            if (s.refreshToken != null) all.add(s.refreshToken);
        });
        return all;
    }

    /** Queues a fault for the next call(s) of {@code operation}; one fault per call, in order. */
    public synchronized void injectFault(KisOperation operation, KisFault... next) {
        for (KisFault f : next) {
            faults.get(operation).add(Objects.requireNonNull(f, "fault"));
        }
    }

    /**
     * Endless paging on (true) or off: every list call (receipts, materials) is answered as page 1 with
     * {@code TotalPages} far beyond it, whatever {@code CurrentPage} asks for: the same rows for ever, as a server
     * that ignores the page index would. Off again after {@link #reset()}.
     */
    public void endlessPaging(boolean on) {
        this.endlessPaging = on;
    }

    /** How many requests reached {@code operation} (faulted ones included). */
    public int calls(KisOperation operation) {
        return calls.get(operation).get();
    }

    /** Why signatures were refused, most recent last (for diagnosing a failing test). */
    public synchronized List<String> signatureFailures() {
        return List.copyOf(signatureFailures);
    }

    /**
     * The {@link Builder#recentBills} sample: bill {@code i} (from 0) is {@code SIM-QTRK-0001} and on, dated
     * {@code i % 30} days before the simulator clock's today in Asia/Shanghai, one line of 1 PCS of {@code SIM-A}.
     */
    private synchronized void seedRecentBills() {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"));
        for (int i = 0; i < recentBills; i++) {
            String no = String.format("SIM-QTRK-%04d", i + 1);
            long id = nextBillId++;
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("FBillNo", no);
            head.put("FID", id);
            head.put("Fdate", today.minusDays(i % 30).toString());
            head.put("FTranType", 10);
            head.put("FDCStockID", "SIM-WH");
            SimulatedBill bill = new SimulatedBill(id, no, head, List.of(Map.of("FItemID", "SIM-A", "FUnitID", "PCS",
                    "FQty", 1, "Fauxqty", 1, "FAuxQtyMust", 1, "FPlanMode", 14036)));
            billsByNo.put(no, bill);
            billsById.put(id, bill);
        }
    }

    /**
     * Forgets bills, tokens, faults, counters and signature failures; keeps the material catalogue. The
     * {@link Builder#recentBills} sample is stored again, dated relative to the simulator's clock.
     */
    public synchronized void reset() {
        billsByNo.clear();
        billsById.clear();
        seedRecentBills();
        tokens.clear();
        sessions.clear();
        refreshTokens.clear();
        codeUsed = false;
        faults.values().forEach(Queue::clear);
        endlessPaging = false;
        calls.values().forEach(c -> c.set(0));
        signatureFailures.clear();
        tokensIssued = 0;
        server.resetRequests();
    }

    @Override
    public String toString() {
        return "KisSimulator{" + (server.isRunning() ? endpoint() : "stopped") + ", " + credentials + "}";
    }

    // ---- request handling -----------------------------------------------------------------------------------

    private final class Transformer implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            try {
                return handle(event.getRequest());
            } catch (RuntimeException e) {
                return answer(500, Map.of("errcode", -1, "description", "simulator error: " + e));
            }
        }
    }

    private ResponseDefinition handle(Request r) {
        URI uri = URI.create(r.getUrl());
        String path = uri.getRawPath();
        String lower = path.toLowerCase(Locale.ROOT);
        KisOperation op = route(r.getMethod().getName(), lower);
        if (op == null) {
            return answer(404, error(ERR_BUSINESS, "接口不存在: " + r.getMethod().getName() + " " + path));
        }
        calls.get(op).incrementAndGet();
        boolean gatewayCall = lower.startsWith("/jdyconnector/");
        boolean sessionCall = SESSION_CALLS.contains(op);
        boolean businessCall = !gatewayCall && !sessionCall;
        if (gatewayCall || (businessCall && requireBusinessSignature) || r.containsHeader("X-Api-Signature")) {
            String why = verifyGatewaySignature(r, uri);
            if (why != null) {
                synchronized (this) {
                    signatureFailures.add(op + ": " + why);
                }
                return answer(519, error(-1, "签名验证失败(" + why + ")"));
            }
        }
        KisFault fault = nextFault(op);
        if (fault != null) {
            ResponseDefinition refused = refuseBeforeProcessing(fault, r, op);
            if (refused != null) {
                return refused;
            }
        }
        if (businessCall) {
            String authProblem = checkBusinessAuth(r, uri);
            if (authProblem != null) {
                return answer(200, error(ERR_TOKEN, authProblem));
            }
        }
        ResponseDefinition result = switch (op) {
            case AUTH_TOKEN -> issueToken(uri);
            case PUSH_APP_AUTHORIZE -> pushAppAuthorize(uri);
            case CREATE_RECEIPT -> createReceipt(body(r));
            case LIST_RECEIPTS -> listReceipts(body(r));
            case GET_RECEIPT -> getReceipt(body(r));
            case LIST_MATERIALS -> listMaterials(body(r));
            case OAUTH_ACCESS_TOKEN -> exchangeCode(uri, body(r));
            case SERVICE_GATEWAY -> serviceGateway(r, uri, body(r));
            case REFRESH_AUTH_DATA -> refreshAuthData(uri, body(r));
            case REFRESH_LOGIN -> refreshLogin(r, uri, body(r));
        };
        if (fault == KisFault.LOSE_RESPONSE_AFTER_PROCESSING) {
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        if (fault == KisFault.GATEWAY_ERROR_AFTER_PROCESSING) {
            return answer(502, Map.of("errcode", 502, "description", "Bad Gateway"));
        }
        return result;
    }

    private static KisOperation route(String method, String path) {
        if (path.equals("/jdyconnector/app_management/kingdee_auth_token") && method.equals("GET")) {
            return KisOperation.AUTH_TOKEN;
        }
        if (path.equals("/jdyconnector/app_management/push_app_authorize") && method.equals("POST")) {
            return KisOperation.PUSH_APP_AUTHORIZE;
        }
        if (!method.equals("POST") || !path.startsWith("/koas/")) {
            return null;
        }
        if (path.equals("/koas/oauth2/access_token")) return KisOperation.OAUTH_ACCESS_TOKEN;
        if (path.equals("/koas/user/get_service_gateway")) return KisOperation.SERVICE_GATEWAY;
        if (path.equals("/koas/user/refresh_auth_data")) return KisOperation.REFRESH_AUTH_DATA;
        if (path.equals("/koas/user/refresh_login_access_token")) return KisOperation.REFRESH_LOGIN;
        // The app segment's case varies between accounts (app007104 / APP007104): both are accepted.
        if (path.equals("/koas/app007104/api/miscellaneousreceipt/create")) return KisOperation.CREATE_RECEIPT;
        if (path.equals("/koas/app007104/api/miscellaneousreceipt/list")) return KisOperation.LIST_RECEIPTS;
        if (path.equals("/koas/app007104/api/miscellaneousreceipt/getdetail")) return KisOperation.GET_RECEIPT;
        if (path.equals("/koas/app006992/api/material/list")) return KisOperation.LIST_MATERIALS;
        return null;
    }

    private synchronized KisFault nextFault(KisOperation op) {
        return faults.get(op).poll();
    }

    private ResponseDefinition refuseBeforeProcessing(KisFault fault, Request r, KisOperation op) {
        return switch (fault) {
            case UNAVAILABLE_BEFORE_PROCESSING -> answer(503, Map.of("errcode", 503, "description", "Service Unavailable"));
            case RESET_BEFORE_PROCESSING ->
                    ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case THROTTLED -> ResponseDefinitionBuilder.responseDefinition().withStatus(429)
                    .withHeader("Content-Type", "application/json;charset=utf-8").withHeader("Retry-After", "1")
                    .withBody(write(error(429, "请求过于频繁，已限流"))).build();
            case BUSY -> answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：系统繁忙，请稍后重试"));
            case TOKEN_EXPIRED -> {
                String token = r.getHeader("KIS-AuthData");
                synchronized (this) {
                    if (token != null) tokens.remove(token);
                }
                yield answer(200, error(ERR_TOKEN, "app-token 已过期，请重新获取 (KIS-AuthData expired)"));
            }
            case SIGNATURE_REJECTED -> answer(519, error(-1, "签名验证失败"));
            case ECHO_SECRETS -> answer(200, error(ERR_BUSINESS, "签名不对: client secret " + credentials.clientSecret()
                    + ", app secret " + credentials.appSecret() + ", KIS-AuthData " + r.getHeader("KIS-AuthData")));
            case LOSE_RESPONSE_AFTER_PROCESSING, GATEWAY_ERROR_AFTER_PROCESSING -> null;
        };
    }

    private String verifyGatewaySignature(Request r, URI uri) {
        String clientId = r.getHeader("X-Api-ClientID");
        if (!credentials.clientId().equals(clientId)) return "unknown X-Api-ClientID " + clientId;
        if (!"2.0".equals(r.getHeader("X-Api-Auth-Version"))) return "X-Api-Auth-Version must be 2.0";
        String ts = r.getHeader("X-Api-TimeStamp");
        String nonce = r.getHeader("X-Api-Nonce");
        String signHeaders = r.getHeader("X-Api-SignHeaders");
        String signature = r.getHeader("X-Api-Signature");
        if (ts == null || nonce == null || signHeaders == null || signature == null) {
            return "missing X-Api-TimeStamp, X-Api-Nonce, X-Api-SignHeaders or X-Api-Signature";
        }
        long millis;
        try {
            millis = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return "X-Api-TimeStamp is not milliseconds: " + ts;
        }
        Duration skew = Duration.between(Instant.ofEpochMilli(millis), clock.instant()).abs();
        if (skew.compareTo(SIGNATURE_WINDOW) > 0) return "X-Api-TimeStamp outside 5 minutes (" + skew + ")";
        Map<String, String> signed = new LinkedHashMap<>();
        for (String h : signHeaders.split(",")) {
            String name = h.trim();
            String value = r.getHeader(name);
            if (value == null) return "signed header " + name + " is missing";
            signed.put(name.toLowerCase(Locale.ROOT), value);
        }
        if (!signed.containsKey("x-api-nonce") || !signed.containsKey("x-api-timestamp")) {
            return "X-Api-SignHeaders must include X-Api-TimeStamp and X-Api-Nonce";
        }
        String expected = GatewaySignatures.apiSignature(credentials.clientSecret(), r.getMethod().getName(),
                uri.getPath(), uri.getRawQuery(), signed);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) {
            return "X-Api-Signature does not match";
        }
        return null;
    }

    private String checkBusinessAuth(Request r, URI uri) {
        for (String h : new String[] {"Kis-State", "Kis-Timestamp", "Kis-Traceid", "Kis-Ver"}) {
            if (r.getHeader(h) == null) return "缺少请求头 " + h;
        }
        if (!"1.0".equals(r.getHeader("Kis-Ver"))) return "Kis-Ver 必须为 1.0";
        if (!credentials.routerAddress().equals(r.getHeader("X-GW-Router-Addr"))) {
            return "X-GW-Router-Addr 无效: " + r.getHeader("X-GW-Router-Addr");
        }
        String token = r.getHeader("KIS-AuthData");
        if (token == null) return "缺少 KIS-AuthData (app-token)";
        IssuedToken issued;
        synchronized (this) {
            issued = tokens.get(token);
            if (issued == null || !clock.instant().isBefore(issued.expires())) {
                tokens.remove(token);
                return "app-token 无效或已过期 (KIS-AuthData invalid or expired)";
            }
        }
        String accessToken = query(uri).get("access_token");
        if (accessToken != null && !accessToken.equals(issued.accessToken())) {
            return "access_token 与 app-token 不匹配 (access_token invalid)";
        }
        return null;
    }

    private ResponseDefinition issueToken(URI uri) {
        Map<String, String> q = query(uri);
        if (!credentials.appKey().equals(q.get("app_key"))) {
            return answer(200, error(ERR_BUSINESS, "app_key 不存在: " + q.get("app_key")));
        }
        String expected = GatewaySignatures.appSignature(credentials.appKey(), credentials.appSecret());
        if (!expected.equals(q.get("app_signature"))) {
            synchronized (this) {
                signatureFailures.add("AUTH_TOKEN: app_signature does not match");
            }
            return answer(519, error(-1, "app_signature 签名验证失败"));
        }
        String token;
        IssuedToken issued;
        synchronized (this) {
            tokensIssued++;
            token = "eyJ.sim-app-token." + tokensIssued + "." + UUID.randomUUID();
            issued = new IssuedToken(clock.instant().plus(tokenTtl), "sim-access-" + UUID.randomUUID());
            tokens.put(token, issued);
        }
        Instant expires = issued.expires();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("access_token", issued.accessToken());
        data.put("app-token", token);
        data.put("expires", expires.toEpochMilli());
        data.put("uid", 173053163);
        return ok(data);
    }

    private record IssuedToken(Instant expires, String accessToken) {
    }

    /** A user session of the OAuth flow. Mutable only under the simulator's lock. */
    private static final class Session {
        final String id;
        final String secret;
        String accessToken;
        Instant accessExpires;
        Instant sessionExpires;
        String refreshToken;
        Instant refreshExpires;

        Session(String id, String secret) {
            this.id = id;
            this.secret = secret;
        }
    }

    // ---- user-session flow (VENDORS.md 3.2) ------------------------------------------------------------------

    private String checkClient(URI uri) {
        Map<String, String> q = query(uri);
        if (!credentials.clientId().equals(q.get("client_id")) || !credentials.clientSecret().equals(q.get("client_secret"))) {
            return "client_id 或 client_secret 错误";
        }
        return null;
    }

    private synchronized ResponseDefinition exchangeCode(URI uri, JsonNode body) {
        String bad = checkClient(uri);
        if (bad != null) return answer(200, error(ERR_TOKEN, bad));
        if (!credentials.authorizationCode().equals(text(body, "code")) || codeUsed) {
            return answer(200, error(ERR_TOKEN, "code 无效或已使用 (authorization code invalid)"));
        }
        codeUsed = true;
        Session s = new Session("sim-session-" + UUID.randomUUID(), "sim-session-secret-" + UUID.randomUUID());
        s.sessionExpires = clock.instant().plus(Duration.ofDays(1));
        sessions.put(s.id, s);
        return ok(newAccessToken(s));
    }

    private Map<String, Object> newAccessToken(Session s) {
        s.accessToken = "sim-user-access-" + UUID.randomUUID();
        s.accessExpires = clock.instant().plus(tokenTtl);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("access_token", s.accessToken);
        d.put("access_token_expire_in", tokenTtl.toSeconds());
        d.put("session_id", s.id);
        d.put("session_id_expire_in", Duration.between(clock.instant(), s.sessionExpires).toSeconds());
        d.put("session_secret", s.secret);
        return d;
    }

    /** Finds the session of a signed /koas/user call and checks its KIS-Signature; an error description or null. */
    private String checkSession(Request r, URI uri, Session s) {
        if (s == null) return "session_id 无效";
        if (!clock.instant().isBefore(s.sessionExpires)) return "session 已过期 (session expired)";
        if (!s.accessToken.equals(query(uri).get("access_token"))) return "access_token 无效 (access_token invalid)";
        String state = r.getHeader("Kis-State");
        String trace = r.getHeader("Kis-Traceid");
        String ts = r.getHeader("Kis-Timestamp");
        String signature = r.getHeader("KIS-Signature");
        if (state == null || trace == null || ts == null || signature == null) {
            return "缺少 Kis-State/Kis-Traceid/Kis-Timestamp/KIS-Signature";
        }
        if (!sha256Hex(state + s.id + trace + s.secret + ts).equals(signature)) {
            synchronized (this) {
                signatureFailures.add("KIS-Signature does not match");
            }
            return "KIS-Signature 签名验证失败";
        }
        return null;
    }

    private synchronized ResponseDefinition serviceGateway(Request r, URI uri, JsonNode body) {
        Session s = sessions.get(text(body, "session_id"));
        String bad = checkSession(r, uri, s);
        if (bad != null) return answer(200, error(ERR_TOKEN, bad));
        for (String f : new String[] {"acctnumber", "pid", "icrmid"}) {
            if (text(body, f) == null || text(body, f).isBlank()) {
                return answer(200, error(ERR_BUSINESS, "参数 " + f + " 不能为空"));
            }
        }
        return ok(gatewayData(s));
    }

    private Map<String, Object> gatewayData(Session s) {
        String authData = "sim-auth-data-" + UUID.randomUUID();
        tokens.put(authData, new IssuedToken(s.accessExpires, s.accessToken));
        tokensIssued++;
        refreshTokens.remove(s.refreshToken);
        s.refreshToken = "sim-refresh-" + UUID.randomUUID();
        s.refreshExpires = clock.instant().plus(Duration.ofDays(1));
        refreshTokens.put(s.refreshToken, s);
        Map<String, Object> extend = new LinkedHashMap<>();
        extend.put("refresh_auth_data_token", s.refreshToken);
        extend.put("refresh_auth_data_token_expire_in", Duration.ofDays(1).toSeconds());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("access_token", s.accessToken);
        d.put("access_token_expire_in", Duration.between(clock.instant(), s.accessExpires).toSeconds());
        d.put("auth_data", authData);
        d.put("gw_router_addr", credentials.routerAddress());
        d.put("extend_data", extend);
        return d;
    }

    private synchronized ResponseDefinition refreshAuthData(URI uri, JsonNode body) {
        String bad = checkClient(uri);
        if (bad != null) return answer(200, error(ERR_TOKEN, bad));
        Session s = refreshTokens.get(text(body, "refresh_auth_data_token"));
        if (s == null || !clock.instant().isBefore(s.refreshExpires)) {
            return answer(200, error(ERR_TOKEN, "refresh_auth_data_token 无效或已过期"));
        }
        if (!s.accessToken.equals(text(body, "access_token"))) {
            return answer(200, error(ERR_TOKEN, "access_token 无效 (access_token invalid)"));
        }
        newAccessToken(s);
        return ok(gatewayData(s));
    }

    private synchronized ResponseDefinition refreshLogin(Request r, URI uri, JsonNode body) {
        Session s = sessions.get(text(body, "session_id"));
        String bad = checkSession(r, uri, s);
        if (bad != null) return answer(200, error(ERR_TOKEN, bad));
        return ok(newAccessToken(s));
    }

    private static String sha256Hex(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return String.format("%064x", new java.math.BigInteger(1, d));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseDefinition pushAppAuthorize(URI uri) {
        if (!credentials.outerInstanceId().equals(query(uri).get("outerInstanceId"))) {
            return answer(200, error(ERR_BUSINESS, "outerInstanceId 不存在"));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("accountId", "sim-account");
        d.put("serviceId", "sim-service");
        d.put("domain", credentials.routerAddress());
        d.put("appKey", credentials.appKey());
        d.put("appSecret", credentials.appSecret());
        return ok(List.of(d));
    }

    private ResponseDefinition createReceipt(JsonNode body) {
        JsonNode object = body == null ? null : body.get("Object");
        if (object == null || !object.isObject()) {
            return answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：请求参数转换成JSON对象异常(缺少 Object)"));
        }
        JsonNode head = object.path("Head");
        JsonNode entries = object.path("Entry");
        List<String> problems = validate(head, entries);
        if (!problems.isEmpty()) {
            return answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：" + String.join("；", problems)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> headMap = new LinkedHashMap<>(json.convertValue(head, Map.class));
        List<Map<String, Object>> entryMaps = new ArrayList<>();
        for (JsonNode e : entries) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = json.convertValue(e, Map.class);
            entryMaps.add(m);
        }
        SimulatedBill bill;
        synchronized (this) {
            String no = head.path("FBillNo").asText("");
            if (no.isBlank()) {
                do {
                    no = String.format("QTRK%06d", ++autoNumber);
                } while (billsByNo.containsKey(no));
            } else if (billsByNo.containsKey(no)) {
                return answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：单据编号[" + no + "]已经存在，不能重复"));
            }
            headMap.put("FBillNo", no);
            long id = nextBillId++;
            headMap.put("FID", id);
            bill = new SimulatedBill(id, no, nullFree(headMap), entryMaps.stream().map(KisSimulator::nullFree).toList());
            billsByNo.put(no, bill);
            billsById.put(id, bill);
        }
        return ok(Map.of("FID", bill.id(), "FBillNo", bill.billNo()));
    }

    /**
     * Fdate as KIS takes it: a date, or a date-time with a 'T' (what the old QEasy integration sent, seeds/001) or a
     * space. Anything else is refused, so a client sending another shape is caught here.
     */
    private static final java.util.regex.Pattern FDATE =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}:\\d{2})?");

    private List<String> validate(JsonNode head, JsonNode entries) {
        List<String> p = new ArrayList<>();
        if (!head.isObject()) {
            p.add("缺少单据头(Head)");
            return p;
        }
        if (blank(head.get("Fdate"))) p.add("单据头：日期(Fdate)不能为空");
        else if (!FDATE.matcher(head.get("Fdate").asText()).matches()) {
            p.add("单据头：日期(Fdate)[" + head.get("Fdate").asText() + "]格式不正确");
        }
        if (blank(head.get("FTranType"))) p.add("单据头：单据类型(FTranType)不能为空");
        else if (head.get("FTranType").asInt() != 10) p.add("单据头：其他入库单的单据类型(FTranType)必须为10");
        if (!entries.isArray() || entries.isEmpty()) {
            p.add("单据体(Entry)至少需要一行分录");
            return p;
        }
        int line = 0;
        for (JsonNode e : entries) {
            line++;
            String at = "第" + line + "行分录：";
            if (blank(e.get("FItemID"))) p.add(at + "物料代码(FItemID)不能为空");
            else if (findMaterial(e.get("FItemID").asText()) == null) {
                p.add(at + "物料代码(FItemID)[" + e.get("FItemID").asText() + "]在系统中不存在");
            }
            if (blank(e.get("FUnitID"))) p.add(at + "单位(FUnitID)不能为空");
            positive(p, at, e, "FQty", "实收数量");
            positive(p, at, e, "Fauxqty", "数量");
            positive(p, at, e, "FAuxQtyMust", "应收数量");
            if (blank(e.get("FPlanMode"))) p.add(at + "计划模式(FPlanMode)不能为空");
            if (blank(e.get("FDCStockID")) && blank(head.get("FDCStockID"))) p.add(at + "收货仓库(FDCStockID)不能为空");
        }
        return p;
    }

    private synchronized SimulatedMaterial findMaterial(String idOrNumber) {
        for (SimulatedMaterial m : materials) {
            if (m.number().equals(idOrNumber) || Long.toString(m.itemId()).equals(idOrNumber)) {
                return m;
            }
        }
        return null;
    }

    private static void positive(List<String> p, String at, JsonNode e, String field, String label) {
        JsonNode v = e.get(field);
        if (blank(v)) {
            p.add(at + label + "(" + field + ")不能为空");
            return;
        }
        try {
            if (new BigDecimal(v.asText().trim()).signum() <= 0) p.add(at + label + "(" + field + ")必须大于0");
        } catch (NumberFormatException ex) {
            p.add(at + label + "(" + field + ")不是有效的数字: " + v.asText());
        }
    }

    private static boolean blank(JsonNode n) {
        return n == null || n.isNull() || n.asText().isBlank();
    }

    private ResponseDefinition listReceipts(JsonNode body) {
        String billNo = ignoreListFilters ? null : text(body, "FBillNo");
        String from = ignoreListFilters ? null : text(body, "BeginDate");
        String to = ignoreListFilters ? null : text(body, "EndDate");
        List<Map<String, Object>> rows = new ArrayList<>();
        synchronized (this) {
            for (SimulatedBill b : billsByNo.values()) {
                String date = String.valueOf(b.head().getOrDefault("Fdate", ""));
                String day = date.length() >= 10 ? date.substring(0, 10) : date;
                if (billNo != null && !billNo.equals(b.billNo())) continue;
                if (from != null && day.compareTo(from) < 0) continue;
                if (to != null && day.compareTo(to) > 0) continue;
                rows.add(b.head());
            }
        }
        return ok(page(body, rows));
    }

    private ResponseDefinition getReceipt(JsonNode body) {
        String id = text(body, "FID") != null ? text(body, "FID") : text(body, "ItemId");
        SimulatedBill b;
        synchronized (this) {
            b = id == null ? null : billsById.get(parseLong(id));
        }
        if (b == null) {
            return answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：单据不存在(FID=" + id + ")"));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Head", b.head());
        d.put("Entry", b.entries());
        return ok(d);
    }

    private ResponseDefinition listMaterials(JsonNode body) {
        List<Map<String, Object>> rows;
        synchronized (this) {
            rows = materials.stream().map(SimulatedMaterial::row).toList();
        }
        return ok(page(body, rows));
    }

    /** CurrentPage/ItemsOfPage (numbers or strings), answered with TotalPages, TotalCount and List. */
    private Map<String, Object> page(JsonNode body, List<Map<String, Object>> rows) {
        boolean endless = endlessPaging;
        int page = endless ? 1 : Math.max(1, (int) parseLong(Optional.ofNullable(text(body, "CurrentPage")).orElse("1")));
        int size = Math.max(1, (int) parseLong(Optional.ofNullable(text(body, "ItemsOfPage")).orElse("20")));
        int total = rows.size();
        int pages = (total + size - 1) / size;
        int from = Math.min(total, (page - 1) * size);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("CurrentPage", page);
        d.put("TotalPages", endless ? Integer.MAX_VALUE : pages);
        d.put("TotalCount", total);
        d.put("List", rows.subList(from, Math.min(total, from + size)));
        return d;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, Object> nullFree(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) out.put(k, v);
        });
        return out;
    }

    private JsonNode body(Request r) {
        try {
            byte[] b = r.getBody();
            return b == null || b.length == 0 ? json.createObjectNode() : json.readTree(b);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) return q;
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return q;
    }

    private static Map<String, Object> error(int code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errcode", code);
        m.put("description", description);
        return m;
    }

    private ResponseDefinition ok(Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errcode", 0);
        m.put("description", "成功");
        m.put("data", data);
        return answer(200, m);
    }

    private ResponseDefinition answer(int status, Object body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(write(body)).build();
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
        private int port;
        private boolean ignoreListFilters;
        private int recentBills;

        private Builder() {
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
         * does not know those filter names would. <b>[INFER]</b>: the real filter names are undocumented.
         */
        public Builder ignoreListFilters(boolean ignore) {
            this.ignoreListFilters = ignore;
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

        /** How long an issued app-token lasts; default 2 hours. */
        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = Objects.requireNonNull(tokenTtl, "tokenTtl");
            return this;
        }

        /** Refuse koas business calls without an X-Api-Signature (by default one is verified only if present). */
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
