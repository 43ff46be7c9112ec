package io.qiao.testkit.jushuitan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** The simulator's behaviour: one WireMock transformer that answers every request from the simulator's state. */
final class JushuitanHandler implements ResponseDefinitionTransformerV2 {
    static final String INIT_TOKEN = "/openWeb/auth/getInitToken";
    static final String ACCESS_TOKEN = "/openWeb/auth/accessToken";
    static final String REFRESH_TOKEN = "/openWeb/auth/refreshToken";
    static final String OTHER_INOUT_QUERY = "/open/other/inout/query";
    static final String OTHER_INOUT_UPLOAD = "/open/jushuitan/otherinout/upload";
    static final String ORDERS_QUERY = "/open/orders/single/query";
    static final String INVENTORY_QUERY = "/open/inventory/query";
    static final String PURCHASEIN_QUERY = "/open/purchasein/query";
    static final String ORDER_OUT_QUERY = "/open/orders/out/simple/query";
    static final String PARTNER_QUERY = "/open/wms/partner/query";
    static final String SKU_QUERY = "/open/sku/query";
    static final String PURCHASE_QUERY = "/open/purchase/query";
    static final String REFUND_QUERY = "/open/refund/single/query";
    /** Parameter errors: the vendor's own code is not documented, so the simulator uses one of its own. */
    static final int BAD_PARAMETER = 1;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Set<String> BIZ_FIELDS = Set.of("app_key", "access_token", "timestamp", "version", "charset", "biz", "sign");

    private final JushuitanSimulator.Builder config;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JushuitanDataSet dataSet;

    // Mutable state. Documents: copy-on-write, sorted by modified then id.
    private volatile List<SimDocument> otherInOut;
    private final Map<String, Long> uploadsByExternalId = new HashMap<>();
    private long nextIoId;
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final JushuitanFaults faults = new JushuitanFaults();
    /** Set while a request under the endless-paging fault is answered (on the server's thread). */
    private final ThreadLocal<Boolean> endless = ThreadLocal.withInitial(() -> false);
    private final SlidingWindowLimit perSecond;
    private final SlidingWindowLimit perMinute;
    private volatile boolean limitsEnforced;
    private volatile Duration latency;
    private final Map<String, AtomicLong> requestsByPath = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong tokenRequests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final Map<Integer, AtomicLong> answersByCode = new ConcurrentHashMap<>();
    private final Map<String, ArrayDeque<String>> recentBiz = new ConcurrentHashMap<>();

    JushuitanHandler(JushuitanSimulator.Builder config) {
        this.config = config;
        // recentData(): the data ends at the simulator clock's now, so "the last 7 days" holds records.
        LocalDateTime start = config.recentData
                ? LocalDateTime.ofInstant(config.clock.instant(), SHANGHAI).withNano(0).minus(config.dataSpan)
                : config.dataStart;
        this.dataSet = new JushuitanDataSet(mapper, config.seed, start, config.dataSpan, config.documents);
        this.perSecond = new SlidingWindowLimit(config.perSecond, Duration.ofSeconds(1).toNanos());
        this.perMinute = new SlidingWindowLimit(config.perMinute, Duration.ofMinutes(1).toNanos());
        reset();
    }

