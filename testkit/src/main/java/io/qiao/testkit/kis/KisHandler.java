package io.qiao.testkit.kis;

import static io.qiao.testkit.kis.KisJson.JSON;
import static io.qiao.testkit.kis.KisJson.answer;
import static io.qiao.testkit.kis.KisJson.body;
import static io.qiao.testkit.kis.KisJson.error;
import static io.qiao.testkit.kis.KisJson.nullFree;
import static io.qiao.testkit.kis.KisJson.ok;
import static io.qiao.testkit.kis.KisJson.parseLong;
import static io.qiao.testkit.kis.KisJson.query;
import static io.qiao.testkit.kis.KisJson.text;
import static io.qiao.testkit.kis.KisJson.write;
import static io.qiao.testkit.kis.KisSimulator.ERR_BUSINESS;
import static io.qiao.testkit.kis.KisSimulator.ERR_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.qiao.testkit.kis.KisState.IssuedToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The KIS simulator's behaviour: one WireMock transformer that routes every request to its {@link KisOperation},
 * checks the gateway signature, the queued fault and the business headers in the order the real gateway does, and
 * answers from the {@link KisState}. The user-session calls go to {@link KisSessionFlow}, the receipt rules to
 * {@link KisReceiptRules}.
 */
final class KisHandler implements ResponseDefinitionTransformerV2 {
    static final String NAME = "qiao-kis-simulator";
    private static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(5);
    private static final Set<KisOperation> SESSION_CALLS = EnumSet.of(KisOperation.OAUTH_ACCESS_TOKEN,
            KisOperation.SERVICE_GATEWAY, KisOperation.REFRESH_AUTH_DATA, KisOperation.REFRESH_LOGIN);

    private final KisSimulatorCredentials credentials;
    private final Clock clock;
    private final Duration tokenTtl;
    private final boolean requireBusinessSignature;
    private final boolean acceptRfc3986Signatures;
    private final boolean ignoreListFilters;
    private final KisState state;
    private final KisSessionFlow sessions;
    private final int maxPageSize;
    private final int rateLimit;
    private final Duration latency;
    /** The rate limit's token bucket: permits left and when it was last refilled (System.nanoTime); guarded by this. */
    private double tokens;
    private long lastRefill;
    private static final java.util.regex.Pattern DAY = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    KisHandler(KisSimulatorCredentials credentials, Clock clock, Duration tokenTtl, boolean requireBusinessSignature,
               boolean acceptRfc3986Signatures, boolean ignoreListFilters, int maxPageSize, int rateLimit,
               Duration latency, KisState state) {
        this.maxPageSize = maxPageSize;
        this.rateLimit = rateLimit;
        this.latency = latency;
        this.credentials = credentials;
        this.acceptRfc3986Signatures = acceptRfc3986Signatures;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.requireBusinessSignature = requireBusinessSignature;
        this.ignoreListFilters = ignoreListFilters;
        this.state = state;
        this.sessions = new KisSessionFlow(credentials, clock, tokenTtl, state);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        ResponseDefinition d;
        try {
            d = handle(event.getRequest());
        } catch (RuntimeException e) {
            d = answer(500, Map.of("errcode", -1, "description", "simulator error: " + e));
        }
        long ms = latency.toMillis();
        return ms > 0 ? ResponseDefinitionBuilder.like(d).withFixedDelay((int) ms).build() : d;
    }