    @Override
    public String getName() {
        return "jushuitan-simulator";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    // ---------------------------------------------------------------- control

    JushuitanDataSet dataSet() {
        return dataSet;
    }

    int otherInOutCount() {
        return otherInOut.size();
    }

    JushuitanFaults faults() {
        return faults;
    }

    void expireTokens() {
        Instant past = config.clock.instant().minusSeconds(1);
        accessTokens.replaceAll((k, v) -> past);
    }

    void limitsEnforced(boolean enforced) {
        this.limitsEnforced = enforced;
    }

    void latency(Duration latency) {
        this.latency = latency;
    }

    synchronized void touch(long ioId, LocalDateTime modified) {
        List<SimDocument> docs = new ArrayList<>(otherInOut);
        for (int i = 0; i < docs.size(); i++) {
            SimDocument d = docs.get(i);
            if (d.id() == ioId) {
                ObjectNode json = d.json().deepCopy();
                json.put("modified", JushuitanDataSet.FORMAT.format(modified.withNano(0)));
                docs.set(i, new SimDocument(d.id(), modified.withNano(0), d.ioDate(), d.type(), d.status(), d.soId(),
                        d.wmsCoId(), json));
                publish(docs);
                return;
            }
        }
        throw new IllegalArgumentException("no other in/out document with io_id " + ioId);
    }

    long requestCount(String path) {
        if (path == null) {
            return requests.get();
        }
        AtomicLong n = requestsByPath.get(path);
        return n == null ? 0 : n.get();
    }

    long tokenRequestCount() {
        return tokenRequests.get();
    }

    long throttledCount() {
        return throttled.get();
    }

    long answerCount(int code) {
        AtomicLong n = answersByCode.get(code);
        return n == null ? 0 : n.get();
    }

    List<String> recentBiz(String path) {
        ArrayDeque<String> q = recentBiz.get(path);
        if (q == null) {
            return List.of();
        }
        synchronized (q) {
            return List.copyOf(q);
        }
    }

    synchronized void reset() {
        otherInOut = dataSet.otherInOut();
        nextIoId = JushuitanDataSet.FIRST_IO_ID + otherInOut.size() + 1_000;
        uploadsByExternalId.clear();
        accessTokens.clear();
        refreshTokens.clear();
        faults.clear();
        perSecond.clear();
        perMinute.clear();
        limitsEnforced = config.limitsEnforced;
        latency = config.latency;
        requestsByPath.clear();
        requests.set(0);
        tokenRequests.set(0);
        throttled.set(0);
        answersByCode.clear();
        recentBiz.clear();
    }

    // ---------------------------------------------------------------- request handling

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = URI.create(request.getUrl()).getPath();
        requests.incrementAndGet();
        requestsByPath.computeIfAbsent(path, k -> new AtomicLong()).incrementAndGet();
        JushuitanFault fault = faults.take(path);
        if (fault != null && fault.kind == JushuitanFault.Kind.ECHO_SECRETS) {
            String token = parseForm(request.getBodyAsString()).getOrDefault("access_token", "");
            return error(fault.code, "验证失败！签名不对: app secret " + config.appSecret + " 与 access token " + token
                    + " 不匹配");
        }
        if (fault != null && fault.kind == JushuitanFault.Kind.ENDLESS_PAGING) {
            endless.set(true);
            try {
                return answer(request, path);
            } finally {
                endless.remove();
            }
        }
        if (fault != null && fault.kind != JushuitanFault.Kind.SLOW) {
            return faultAnswer(fault);
        }
        ResponseDefinition answer = answer(request, path);
        if (fault != null) {
            long ms = latency.plus(fault.delay).toMillis();
            return ResponseDefinitionBuilder.like(answer).withFixedDelay((int) ms).build();
        }
        return answer;
    }

    private ResponseDefinition answer(Request request, String path) {
        if (!"POST".equals(request.getMethod().getName())) {
            return http(405, "{\"error\":\"method not allowed\"}");
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return http(415, "{\"error\":\"expected application/x-www-form-urlencoded\"}");
        }
        Map<String, String> form = parseForm(request.getBodyAsString());
        boolean auth = path.startsWith("/openWeb/auth/");
        String problem = checkCommon(form, auth);
        if (problem != null) {
            return error(BAD_PARAMETER, problem);
        }
        if (!config.appKey.equals(form.get("app_key"))) {
            return error(10, "验证失败！无效的app_key");
        }
        if (!sign(config.appSecret, form).equals(form.get("sign"))) {
            return error(10, "验证失败！无效签名");
        }
        long skew = Math.abs(config.clock.instant().getEpochSecond() - Long.parseLong(form.get("timestamp")));
        if (skew > config.maxSkew.toSeconds()) {
            return error(140, "验证失败！无效的timestamp，请求最大时间误差15分钟");
        }
        Integer limited = admit();
        if (limited != null) {
            throttled.incrementAndGet();
            return error(limited, limited == 199 ? "调用频次超过限制!请稍后再试" : "调用频次超过限制");
        }
        if (auth) {
            tokenRequests.incrementAndGet();
            return token(path, form);
        }
        Instant expiry = accessTokens.get(form.get("access_token"));
        if (expiry == null || !config.clock.instant().isBefore(expiry)) {
            return error(100, "验证失败！无效的access_token或access_token已过期");
        }
        JsonNode biz;
        try {
            biz = mapper.readTree(form.get("biz"));
        } catch (JsonProcessingException e) {
            return error(BAD_PARAMETER, "biz 不是合法的JSON");
        }
        if (biz == null || !biz.isObject()) {
            return error(BAD_PARAMETER, "biz 必须是JSON对象");
        }
        remember(path, form.get("biz"));
        try {
            return switch (path) {
                case OTHER_INOUT_QUERY -> otherInOutQuery(biz);
                case OTHER_INOUT_UPLOAD -> otherInOutUpload(biz);
                case ORDERS_QUERY -> listQuery(biz, dataSet.orders(), "orders", 100, true, 3);
                case INVENTORY_QUERY -> listQuery(biz, dataSet.inventory(), "inventorys", 100, false, -1);
                case PURCHASEIN_QUERY -> listQuery(biz, dataSet.purchaseIn(), "datas", 50, true, 2);
                case ORDER_OUT_QUERY -> orderOutQuery(biz);
                case PARTNER_QUERY -> listQuery(biz, dataSet.warehouses(), "datas", 100, true, -1);
                case SKU_QUERY -> skuQuery(biz);
                case PURCHASE_QUERY -> purchaseQuery(biz);
                case REFUND_QUERY -> refundQuery(biz);
                default -> http(404, "{\"code\":404,\"msg\":\"接口不存在\"}");
            };
        } catch (BadParameter e) {
            return error(BAD_PARAMETER, e.getMessage());
        }
    }

    private static String checkCommon(Map<String, String> form, boolean auth) {
        for (String f : auth ? List.of("app_key", "timestamp", "charset", "grant_type", "sign")
                : List.of("app_key", "access_token", "timestamp", "version", "charset", "biz", "sign")) {
            if (!form.containsKey(f) || form.get(f).isEmpty()) {
                return "缺少参数 " + f;
            }
        }
        if (!form.get("timestamp").matches("\\d{10}")) {
            return "timestamp 必须是10位Unix秒";
        }
        if (!"utf-8".equals(form.get("charset"))) {
            return "charset 只能传utf-8";
        }
        if (!auth) {
            if (!"2".equals(form.get("version"))) {
                return "version 只能传2";
            }
            for (String f : form.keySet()) {
                if (!BIZ_FIELDS.contains(f)) {
                    return "未知参数 " + f;
                }
            }
        }
        return null;
    }

    /** Counts the request against the sliding windows; null when admitted, else the refusal code. */
    private synchronized Integer admit() {
        if (!limitsEnforced) {
            return null;
        }
        long now = System.nanoTime();
        if (perSecond.isFull(now)) {
            return 199;
        }
        if (perMinute.isFull(now)) {
            return 200;
        }
        perSecond.record(now);
        perMinute.record(now);
        return null;
    }

    private ResponseDefinition token(String path, Map<String, String> form) {
        switch (path) {
            case INIT_TOKEN -> {
                if (!"authorization_code".equals(form.get("grant_type")) || form.getOrDefault("code", "").isEmpty()) {
                    return error(BAD_PARAMETER, "getInitToken 需要 grant_type=authorization_code 和 code");
                }
                if (config.isvApp) {
                    return error(BAD_PARAMETER, "服务商应用请使用授权码换取access_token");
                }
            }
            case ACCESS_TOKEN -> {
                if (!"authorization_code".equals(form.get("grant_type")) || !config.authorizationCode.equals(form.get("code"))) {
                    return error(BAD_PARAMETER, "无效的授权码");
                }
            }
            case REFRESH_TOKEN -> {
                if (!"refresh_token".equals(form.get("grant_type")) || !"all".equals(form.get("scope"))) {
                    return error(BAD_PARAMETER, "refreshToken 需要 grant_type=refresh_token 和 scope=all");
                }
                if (config.isvApp) {
                    return error(150, "服务商应用禁止刷新access_token,需商户重新授权");
                }
                String old = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
                if (old == null) {
                    return error(100, "验证失败！无效的refresh_token");
                }
                // The vendor's old token stops working once it is refreshed (the strictest reading).
                accessTokens.remove(old);
            }
            default -> {
                return http(404, "{\"code\":404,\"msg\":\"接口不存在\"}");
            }
        }
        String access = UUID.randomUUID().toString().replace("-", "");
        String refresh = UUID.randomUUID().toString().replace("-", "");
        accessTokens.put(access, config.clock.instant().plus(config.tokenLifetime));
        refreshTokens.put(refresh, access);
        ObjectNode data = mapper.createObjectNode();
        data.put("access_token", access);
        data.put("expires_in", config.tokenLifetime.toSeconds());
        data.put("refresh_token", refresh);
        data.put("scope", "all");
        return success(data);
    }