    /**
     * Takes a permit from the token bucket (refilled at {@code rateLimit} a second, holding at most one second's
     * worth, full at start); false when it is empty. A bucket rather than a sliding window: an evenly paced client
     * whose requests arrive a few milliseconds apart from their schedule is not refused for it.
     */
    private synchronized boolean admit() {
        if (rateLimit <= 0) {
            return true;
        }
        long now = System.nanoTime();
        if (lastRefill == 0) {
            lastRefill = now;
            tokens = rateLimit;
        }
        tokens = Math.min(rateLimit, tokens + (now - lastRefill) * rateLimit / 1e9);
        lastRefill = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    private ResponseDefinition handle(Request r) {
        URI uri = URI.create(r.getUrl());
        String path = uri.getRawPath();
        String lower = path.toLowerCase(Locale.ROOT);
        KisOperation op = route(r.getMethod().getName(), lower);
        if (op == null) {
            return answer(404, error(ERR_BUSINESS, "接口不存在: " + r.getMethod().getName() + " " + path));
        }
        state.called(op);
        if (!admit()) {
            state.throttled();
            return throttled();
        }
        boolean gatewayCall = lower.startsWith("/jdyconnector/");
        boolean sessionCall = SESSION_CALLS.contains(op);
        boolean businessCall = !gatewayCall && !sessionCall;
        if (gatewayCall || (businessCall && requireBusinessSignature) || r.containsHeader("X-Api-Signature")) {
            String why = verifyGatewaySignature(r, uri);
            if (why != null) {
                state.signatureFailed(op + ": " + why);
                return answer(519, error(-1, "签名验证失败(" + why + ")"));
            }
        }
        KisFault fault = state.nextFault(op);
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
            case CREATE_RECEIPT -> createReceipt(body(r), RECEIPTS);
            case LIST_RECEIPTS -> listReceipts(body(r), RECEIPTS);
            case GET_RECEIPT -> getReceipt(body(r), RECEIPTS);
            case CREATE_DELIVERY -> createReceipt(body(r), DELIVERIES);
            case LIST_DELIVERIES -> listReceipts(body(r), DELIVERIES);
            case GET_DELIVERY -> getReceipt(body(r), DELIVERIES);
            case CREATE_PURCHASE_RECEIPT -> createReceipt(body(r), PURCHASES);
            case LIST_PURCHASE_RECEIPTS -> listReceipts(body(r), PURCHASES);
            case GET_PURCHASE_RECEIPT -> getReceipt(body(r), PURCHASES);
            case CREATE_SALES_DELIVERY -> createReceipt(body(r), SALES);
            case LIST_SALES_DELIVERIES -> listReceipts(body(r), SALES);
            case GET_SALES_DELIVERY -> getReceipt(body(r), SALES);
            case LIST_CUSTOMERS -> listPartners(body(r), true);
            case LIST_SUPPLIERS -> listPartners(body(r), false);
            case LIST_MATERIALS -> listMaterials(body(r));
            case OAUTH_ACCESS_TOKEN -> sessions.exchangeCode(uri, body(r));
            case SERVICE_GATEWAY -> sessions.serviceGateway(r, uri, body(r));
            case REFRESH_AUTH_DATA -> sessions.refreshAuthData(uri, body(r));
            case REFRESH_LOGIN -> sessions.refreshLogin(r, uri, body(r));
        };
        if (fault == KisFault.LOSE_RESPONSE_AFTER_PROCESSING) {
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        if (fault == KisFault.GATEWAY_ERROR_AFTER_PROCESSING) {
            return answer(502, Map.of("errcode", 502, "description", "Bad Gateway"));
        }
        return result;
    }

    /** The operation a method and lower-case path reach, or null: the gateway's routing table. */
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
        if (path.equals("/koas/app007104/api/miscellaneousdelivery/create")) return KisOperation.CREATE_DELIVERY;
        if (path.equals("/koas/app007104/api/miscellaneousdelivery/list")) return KisOperation.LIST_DELIVERIES;
        if (path.equals("/koas/app007104/api/miscellaneousdelivery/getdetail")) return KisOperation.GET_DELIVERY;
        if (path.equals("/koas/app007104/api/purchasereceipt/create")) return KisOperation.CREATE_PURCHASE_RECEIPT;
        if (path.equals("/koas/app007104/api/purchasereceipt/list")) return KisOperation.LIST_PURCHASE_RECEIPTS;
        if (path.equals("/koas/app007104/api/purchasereceipt/getdetail")) return KisOperation.GET_PURCHASE_RECEIPT;
        if (path.equals("/koas/app007104/api/salesdelivery/create")) return KisOperation.CREATE_SALES_DELIVERY;
        if (path.equals("/koas/app007104/api/salesdelivery/list")) return KisOperation.LIST_SALES_DELIVERIES;
        if (path.equals("/koas/app007104/api/salesdelivery/getdetail")) return KisOperation.GET_SALES_DELIVERY;
        if (path.equals("/koas/app006992/api/customer/list")) return KisOperation.LIST_CUSTOMERS;
        if (path.equals("/koas/app006992/api/vendor/list")) return KisOperation.LIST_SUPPLIERS;
        if (path.equals("/koas/app006992/api/material/list")) return KisOperation.LIST_MATERIALS;
        return null;
    }