    // ---------------------------------------------------------------- APIs

    private ResponseDefinition otherInOutQuery(JsonNode biz) {
        Window window = window(biz);
        int dateType = biz.path("date_type").asInt(0);
        Set<String> types = strings(biz.get("types"));
        Set<String> soIds = strings(biz.get("so_ids"));
        Set<String> ioIds = strings(biz.get("io_ids"));
        if (window == null && soIds.isEmpty() && ioIds.isEmpty()) {
            throw new BadParameter("修改时间和线上单号不能同时为空");
        }
        if (soIds.size() > 50 || ioIds.size() > 50) {
            throw new BadParameter("so_ids / io_ids 最多50个");
        }
        String status = biz.hasNonNull("status") ? biz.get("status").asText() : null;
        Long wmsCoId = biz.hasNonNull("wms_co_id") ? biz.get("wms_co_id").asLong() : null;
        Predicate<SimDocument> match = d -> (window == null || window.contains(dateType == 2 ? d.ioDate() : d.modified()))
                && (types.isEmpty() || types.contains(d.type()))
                && (status == null || status.equals(d.status()))
                && (soIds.isEmpty() || soIds.contains(d.soId()))
                && (ioIds.isEmpty() || ioIds.contains(Long.toString(d.id())))
                && (wmsCoId == null || wmsCoId == 0 || wmsCoId == d.wmsCoId());
        List<SimDocument> docs = otherInOut;
        if (dateType == 2) {
            docs = new ArrayList<>(docs);
            docs.sort(Comparator.comparing(SimDocument::ioDate).thenComparingLong(SimDocument::id));
        }
        return page(biz, docs, match, "datas", 50, true);
    }

    /**
     * 销售出库: a modified (or io_date, date_type 2) window, or io_ids / so_ids / o_ids (at most 50 each), or
     * {@code start_ts}, narrowed by status, wms_co_id and shop_id; pages of at most 50 under {@code datas}
     * (ieu/jst-java's field list) or the key set with {@link JushuitanSimulator.Builder#orderOutListKey}.
     *
     * <p>With {@code start_ts}: the documents whose {@code ts} is at least {@code start_ts}, in ts order, counted
     * only unless {@code is_get_total} is false; no time window with it. Inclusive is the harsher reading of the
     * undocumented bound (a client that advances to the page's largest ts sees that row again); refusing a window
     * with it follows the docs' "时间窗口与 ts 两种模式互斥" (inventory) and "只与分页条件共用" (other in/out):
     * both [INFER] for this API.
     */
    private ResponseDefinition orderOutQuery(JsonNode biz) {
        java.util.Set<String> ioIds = texts(biz, "io_ids");
        java.util.Set<String> soIds = texts(biz, "so_ids");
        java.util.Set<String> oIds = texts(biz, "o_ids");
        Window window = window(biz);
        Long startTs = null;
        if (biz.has("start_ts")) {
            if (!biz.get("start_ts").canConvertToLong() || biz.get("start_ts").asLong() < 0) {
                throw new BadParameter("start_ts 必须是非负整数");
            }
            if (window != null) {
                throw new BadParameter("start_ts 与 modified_begin/modified_end 不能同时使用");
            }
            startTs = biz.get("start_ts").asLong();
        }
        if (window == null && startTs == null && ioIds.isEmpty() && soIds.isEmpty() && oIds.isEmpty()) {
            throw new BadParameter("修改时间和单号不能同时为空");
        }
        boolean byIoDate = biz.path("date_type").asInt(0) == 2;
        String status = biz.path("status").asText(null);
        String wmsCoId = biz.path("wms_co_id").asText(null);
        String shopId = biz.path("shop_id").asText(null);
        Predicate<SimDocument> match = d -> (window == null || window.contains(byIoDate ? d.ioDate() : d.modified()))
                && (ioIds.isEmpty() || ioIds.contains(Long.toString(d.id())))
                && (soIds.isEmpty() || soIds.contains(d.soId()))
                && (oIds.isEmpty() || oIds.contains(d.json().path("o_id").asText()))
                && (status == null || status.equals(d.status()))
                && (wmsCoId == null || wmsCoId.equals(Long.toString(d.wmsCoId())))
                && (shopId == null || shopId.equals(d.json().path("shop_id").asText()));
        String listKey = config.orderOutListKey;
        if (startTs != null) {
            long from = startTs;
            List<SimDocument> byTs = new ArrayList<>(dataSet.orderOuts());
            byTs.sort(Comparator.comparingLong(d -> d.json().path("ts").asLong()));
            return page(biz, byTs, match.and(d -> d.json().path("ts").asLong() >= from), listKey, 50,
                    biz.path("is_get_total").asBoolean(true));
        }
        return page(biz, dataSet.orderOuts(), match, listKey, 50, true);
    }

    /**
     * 商品资料: a modified (or, with {@code date_field} created, created) window, or sku_ids / sku_codes (one
     * comma-separated string each, at most 20) / name (partial) / exactly_name, narrowed by i_ids; pages of at most 50.
     */
    private ResponseDefinition skuQuery(JsonNode biz) {
        Window window = window(biz);
        String dateField = biz.path("date_field").asText("modified");
        if (!"modified".equals(dateField) && !"created".equals(dateField)) {
            throw new BadParameter("date_field 只能是 created 或 modified");
        }
        Set<String> skuIds = commaSeparated(biz, "sku_ids", 20);
        Set<String> skuCodes = commaSeparated(biz, "sku_codes", 20);
        Set<String> iIds = texts(biz, "i_ids");
        String name = biz.hasNonNull("name") ? biz.get("name").asText() : null;
        String exactlyName = biz.hasNonNull("exactly_name") ? biz.get("exactly_name").asText() : null;
        if (window == null && skuIds.isEmpty() && skuCodes.isEmpty() && name == null && exactlyName == null) {
            throw new BadParameter("修改时间和商品编码不能同时为空");
        }
        boolean byCreated = "created".equals(dateField);
        Predicate<SimDocument> match = d -> (window == null || window.contains(byCreated ? d.ioDate() : d.modified()))
                && (skuIds.isEmpty() || skuIds.contains(d.soId()))
                && (skuCodes.isEmpty() || skuCodes.contains(d.json().path("sku_code").asText()))
                && (iIds.isEmpty() || iIds.contains(d.json().path("i_id").asText()))
                && (name == null || d.json().path("name").asText().contains(name))
                && (exactlyName == null || exactlyName.equals(d.json().path("name").asText()));
        List<SimDocument> docs = dataSet.skuRecords();
        if (byCreated) {
            docs = new ArrayList<>(docs);
            docs.sort(Comparator.comparing(SimDocument::ioDate).thenComparingLong(SimDocument::id));
        }
        return page(biz, docs, match, "datas", 50, true);
    }

    /** 采购单: a modified window, or so_ids / po_ids (at most 50 each: [INFER]); pages of at most 50. */
    private ResponseDefinition purchaseQuery(JsonNode biz) {
        Window window = window(biz);
        Set<String> soIds = texts(biz, "so_ids");
        Set<String> poIds = texts(biz, "po_ids");
        if (window == null && soIds.isEmpty() && poIds.isEmpty()) {
            throw new BadParameter("修改时间和外部单号不能同时为空");
        }
        Predicate<SimDocument> match = d -> (window == null || window.contains(d.modified()))
                && (soIds.isEmpty() || soIds.contains(d.soId()))
                && (poIds.isEmpty() || poIds.contains(Long.toString(d.id())));
        return page(biz, dataSet.purchases(), match, "datas", 50, true);
    }