    private ResponseDefinition refuseBeforeProcessing(KisFault fault, Request r, KisOperation op) {
        return switch (fault) {
            case UNAVAILABLE_BEFORE_PROCESSING -> answer(503, Map.of("errcode", 503, "description", "Service Unavailable"));
            case RESET_BEFORE_PROCESSING ->
                    ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case THROTTLED -> throttled();
            case BUSY -> answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：系统繁忙，请稍后重试"));
            case TOKEN_EXPIRED -> {
                String token = r.getHeader("KIS-AuthData");
                synchronized (state) {
                    if (token != null) state.tokens.remove(token);
                }
                yield answer(200, error(ERR_TOKEN, "app-token 已过期，请重新获取 (KIS-AuthData expired)"));
            }
            case SIGNATURE_REJECTED -> answer(519, error(-1, "签名验证失败"));
            case ECHO_SECRETS -> answer(200, error(ERR_BUSINESS, "签名不对: client secret " + credentials.clientSecret()
                    + ", app secret " + credentials.appSecret() + ", KIS-AuthData " + r.getHeader("KIS-AuthData")));
            case LOSE_RESPONSE_AFTER_PROCESSING, GATEWAY_ERROR_AFTER_PROCESSING -> null;
        };
    }

    private static ResponseDefinition throttled() {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(429)
                .withHeader("Content-Type", "application/json;charset=utf-8").withHeader("Retry-After", "1")
                .withBody(write(error(429, "请求过于频繁，已限流"))).build();
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
        if (matches(expected, signature)) {
            return null;
        }
        // Which encoding the real gateway verifies is not published; Kingdee's client and third-party ones differ.
        if (acceptRfc3986Signatures && matches(GatewaySignatures.rfc3986ApiSignature(credentials.clientSecret(),
                r.getMethod().getName(), uri.getPath(), uri.getRawQuery(), signed), signature)) {
            return null;
        }
        return "X-Api-Signature does not match";
    }