    /**
     * 售后单: a modified window, or so_ids / o_ids / as_ids (at most 50 each: [INFER]), narrowed by shop_id, status,
     * good_status, type and shop_buyer_ids (at most 50); pages of at most 50.
     */
    private ResponseDefinition refundQuery(JsonNode biz) {
        Window window = window(biz);
        Set<String> soIds = texts(biz, "so_ids");
        Set<String> oIds = texts(biz, "o_ids");
        Set<String> asIds = texts(biz, "as_ids");
        Set<String> buyers = texts(biz, "shop_buyer_ids");
        if (window == null && soIds.isEmpty() && oIds.isEmpty() && asIds.isEmpty()) {
            throw new BadParameter("修改时间和线上单号不能同时为空");
        }
        String status = biz.hasNonNull("status") ? biz.get("status").asText() : null;
        String goodStatus = biz.hasNonNull("good_status") ? biz.get("good_status").asText() : null;
        String type = biz.hasNonNull("type") ? biz.get("type").asText() : null;
        String shopId = biz.hasNonNull("shop_id") ? biz.get("shop_id").asText() : null;
        Predicate<SimDocument> match = d -> (window == null || window.contains(d.modified()))
                && (soIds.isEmpty() || soIds.contains(d.soId()))
                && (oIds.isEmpty() || oIds.contains(d.json().path("o_id").asText()))
                && (asIds.isEmpty() || asIds.contains(Long.toString(d.id())))
                && (buyers.isEmpty() || buyers.contains(d.json().path("shop_buyer_id").asText()))
                && (status == null || status.equals(d.status()))
                && (goodStatus == null || goodStatus.equals(d.json().path("good_status").asText()))
                && (type == null || type.equals(d.type()))
                && (shopId == null || shopId.equals(d.json().path("shop_id").asText()));
        return page(biz, dataSet.refunds(), match, "datas", 50, true);
    }

    /** A field the vendor takes as one comma-separated string (sku_ids): a JSON list is refused, as the type differs. */
    private static Set<String> commaSeparated(JsonNode biz, String field, int max) {
        JsonNode n = biz.get(field);
        if (n == null || n.isNull()) {
            return Set.of();
        }
        if (!n.isTextual()) {
            throw new BadParameter(field + " 必须是逗号分隔的字符串");
        }
        Set<String> out = strings(n);
        if (out.size() > max) {
            throw new BadParameter(field + " 最多" + max + "个");
        }
        return out;
    }