    private static boolean matches(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
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
        synchronized (state) {
            issued = state.tokens.get(token);
            if (issued == null || !clock.instant().isBefore(issued.expires())) {
                state.tokens.remove(token);
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
            state.signatureFailed("AUTH_TOKEN: app_signature does not match");
            return answer(519, error(-1, "app_signature 签名验证失败"));
        }
        String token;
        IssuedToken issued;
        synchronized (state) {
            state.tokensIssued++;
            token = "eyJ.sim-app-token." + state.tokensIssued + "." + UUID.randomUUID();
            issued = new IssuedToken(clock.instant().plus(tokenTtl), "sim-access-" + UUID.randomUUID());
            state.tokens.put(token, issued);
        }
        Instant expires = issued.expires();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("access_token", issued.accessToken());
        data.put("app-token", token);
        data.put("expires", expires.toEpochMilli());
        data.put("uid", 173053163);
        return ok(data);
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

    /**
     * One kind of stock bill: where it is stored, its FTranType, its name in messages, its number prefix, and whose
     * FItemID/FNumber its head's FSupplyID must name (null: not checked). For a 销售出库单 that is the customer
     * (购货单位): ICStockBill keeps the customer of a sale in FSupplyID, and the koas payload has no other
     * customer field (<b>[INFER]</b>).
     */
    private record Book(String kind, int tranType, String name, String prefix, Boolean partnerIsCustomer,
                        String partnerLabel) {
        Map<String, SimulatedBill> byNo(KisState s) {
            return switch (kind) {
                case "deliveries" -> s.deliveriesByNo;
                case "purchases" -> s.purchaseByNo;
                case "sales" -> s.salesByNo;
                default -> s.billsByNo;
            };
        }

        Map<Long, SimulatedBill> byId(KisState s) {
            return switch (kind) {
                case "deliveries" -> s.deliveriesById;
                case "purchases" -> s.purchaseById;
                case "sales" -> s.salesById;
                default -> s.billsById;
            };
        }
    }

    private static final Book RECEIPTS = new Book("receipts", 10, "其他入库单", "QTRK", null, null);
    private static final Book DELIVERIES = new Book("deliveries", 29, "其他出库单", "QTCK", null, null);
    private static final Book PURCHASES = new Book("purchases", 1, "外购入库单", "WIN", false, "供应商");
    private static final Book SALES = new Book("sales", 21, "销售出库单", "XOUT", true, "购货单位");

    private ResponseDefinition createReceipt(JsonNode body, Book book) {
        JsonNode object = body == null ? null : body.get("Object");
        if (object == null || !object.isObject()) {
            return answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：请求参数转换成JSON对象异常(缺少 Object)"));
        }
        JsonNode head = object.path("Head");
        JsonNode entries = object.path("Entry");
        List<String> problems = KisReceiptRules.validate(head, entries, state, book.tranType(), book.name());
        if (book.partnerIsCustomer() != null && head.isObject()) {
            JsonNode partner = head.get("FSupplyID");
            if (partner == null || partner.isNull() || partner.asText().isBlank()) {
                problems.add(0, "单据头：" + book.partnerLabel() + "(FSupplyID)不能为空");
            } else if (state.findPartner(book.partnerIsCustomer(), partner.asText()) == null) {
                problems.add(0, "单据头：" + book.partnerLabel() + "(FSupplyID)[" + partner.asText() + "]在系统中不存在");
            }
        }
        if (!problems.isEmpty()) {
            return answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：" + String.join("；", problems)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> headMap = new LinkedHashMap<>(JSON.convertValue(head, Map.class));
        List<Map<String, Object>> entryMaps = new ArrayList<>();
        for (JsonNode e : entries) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.convertValue(e, Map.class);
            entryMaps.add(m);
        }
        SimulatedBill bill;
        synchronized (state) {
            String no = head.path("FBillNo").asText("");
            if (no.isBlank()) {
                do {
                    no = String.format(book.prefix() + "%06d", ++state.autoNumber);
                } while (book.byNo(state).containsKey(no));
            } else if (book.byNo(state).containsKey(no)) {
                return answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：单据编号[" + no + "]已经存在，不能重复"));
            }
            headMap.put("FBillNo", no);
            long id = state.nextBillId++;
            headMap.put("FID", id);
            bill = new SimulatedBill(id, no, nullFree(headMap), entryMaps.stream().map(KisJson::nullFree).toList());
            book.byNo(state).put(no, bill);
            book.byId(state).put(id, bill);
        }
        return ok(Map.of("FID", bill.id(), "FBillNo", bill.billNo()));
    }

    /**
     * A bill list: {@code FBillNo} an exact number, {@code BeginDate}/{@code EndDate} whole days of Fdate (both ends
     * included, a bill with a time of day counts on its day), given as {@code yyyy-MM-dd}: a date-time or another
     * shape is refused, as is a range that ends before it begins. Rows in the order the bills were stored, at most
     * {@link KisSimulator.Builder#maxPageSize} a page. <b>[INFER]</b> the filter names and their semantics.
     */
    private ResponseDefinition listReceipts(JsonNode body, Book book) {
        String billNo = ignoreListFilters ? null : text(body, "FBillNo");
        String from = ignoreListFilters ? null : text(body, "BeginDate");
        String to = ignoreListFilters ? null : text(body, "EndDate");
        for (String[] d : new String[][] {{"BeginDate", from}, {"EndDate", to}}) {
            if (d[1] != null && !d[1].isEmpty() && !DAY.matcher(d[1]).matches()) {
                return answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：" + d[0] + "[" + d[1]
                        + "]格式不正确，应为yyyy-MM-dd"));
            }
        }
        if (from != null && to != null && !from.isEmpty() && !to.isEmpty() && to.compareTo(from) < 0) {
            return answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：结束日期(EndDate)不能早于开始日期(BeginDate)"));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        synchronized (state) {
            for (SimulatedBill b : book.byNo(state).values()) {
                String date = String.valueOf(b.head().getOrDefault("Fdate", ""));
                String day = date.length() >= 10 ? date.substring(0, 10) : date;
                if (billNo != null && !billNo.isEmpty() && !billNo.equals(b.billNo())) continue;
                if (from != null && !from.isEmpty() && day.compareTo(from) < 0) continue;
                if (to != null && !to.isEmpty() && day.compareTo(to) > 0) continue;
                rows.add(b.head());
            }
        }
        return ok(page(body, rows, maxPageSize));
    }

    private ResponseDefinition getReceipt(JsonNode body, Book book) {
        String id = text(body, "FID") != null ? text(body, "FID") : text(body, "ItemId");
        SimulatedBill b;
        synchronized (state) {
            b = id == null ? null : book.byId(state).get(parseLong(id));
        }
        if (b == null) {
            return answer(200, error(ERR_BUSINESS, "业务接口返回失败结果，失败原因：单据不存在(FID=" + id + ")"));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Head", b.head());
        d.put("Entry", b.entries());
        return ok(d);
    }

    /**
     * A base-data list of customers or suppliers with the filters a public PHP client (holt/kindee-kis) sends:
     * {@code SearchKey} (the rows whose FNumber or FName contains it; <b>[INFER]</b> the match, the client only
     * shows the name), {@code Ids} (FItemIDs), paged like every list; {@code ParentId}, {@code Detail},
     * {@code StartDate} and {@code EndDate} are accepted and, the simulator having no groups or history, change
     * nothing.
     */
    private ResponseDefinition listPartners(JsonNode body, boolean customers) {
        String key = text(body, "SearchKey");
        java.util.Set<String> ids = new java.util.HashSet<>();
        if (body != null && body.path("Ids").isArray()) {
            body.get("Ids").forEach(id -> ids.add(id.asText()));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SimulatedPartner p : state.partners(customers)) {
            if (key != null && !key.isEmpty() && !p.number().contains(key) && (p.name() == null || !p.name().contains(key))) {
                continue;
            }
            if (!ids.isEmpty() && !ids.contains(Long.toString(p.itemId()))) continue;
            rows.add(p.row());
        }
        return ok(page(body, rows, maxPageSize));
    }

    private ResponseDefinition listMaterials(JsonNode body) {
        List<Map<String, Object>> rows = state.materials().stream().map(SimulatedMaterial::row).toList();
        return ok(page(body, rows));
    }

    /** CurrentPage/ItemsOfPage (numbers or strings), answered with TotalPages, TotalCount and List. */
    private Map<String, Object> page(JsonNode body, List<Map<String, Object>> rows) {
        return page(body, rows, Integer.MAX_VALUE);
    }

    /** As {@link #page(JsonNode, List)}, an ItemsOfPage above {@code maxSize} served as {@code maxSize}. */
    private Map<String, Object> page(JsonNode body, List<Map<String, Object>> rows, int maxSize) {
        boolean endless = state.endlessPaging;
        int page = endless ? 1 : Math.max(1, (int) parseLong(Optional.ofNullable(text(body, "CurrentPage")).orElse("1")));
        int size = Math.min(maxSize, Math.max(1, (int) parseLong(Optional.ofNullable(text(body, "ItemsOfPage")).orElse("20"))));
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
}