    private static java.util.Set<String> texts(JsonNode biz, String field) {
        java.util.Set<String> out = new java.util.HashSet<>();
        JsonNode n = biz.path(field);
        if (n.size() > 50) {
            throw new BadParameter(field + " 最多50个");
        }
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    private ResponseDefinition listQuery(JsonNode biz, List<SimDocument> docs, String listKey, int maxPageSize,
                                         boolean counts, int ioDateType) {
        Window window = window(biz);
        int dateType = biz.path("date_type").asInt(0);
        boolean byIoDate = ioDateType > 0 && dateType == ioDateType;
        Predicate<SimDocument> match = d -> window == null || (byIoDate ? d.ioDate() : d.modified()) != null
                && window.contains(byIoDate ? d.ioDate() : d.modified());
        return page(biz, docs, match, listKey, maxPageSize, counts);
    }

    private ResponseDefinition page(JsonNode biz, List<SimDocument> docs, Predicate<SimDocument> match, String listKey,
                                    int maxPageSize, boolean counts) {
        boolean endlessPaging = endless.get();
        int pageIndex = endlessPaging ? 1 : biz.path("page_index").asInt(1);
        int pageSize = biz.path("page_size").asInt(30);
        if (pageIndex < 1) {
            throw new BadParameter("page_index 从1开始");
        }
        if (pageSize < 1 || pageSize > maxPageSize) {
            throw new BadParameter("page_size 最大" + maxPageSize);
        }
        List<SimDocument> matching = docs.stream().filter(match).toList();
        int from = Math.min(matching.size(), (pageIndex - 1) * pageSize);
        int to = Math.min(matching.size(), from + pageSize);
        ObjectNode data = mapper.createObjectNode();
        data.put("page_size", pageSize);
        data.put("page_index", pageIndex);
        if (counts) {
            data.put("data_count", matching.size());
            data.put("page_count", (matching.size() + pageSize - 1) / pageSize);
        }
        data.put("has_next", endlessPaging || to < matching.size());
        ArrayNode list = data.putArray(listKey);
        for (SimDocument d : matching.subList(from, to)) {
            list.add(d.json());
        }
        return success(data);
    }

    private synchronized ResponseDefinition otherInOutUpload(JsonNode biz) {
        String externalId = biz.path("external_id").asText("");
        String type = biz.path("type").asText("");
        JsonNode items = biz.get("items");
        if (externalId.isEmpty()) {
            throw new BadParameter("external_id 不能为空");
        }
        if (!"in".equals(type) && !"out".equals(type)) {
            throw new BadParameter("type 只能是 in 或 out");
        }
        if (!biz.hasNonNull("warehouse") || biz.get("warehouse").asInt() < 1 || biz.get("warehouse").asInt() > 15) {
            throw new BadParameter("warehouse 必须是1到15");
        }
        if (!biz.hasNonNull("remark") || biz.get("remark").asText().isEmpty()) {
            throw new BadParameter("remark 不能传空值");
        }
        if (items == null || !items.isArray() || items.isEmpty() || items.size() > 1000) {
            throw new BadParameter("items 必须有1到1000行");
        }
        for (JsonNode item : items) {
            if (item.path("sku_id").asText("").isEmpty() || item.path("qty").asInt(0) <= 0) {
                throw new BadParameter("items 每行需要 sku_id 和大于0的 qty");
            }
        }
        Long existing = uploadsByExternalId.get(externalId);
        long ioId = existing != null ? existing : nextIoId++;
        if (existing == null) {
            uploadsByExternalId.put(externalId, ioId);
            LocalDateTime now = LocalDateTime.ofInstant(config.clock.instant(), SHANGHAI).withNano(0);
            String docType = "in".equals(type) ? "其它进仓" : "其它出库";
            String status = biz.path("is_confirm").asBoolean(false) ? "Confirmed" : "WaitConfirm";
            long wmsCoId = biz.path("wms_co_id").asLong(10_001);
            ObjectNode json = mapper.createObjectNode();
            json.put("io_id", ioId);
            json.put("io_date", JushuitanDataSet.FORMAT.format(now));
            json.put("status", status);
            json.put("so_id", externalId);
            json.put("type", docType);
            json.put("wh_id", biz.get("warehouse").asInt());
            json.put("wms_co_id", wmsCoId);
            json.put("remark", biz.get("remark").asText());
            json.put("modified", JushuitanDataSet.FORMAT.format(now));
            json.put("created", JushuitanDataSet.FORMAT.format(now));
            ArrayNode lines = json.putArray("items");
            int n = 1;
            for (JsonNode item : items) {
                ObjectNode line = lines.addObject();
                line.put("ioi_id", ioId * 10 + n++);
                line.put("io_id", ioId);
                line.put("sku_id", item.get("sku_id").asText());
                line.put("qty", item.get("qty").asInt());
                if (item.hasNonNull("remark")) line.put("remark", item.get("remark").asText());
            }
            List<SimDocument> docs = new ArrayList<>(otherInOut);
            docs.add(new SimDocument(ioId, now, now, docType, status, externalId, wmsCoId, json));
            publish(docs);
        }
        ObjectNode inner = mapper.createObjectNode();
        inner.put("external_id", externalId);
        inner.put("io_id", ioId);
        ObjectNode data = mapper.createObjectNode();
        data.set("data", inner);
        return success(data);
    }

    private void publish(List<SimDocument> docs) {
        docs.sort(Comparator.comparing(SimDocument::modified).thenComparingLong(SimDocument::id));
        otherInOut = List.copyOf(docs);
    }

    // ---------------------------------------------------------------- helpers

    private record Window(LocalDateTime begin, LocalDateTime end) {
        /** Both ends inclusive: the vendor's examples use 00:00:00 to 23:59:59. */
        boolean contains(LocalDateTime t) {
            return t != null && !t.isBefore(begin) && !t.isAfter(end);
        }
    }

    private static Window window(JsonNode biz) {
        boolean hasBegin = biz.hasNonNull("modified_begin") && !biz.get("modified_begin").asText().isEmpty();
        boolean hasEnd = biz.hasNonNull("modified_end") && !biz.get("modified_end").asText().isEmpty();
        if (hasBegin != hasEnd) {
            throw new BadParameter("modified_begin 和 modified_end 必须同时存在");
        }
        if (!hasBegin) {
            return null;
        }
        LocalDateTime begin = parseTime("modified_begin", biz.get("modified_begin").asText());
        LocalDateTime end = parseTime("modified_end", biz.get("modified_end").asText());
        if (end.isBefore(begin)) {
            throw new BadParameter("modified_end 不能早于 modified_begin");
        }
        if (Duration.between(begin, end).compareTo(Duration.ofDays(7)) > 0) {
            throw new BadParameter("时间间隔不能超过七天");
        }
        return new Window(begin, end);
    }

    private static LocalDateTime parseTime(String field, String text) {
        try {
            return LocalDateTime.parse(text, JushuitanDataSet.FORMAT);
        } catch (DateTimeParseException e) {
            throw new BadParameter(field + " 格式必须是 yyyy-MM-dd HH:mm:ss");
        }
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> out = new HashSet<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node != null && node.isTextual() && !node.asText().isEmpty()) {
            for (String s : node.asText().split(",")) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private ResponseDefinition faultAnswer(JushuitanFault fault) {
        return switch (fault.kind) {
            case CONNECTION_RESET -> delayed(new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER));
            case EMPTY_RESPONSE -> delayed(new ResponseDefinitionBuilder().withFault(Fault.EMPTY_RESPONSE));
            case HTTP_STATUS -> http(fault.code, "<html><body>" + fault.code + " error</body></html>");
            case MALFORMED_JSON -> http(200, "{\"code\":0,\"msg\":\"执行成功\",\"data\":{\"datas\":[{\"io_id\":");
            case CODE -> error(fault.code, fault.message);
            case SLOW, ENDLESS_PAGING, ECHO_SECRETS -> throw new IllegalStateException(fault + " is answered by transform");
        };
    }

    private ResponseDefinition success(JsonNode data) {
        ObjectNode root = mapper.createObjectNode();
        root.put("code", 0);
        root.put("msg", "执行成功");
        root.set("data", data);
        return json(root, 0);
    }

    private ResponseDefinition error(int code, String message) {
        ObjectNode root = mapper.createObjectNode();
        root.put("code", code);
        root.put("msg", message);
        root.putNull("data");
        return json(root, code);
    }

    private ResponseDefinition json(ObjectNode root, int code) {
        answersByCode.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
        try {
            return delayed(new ResponseDefinitionBuilder().withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(mapper.writeValueAsBytes(root)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseDefinition http(int status, String body) {
        return delayed(new ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", body.startsWith("<") ? "text/html" : "application/json; charset=utf-8")
                .withBody(body));
    }

    private ResponseDefinition delayed(ResponseDefinitionBuilder b) {
        long ms = latency.toMillis();
        if (ms > 0) {
            b.withFixedDelay((int) ms);
        }
        return b.build();
    }

    private void remember(String path, String biz) {
        ArrayDeque<String> q = recentBiz.computeIfAbsent(path, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(biz);
            if (q.size() > 100) {
                q.pollFirst();
            }
        }
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    /** The vendor's rule (VENDORS.md 1.3), written here again on purpose: the client's signer is checked against it. */
    static String sign(String secret, Map<String, String> form) {
        StringBuilder plain = new StringBuilder(secret);
        new TreeMap<>(form).forEach((k, v) -> {
            if (!"sign".equals(k)) {
                plain.append(k).append(v);
            }
        });
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(plain.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }
}
