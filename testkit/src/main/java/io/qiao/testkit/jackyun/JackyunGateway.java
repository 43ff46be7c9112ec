package io.qiao.testkit.jackyun;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.qiao.testkit.jackyun.JackyunDataSet.Direction;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * The gateway behind {@code /open/openapi/do}: parses the form, injects faults, checks the common
 * parameters and the signature, routes by {@code method} and pages the data set as the real API does.
 */
final class JackyunGateway implements ResponseDefinitionTransformerV2 {
    static final String NAME = "qiao-jackyun-gateway";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String OUT_OF_RANGE = "0050030002";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_PAGE_SIZE = 200;
    private static final int RECENT = 200;

    private final JackyunSimulator.Settings settings;
    private final JackyunFaults faults;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong contextIds = new AtomicLong(2558976806644932353L);
    private final LongAdder requests = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder faulted = new LongAdder();
    private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
    private final Deque<Map<String, String>> recent = new ArrayDeque<>();
    /** Set while a request under the endless-paging fault is answered (on the server's thread). */
    private final ThreadLocal<Boolean> endless = ThreadLocal.withInitial(() -> false);

    private final Map<Integer, JackyunDataSet.Warehouse> warehouseEdits;

    JackyunGateway(JackyunSimulator.Settings settings, JackyunFaults faults,
                   Map<Integer, JackyunDataSet.Warehouse> warehouseEdits) {
        this.settings = settings;
        this.faults = faults;
        this.warehouseEdits = warehouseEdits;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        requests.increment();
        Map<String, String> form = parseForm(event.getRequest().getBodyAsString());
        String method = form.get("method");
        byMethod.computeIfAbsent(method == null ? "" : method, k -> new LongAdder()).increment();
        remember(form);

        JackyunFault fault = faults.take(method);
        if (fault != null) {
            faulted.increment();
            if (fault.kind == JackyunFault.Kind.ECHO_SECRETS) {
                return json(error(fault.subCode, "签名错误: app secret " + settings.appSecret + " 与 token "
                        + form.getOrDefault("token", "") + " 不匹配").toString());
            }
            if (!fault.processes()) {
                return refuse(fault);
            }
        }
        String data = null;
        String body;
        boolean endlessPaging = fault != null && fault.kind == JackyunFault.Kind.ENDLESS_PAGING;
        endless.set(endlessPaging);
        try {
            data = handle(form);
            body = success(method, data);
        } catch (Rejection r) {
            rejected.increment();
            body = error(r.subCode, r.getMessage()).toString();
        } finally {
            endless.remove();
        }
        return deliver(body, data, endlessPaging ? null : fault);
    }

    // ---- faults ----

    private ResponseDefinition refuse(JackyunFault fault) {
        return switch (fault.kind) {
            case SUB_CODE -> json(error(fault.subCode, fault.message).toString());
            case HTTP_STATUS -> new ResponseDefinitionBuilder().withStatus(fault.status)
                    .withHeader("Content-Type", "text/plain; charset=utf-8")
                    .withBody(fault.status + " simulated failure").build();
            case CONNECTION_RESET -> new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case EMPTY_RESPONSE -> new ResponseDefinitionBuilder().withFault(Fault.EMPTY_RESPONSE).build();
            default -> throw new IllegalStateException("fault " + fault + " is delivered, not refused");
        };
    }

    private ResponseDefinition deliver(String body, String data, JackyunFault fault) {
        if (fault == null) {
            return json(body);
        }
        return switch (fault.kind) {
            case SLOW -> ResponseDefinitionBuilder.like(json(body))
                    .withFixedDelay((int) Math.min(Integer.MAX_VALUE, fault.delay.toMillis())).build();
            case MALFORMED_JSON -> json(body.substring(0, Math.max(1, body.length() / 2)));
            case DATA_AS_STRING -> data == null ? json(body) : json(success(null, F.textNode(data).toString()));
            default -> throw new IllegalStateException("fault " + fault + " is refused, not delivered");
        };
    }

    private static ResponseDefinition json(String body) {
        return new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body).build();
    }

    // ---- envelope ----

    /** The success envelope around already-rendered data JSON (pages are rendered straight to text). */
    private String success(String method, String data) {
        long id = contextIds.incrementAndGet();
        String contextId = id % 2 == 0 ? Long.toString(id) : "\"" + id + "\"";
        String[] head = method == null ? null : settings.successHeads.get(method);
        StringBuilder b = new StringBuilder(data.length() + 100);
        if (head == null) {
            b.append("{\"code\":0,\"msg\":\"\",\"subCode\":\"\"");
        } else {
            b.append("{\"code\":").append(head[0]).append(",\"msg\":").append(F.textNode(head[2]))
                    .append(",\"subCode\":").append(F.textNode(head[1]));
        }
        return b.append(",\"result\":{\"contextId\":").append(contextId)
                .append(",\"data\":").append(data).append("}}").toString();
    }

    private ObjectNode error(String subCode, String message) {
        ObjectNode e = F.objectNode();
        e.put("code", 0);
        e.put("msg", message);
        ObjectNode result = e.putObject("result");
        result.putNull("data");
        putContextId(result);
        e.put("subCode", subCode);
        return e;
    }

    /** The real gateway sends contextId as a number in some answers and a string in others: so do we. */
    private void putContextId(ObjectNode result) {
        long id = contextIds.incrementAndGet();
        if (id % 2 == 0) {
            result.put("contextId", id);
        } else {
            result.put("contextId", Long.toString(id));
        }
    }

    static final class Rejection extends RuntimeException {
        final String subCode;

        Rejection(String subCode, String message) {
            super(message, null, false, false);
            this.subCode = subCode;
        }
    }

    // ---- common parameters ----

    private String handle(Map<String, String> form) {
        String method = form.get("method");
        if (method == null || method.isBlank()) {
            throw new Rejection(OUT_OF_RANGE, "缺少必要参数: method");
        }
        String appKey = form.get("appkey");
        if (appKey == null || !appKey.equals(settings.appKey)) {
            throw new Rejection("0858030802", "appkey不存在");
        }
        for (String required : List.of("version", "contenttype", "timestamp", "bizcontent", "sign")) {
            if (form.get(required) == null || form.get(required).isEmpty()) {
                throw new Rejection(OUT_OF_RANGE, "缺少必要参数: " + required);
            }
        }
        if (!SimSignature.verify(form, settings.appSecret)) {
            throw new Rejection("0858030801", "签名错误");
        }
        if (!settings.versions.contains(form.get("version"))) {
            throw new Rejection(OUT_OF_RANGE, "version参数错误: " + form.get("version"));
        }
        if (!"json".equals(form.get("contenttype"))) {
            throw new Rejection(OUT_OF_RANGE, "contenttype参数错误: " + form.get("contenttype"));
        }
        checkTimestamp(form.get("timestamp"));
        if (settings.isvToken != null && !settings.isvToken.equals(form.get("token"))) {
            throw new Rejection("0858030803", "token失效");
        }
        JsonNode biz;
        try {
            biz = mapper.readTree(form.get("bizcontent"));
        } catch (IOException e) {
            throw new Rejection(OUT_OF_RANGE, "bizcontent不是合法的JSON");
        }
        if (biz == null || !biz.isObject()) {
            throw new Rejection(OUT_OF_RANGE, "bizcontent必须是JSON对象");
        }
        return switch (method) {
            case "erp.warehouse.get" -> warehouses(method, biz);
            case "erp.stockquantity.get" -> stockQuantities(method, biz).toString();
            case "erp.storage.goodsdocin.v2" -> documents(method, Direction.INBOUND, biz).toString();
            case "erp.storage.goodsdocout.v2" -> documents(method, Direction.OUTBOUND, biz).toString();
            case "oms.trade.fullinfoget" -> trades(method, biz).toString();
            case "erp.storage.goodslist" -> skus(method, biz).toString();
            case "erp.allocate.get" -> transfers(method, biz).toString();
            default -> throw new Rejection("0130020310", "未查询到应用或应用未订阅此API: " + method);
        };
    }

    private void checkTimestamp(String timestamp) {
        LocalDateTime sent;
        try {
            sent = LocalDateTime.parse(timestamp, TIME);
        } catch (DateTimeParseException e) {
            throw new Rejection(OUT_OF_RANGE, "timestamp格式错误，应为yyyy-MM-dd HH:mm:ss: " + timestamp);
        }
        if (settings.maxClockSkew != null) {
            LocalDateTime now = LocalDateTime.now(settings.clock.withZone(JackyunSimulator.SHANGHAI));
            if (Duration.between(sent, now).abs().compareTo(settings.maxClockSkew) > 0) {
                throw new Rejection(OUT_OF_RANGE, "timestamp已过期（须为北京时间）: " + timestamp);
            }
        }
    }

    // ---- paging helpers ----

    private record Paging(int pageIndex, int pageSize) {
        int offset() {
            return pageIndex * pageSize;
        }
    }

    private Paging paging(JsonNode biz) {
        int pageIndex = endless.get() ? 0 : intParam(biz, "pageIndex", 0);
        int pageSize = intParam(biz, "pageSize", 50);
        if (pageIndex < 0) {
            throw new Rejection(OUT_OF_RANGE, "pageIndex不能小于0");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new Rejection(OUT_OF_RANGE, "pageSize超出范围(1-" + MAX_PAGE_SIZE + "): " + pageSize);
        }
        return new Paging(pageIndex, pageSize);
    }

    private static int intParam(JsonNode biz, String name, int dflt) {
        JsonNode n = biz.get(name);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty())) {
            return dflt;
        }
        if (n.canConvertToInt() || n.isTextual()) {
            try {
                return n.isTextual() ? Integer.parseInt(n.asText().trim()) : n.intValue();
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        throw new Rejection(OUT_OF_RANGE, name + "必须是整数: " + n);
    }

    private static String text(JsonNode biz, String name) {
        JsonNode n = biz.get(name);
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    /** The index range {@code [from, to)} of records modified within the request's window (inclusive ends). */
    private int[] window(String method, JsonNode biz, String startName, String endName, int count, boolean required) {
        String start = text(biz, startName);
        String end = text(biz, endName);
        if (start == null && end == null) {
            if (required) {
                throw new Rejection(OUT_OF_RANGE, "创建/完成/修改时间必传其一");
            }
            return new int[] {0, count};
        }
        if (start == null || end == null) {
            throw new Rejection(OUT_OF_RANGE, startName + "和" + endName + "必须同时传入");
        }
        LocalDateTime s;
        LocalDateTime e;
        try {
            s = LocalDateTime.parse(start, TIME);
            e = LocalDateTime.parse(end, TIME);
        } catch (DateTimeParseException ex) {
            throw new Rejection(OUT_OF_RANGE, "时间格式错误，应为yyyy-MM-dd HH:mm:ss");
        }
        if (e.isBefore(s)) {
            throw new Rejection(OUT_OF_RANGE, "结束时间不能早于开始时间");
        }
        Duration max = settings.maxWindows.get(method);
        if (max != null && Duration.between(s, e).compareTo(max) > 0) {
            throw new Rejection(OUT_OF_RANGE, "修改时间起止时间差不能超过" + describe(max));
        }
        JackyunDataSet data = settings.dataSet;
        return new int[] {data.firstIndexAtOrAfter(s, count), data.firstIndexAtOrAfter(e.plusSeconds(1), count)};
    }

    private static String describe(Duration d) {
        return d.toHours() % 24 == 0 ? d.toDays() + "天" : d.toHours() + "小时";
    }

    /** Up to {@code pageSize} indexes in {@code [from, to)} that pass {@code filter}, skipping {@code skip}. */
    private static int[] select(int from, int to, IntPredicate filter, int skip, int pageSize) {
        int[] out = new int[pageSize];
        int n = 0;
        int skipped = 0;
        for (int i = from; i < to && n < pageSize; i++) {
            if (filter == null || filter.test(i)) {
                if (skipped < skip) {
                    skipped++;
                } else {
                    out[n++] = i;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Without a filter the page is pure arithmetic: no scan, whatever the data set's size. */
    private static int[] slice(int from, int to, int offset, int pageSize) {
        int start = (int) Math.min((long) from + offset, to);
        int end = Math.min(start + pageSize, to);
        int[] out = new int[end - start];
        for (int i = 0; i < out.length; i++) {
            out[i] = start + i;
        }
        return out;
    }

    // ---- methods ----

    /** The hottest path (samples load thousands of pages): written straight to text, no tree. */
    private String warehouses(String method, JsonNode biz) {
        JackyunDataSet data = settings.dataSet;
        Paging p = paging(biz);
        int[] range = window(method, biz, "gmtModifiedStart", "gmtModifiedEnd", data.warehouseCount(), false);
        String code = text(biz, "code");
        String name = text(biz, "name");
        IntPredicate filter = null;
        if (code != null || name != null) {
            filter = i -> {
                JackyunDataSet.Warehouse w = data.warehouse(i);
                return (code == null || code.equals(w.warehouseCode()))
                        && (name == null || w.warehouseName().contains(name));
            };
        }
        int[] page = filter == null ? slice(range[0], range[1], p.offset(), p.pageSize())
                : select(range[0], range[1], filter, p.offset(), p.pageSize());
        List<JackyunDataSet.Warehouse> rows = new ArrayList<>(page.length);
        if (warehouseEdits.isEmpty()) {
            for (int i : page) {
                rows.add(data.warehouse(i));
            }
        } else {
            rows = editedPage(method, biz, range, filter, p);
        }
        StringWriter out = new StringWriter(page.length * 600 + 32);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("warehouseInfo");
            for (JackyunDataSet.Warehouse w : rows) {
                writeWarehouse(g, w);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A page when some warehouses were edited ({@link JackyunSimulator#updateWarehouse}): an edited warehouse
     * moves to its new modification time, so the page is the window's warehouses in (modified, id) order with
     * the edits applied. Costs a scan of the window; edits are for tests, not for load runs.
     */
    private List<JackyunDataSet.Warehouse> editedPage(String method, JsonNode biz, int[] range, IntPredicate filter,
                                                      Paging p) {
        JackyunDataSet data = settings.dataSet;
        LocalDateTime[] times = windowTimes(biz, "gmtModifiedStart", "gmtModifiedEnd");
        List<JackyunDataSet.Warehouse> all = new ArrayList<>();
        for (int i = range[0]; i < range[1]; i++) {
            if (!warehouseEdits.containsKey(i) && (filter == null || filter.test(i))) {
                all.add(data.warehouse(i));
            }
        }
        warehouseEdits.forEach((i, w) -> {
            boolean inWindow = times == null
                    || (!w.gmtModified().isBefore(times[0]) && !w.gmtModified().isAfter(times[1]));
            if (inWindow && (filter == null || filter.test(i))) {
                all.add(w);
            }
        });
        all.sort(java.util.Comparator.comparing(JackyunDataSet.Warehouse::gmtModified)
                .thenComparingLong(JackyunDataSet.Warehouse::warehouseId));
        int from = Math.min(p.offset(), all.size());
        return all.subList(from, Math.min(from + p.pageSize(), all.size()));
    }

    private static LocalDateTime[] windowTimes(JsonNode biz, String startName, String endName) {
        String start = text(biz, startName);
        String end = text(biz, endName);
        return start == null ? null : new LocalDateTime[] {LocalDateTime.parse(start, TIME), LocalDateTime.parse(end, TIME)};
    }

    /** Flags and ids vary between text and numbers on the real wire; the simulator varies them too. */
    private static void writeWarehouse(JsonGenerator g, JackyunDataSet.Warehouse w) throws IOException {
        g.writeStartObject();
        if (w.warehouseId() % 2 == 1) {
            g.writeStringField("warehouseId", Long.toString(w.warehouseId()));
            g.writeStringField("isBlockup", w.blockup() ? "1" : "0");
        } else {
            g.writeNumberField("warehouseId", w.warehouseId());
            g.writeNumberField("isBlockup", w.blockup() ? 1 : 0);
        }
        g.writeStringField("warehouseCode", w.warehouseCode());
        g.writeStringField("warehouseName", w.warehouseName());
        g.writeStringField("warehouseTypeCode", w.warehouseTypeCode());
        g.writeStringField("warehouseTypeName", w.warehouseTypeName());
        g.writeNumberField("isDelete", 0);
        g.writeNumberField("warehouseCompanyId", w.companyId());
        g.writeStringField("warehouseCompanyCode", w.companyCode());
        g.writeStringField("warehouseCompanyName", w.companyName());
        g.writeStringField("warehouseDepartId", Long.toString(w.departmentId()));
        g.writeStringField("warehouseDepartCode", w.departmentCode());
        g.writeStringField("warehouseDepartName", w.departmentName());
        g.writeStringField("address", w.address());
        g.writeStringField("tel", w.tel());
        g.writeStringField("linkMan", w.linkMan());
        g.writeStringField("gmtCreate", TIME.format(w.gmtCreate()));
        g.writeStringField("gmtModified", TIME.format(w.gmtModified()));
        g.writeArrayFieldStart("salesList");
        for (JackyunDataSet.SalesChannel c : w.channels()) {
            g.writeStartObject();
            g.writeNumberField("warehouseId", c.warehouseId());
            g.writeNumberField("channelId", c.channelId());
            g.writeStringField("channelCode", c.channelCode());
            g.writeStringField("channelName", c.channelName());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private JsonNode stockQuantities(String method, JsonNode biz) {
        JackyunDataSet data = settings.dataSet;
        Paging p = paging(biz);
        int[] range = window(method, biz, "gmtModifiedStart", "gmtModifiedEnd", data.stockQuantityCount(), false);
        String maxId = text(biz, "maxQuantityId");
        if (maxId != null) {
            long after;
            try {
                after = Long.parseLong(maxId);
            } catch (NumberFormatException e) {
                throw new Rejection(OUT_OF_RANGE, "maxQuantityId必须是整数: " + maxId);
            }
            range[0] = (int) Math.max(range[0], Math.min(after, range[1])); // quantityId = index + 1
        }
        String warehouseCode = text(biz, "warehouseCode");
        String goodsNo = text(biz, "goodsNo");
        String barcode = text(biz, "skuBarcode");
        IntPredicate filter = warehouseCode == null && goodsNo == null && barcode == null ? null : i -> {
            JackyunDataSet.StockQuantity q = data.stockQuantity(i);
            return (warehouseCode == null || warehouseCode.equals(q.warehouseCode()))
                    && (goodsNo == null || goodsNo.equals(q.goodsNo()))
                    && (barcode == null || barcode.equals(q.skuBarcode()));
        };
        int[] page = filter == null ? slice(range[0], range[1], p.offset(), p.pageSize())
                : select(range[0], range[1], filter, p.offset(), p.pageSize());
        ArrayNode list = F.arrayNode();
        for (int i : page) {
            JackyunDataSet.StockQuantity q = data.stockQuantity(i);
            list.addObject().put("quantityId", q.quantityId()).put("goodsId", q.goodsId()).put("goodsNo", q.goodsNo())
                    .put("goodsName", q.goodsName()).put("skuId", q.skuId()).put("skuName", q.skuName())
                    .put("skuBarcode", q.skuBarcode()).put("unitName", q.unitName())
                    .put("warehouseId", q.warehouseId()).put("warehouseCode", q.warehouseCode())
                    .put("warehouseName", q.warehouseName()).put("currentQuantity", q.currentQuantity())
                    .put("lockingQuantity", q.lockingQuantity()).put("canUseQuantity", q.canUseQuantity())
                    .put("gmtModified", TIME.format(q.gmtModified()));
        }
        ObjectNode out = F.objectNode();
        out.set("goodsStockQuantity", list);
        return out;
    }

    private static final Set<String> LINE_FIELDS = Set.of("goodsNo", "goodsName", "skuBarcode", "unitName",
            "quantity", "baceCurrencyCostPrice");

    private JsonNode documents(String method, Direction direction, JsonNode biz) {
        JackyunDataSet data = settings.dataSet;
        String selected = text(biz, "selelctFields");
        if (selected == null) {
            throw new Rejection(OUT_OF_RANGE, "selelctFields不能为空");
        }
        Set<String> fields = new HashSet<>(Arrays.asList(selected.replace(" ", "").split(",")));
        Paging p = paging(biz);
        int count = data.documentCount(direction);
        int[] range = window(method, biz, "gmtModifiedStart", "gmtModifiedEnd", count, false);
        String billNo = text(biz, "billNo");
        int[] page = billNo == null ? slice(range[0], range[1], p.offset(), p.pageSize())
                : select(range[0], range[1], i -> billNo.equals(data.document(direction, i).billNo()), p.offset(),
                p.pageSize());
        ArrayNode list = F.arrayNode();
        for (int i : page) {
            list.add(document(data.document(direction, i), fields));
        }
        ObjectNode out = F.objectNode();
        out.set("goodsDocList", list);
        return out;
    }

    /** Only the selected fields come back, as the real API does. */
    private static ObjectNode document(JackyunDataSet.StockDocument d, Set<String> fields) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("recId", d.recId());
        head.put("goodsdocNo", d.goodsdocNo());
        head.put("inOutDate", TIME.format(d.inOutDate()));
        head.put("inouttype", d.inouttype());
        head.put("inouttypeName", d.inouttypeName());
        head.put("warehouseCode", d.warehouseCode());
        head.put("warehouseName", d.warehouseName());
        head.put("billNo", d.billNo());
        head.put("redStatus", d.redStatus());
        head.put("gmtCreate", TIME.format(d.gmtCreate()));
        head.put("gmtModified", TIME.format(d.gmtModified()));
        ObjectNode n = F.objectNode();
        head.forEach((k, v) -> {
            if (fields.contains(k)) {
                if (v instanceof Long l) {
                    n.put(k, l);
                } else {
                    n.put(k, (String) v);
                }
            }
        });
        if (fields.stream().anyMatch(LINE_FIELDS::contains)) {
            ArrayNode lines = n.putArray("goodsDocDetailList");
            for (JackyunDataSet.DocumentLine l : d.lines()) {
                ObjectNode line = lines.addObject();
                putIf(line, fields, "goodsNo", l.goodsNo());
                putIf(line, fields, "goodsName", l.goodsName());
                putIf(line, fields, "skuBarcode", l.skuBarcode());
                putIf(line, fields, "unitName", l.unitName());
                if (fields.contains("quantity")) line.put("quantity", l.quantity());
                if (fields.contains("baceCurrencyCostPrice")) line.put("baceCurrencyCostPrice", l.costPrice());
            }
        }
        return n;
    }

    private static void putIf(ObjectNode n, Set<String> fields, String name, String value) {
        if (fields.contains(name)) {
            n.put(name, value);
        }
    }

    private JsonNode trades(String method, JsonNode biz) {
        JackyunDataSet data = settings.dataSet;
        String fieldList = text(biz, "fields");
        if (fieldList == null) {
            throw new Rejection(OUT_OF_RANGE, "fields不能为空");
        }
        Set<String> fields = new HashSet<>(Arrays.asList(fieldList.replace(" ", "").split(",")));
        int pageSize = paging(biz).pageSize();
        int[] range = window(method, biz, "startModified", "endModified", data.tradeCount(), true);
        String scrollId = text(biz, "scrollId");
        int from = range[0];
        if (scrollId != null) {
            from = decodeScroll(scrollId, range);
        }
        int[] page = slice(from, range[1], 0, pageSize);
        ArrayNode list = F.arrayNode();
        for (int i : page) {
            list.add(trade(data.trade(i), fields));
        }
        ObjectNode out = F.objectNode();
        out.set("trades", list);
        int next = from + page.length;
        out.put("scrollId", page.length == pageSize && next < range[1] ? encodeScroll(next) : "");
        return out;
    }

    private static String encodeScroll(int index) {
        return "SC" + Integer.toString(index, 36).toUpperCase(java.util.Locale.ROOT);
    }

    private static int decodeScroll(String scrollId, int[] range) {
        if (!scrollId.startsWith("SC")) {
            throw new Rejection(OUT_OF_RANGE, "scrollId无效: " + scrollId);
        }
        try {
            int index = Integer.parseInt(scrollId.substring(2), 36);
            if (index < range[0] || index > range[1]) {
                throw new Rejection(OUT_OF_RANGE, "scrollId与查询条件不符: " + scrollId);
            }
            return index;
        } catch (NumberFormatException e) {
            throw new Rejection(OUT_OF_RANGE, "scrollId无效: " + scrollId);
        }
    }

    private static ObjectNode trade(JackyunDataSet.Trade t, Set<String> fields) {
        ObjectNode n = F.objectNode();
        if (fields.contains("tradeId")) n.put("tradeId", t.tradeId());
        putIf(n, fields, "tradeNo", t.tradeNo());
        if (fields.contains("tradeStatus")) n.put("tradeStatus", t.tradeStatus());
        if (fields.contains("tradeType")) n.put("tradeType", t.tradeType());
        if (fields.contains("shopId")) n.put("shopId", t.shopId());
        putIf(n, fields, "shopName", t.shopName());
        if (fields.contains("warehouseId")) n.put("warehouseId", t.warehouseId());
        putIf(n, fields, "warehouseCode", t.warehouseCode());
        putIf(n, fields, "warehouseName", t.warehouseName());
        if (fields.contains("payment")) n.put("payment", t.payment());
        putIf(n, fields, "gmtCreate", TIME.format(t.gmtCreate()));
        putIf(n, fields, "gmtModified", TIME.format(t.gmtModified()));
        if (fields.stream().anyMatch(f -> f.startsWith("goodsDetail."))) {
            ArrayNode goods = n.putArray("goodsDetail");
            for (JackyunDataSet.TradeGoods g : t.goodsDetail()) {
                ObjectNode line = goods.addObject();
                putIf(line, fields, "goodsNo", "goodsDetail.goodsNo", g.goodsNo());
                putIf(line, fields, "goodsName", "goodsDetail.goodsName", g.goodsName());
                putIf(line, fields, "barcode", "goodsDetail.barcode", g.barcode());
                putIf(line, fields, "sellCount", "goodsDetail.sellCount", g.sellCount());
                putIf(line, fields, "sellPrice", "goodsDetail.sellPrice", g.sellPrice());
                putIf(line, fields, "sellTotal", "goodsDetail.sellTotal", g.sellTotal());
            }
        }
        return n;
    }

    private static void putIf(ObjectNode n, Set<String> fields, String name, String field, Object value) {
        if (fields.contains(field)) {
            if (value instanceof BigDecimal d) {
                n.put(name, d);
            } else {
                n.put(name, String.valueOf(value));
            }
        }
    }

    // ---- goods (erp.storage.goodslist) ----

    /** 货品: SKU rows paged by {@code pageIndex} within the modified windows, or walked by the {@code maxSkuId} cursor. */
    private JsonNode skus(String method, JsonNode biz) {
        JackyunDataSet data = settings.dataSet;
        // the doc marks both 必填: a call without them is refused, not defaulted
        for (String required : List.of("pageIndex", "pageSize")) {
            if (text(biz, required) == null) {
                throw new Rejection(OUT_OF_RANGE, required + "不能为空");
            }
        }
        Paging p = paging(biz);
        int count = data.skuCount();
        int[] range = window(method, biz, "startDateModifiedSku", "endDateModifiedSku", count, false);
        LocalDateTime[] goodsWindow = pairedTimes(biz, "startDateModifiedGoods", "endDateModifiedGoods");
        String maxId = text(biz, "maxSkuId");
        if (maxId != null) {
            long after;
            try {
                after = Long.parseLong(maxId);
            } catch (NumberFormatException e) {
                throw new Rejection(OUT_OF_RANGE, "maxSkuId必须是整数: " + maxId);
            }
            if (after < 0) {
                throw new Rejection(OUT_OF_RANGE, "maxSkuId不能小于0: " + maxId);
            }
            range[0] = (int) Math.max(range[0], Math.min(after, range[1])); // skuId = index + 1
        }
        Set<String> goodsNos = list(biz, "goodsNo", "goodsNos");
        Set<String> barcodes = list(biz, "skuBarcode", "skuBarcodes");
        Integer blockup = flag(biz, "isBlockup");
        Integer skuBlockup = flag(biz, "skuIsBlockup");
        IntPredicate filter = goodsNos == null && barcodes == null && blockup == null && skuBlockup == null
                && goodsWindow == null ? null : i -> {
            JackyunDataSet.Sku s = data.sku(i);
            return (goodsNos == null || goodsNos.contains(s.goodsNo()))
                    && (barcodes == null || barcodes.contains(s.skuBarcode()))
                    && (blockup == null || s.blockup() == (blockup == 1))
                    && (skuBlockup == null || s.skuBlockup() == (skuBlockup == 1))
                    && (goodsWindow == null || (!s.goodsGmtModified().isBefore(goodsWindow[0])
                    && !s.goodsGmtModified().isAfter(goodsWindow[1])));
        };
        int[] page = filter == null ? slice(range[0], range[1], p.offset(), p.pageSize())
                : select(range[0], range[1], filter, p.offset(), p.pageSize());
        ArrayNode list = F.arrayNode();
        for (int i : page) {
            list.add(sku(data.sku(i)));
        }
        ObjectNode out = F.objectNode();
        out.set("goods", list);
        return out;
    }

    /**
     * As the live capture shows: ids as text or numbers, flags as 0/1, date-times as epoch milliseconds (the doc types
     * them {@code Date} with examples such as {@code 1631020179000}), as text for odd SKUs and numbers for even.
     */
    private static ObjectNode sku(JackyunDataSet.Sku s) {
        ObjectNode n = F.objectNode();
        boolean odd = s.skuId() % 2 == 1;
        if (odd) {
            n.put("goodsId", Long.toString(s.goodsId()));
            n.put("skuId", Long.toString(s.skuId()));
        } else {
            n.put("goodsId", s.goodsId());
            n.put("skuId", s.skuId());
        }
        n.put("goodsNo", s.goodsNo());
        n.put("goodsName", s.goodsName());
        n.put("skuName", s.skuName());
        n.put("skuNo", s.skuNo());
        n.put("skuBarcode", s.skuBarcode());
        n.put("unitName", s.unitName());
        n.put("cateId", s.cateId());
        n.put("cateName", s.cateName());
        n.put("brandId", s.brandId());
        n.put("brandName", s.brandName());
        n.put("isBlockup", s.blockup() ? 1 : 0);
        n.put("skuIsBlockup", s.skuBlockup() ? 1 : 0);
        n.put("isDelete", s.deleted() ? "1" : "0");
        n.put("isPackageGood", s.packageGood() ? 1 : 0);
        n.put("retailPrice", s.retailPrice().toPlainString());
        putMillis(n, "gmtCreate", s.gmtCreate(), odd);
        putMillis(n, "goodsGmtModified", s.goodsGmtModified(), odd);
        putMillis(n, "skuGmtModified", s.skuGmtModified(), odd);
        return n;
    }

    private static void putMillis(ObjectNode n, String name, LocalDateTime time, boolean asText) {
        long millis = time.atZone(JackyunSimulator.SHANGHAI).toInstant().toEpochMilli();
        if (asText) {
            n.put(name, Long.toString(millis));
        } else {
            n.put(name, millis);
        }
    }

    // ---- transfers (erp.allocate.get) ----

    /** 调拨单: paged by {@code pageIndex}, filtered by creation time (the only time filter public callers send). */
    private JsonNode transfers(String method, JsonNode biz) {
        JackyunDataSet data = settings.dataSet;
        Paging p = paging(biz);
        int count = data.transferCount();
        int[] range = window(method, biz, "startCreateTime", "endCreateTime", count, false);
        Set<String> numbers = list(biz, null, "allocateNos");
        Integer status = intOrNull(biz, "status");
        Integer outStatus = intOrNull(biz, "outStatus");
        Integer inStatus = intOrNull(biz, "inStatus");
        String outCode = text(biz, "outWarehouseCode");
        String inCode = text(biz, "inWarehouseCode");
        IntPredicate filter = numbers == null && status == null && outStatus == null && inStatus == null
                && outCode == null && inCode == null ? null : i -> {
            JackyunDataSet.Transfer t = data.transfer(i);
            return (numbers == null || numbers.contains(t.allocateNo()))
                    && (status == null || t.status() == status)
                    && (outStatus == null || t.outStatus() == outStatus)
                    && (inStatus == null || t.inStatus() == inStatus)
                    && (outCode == null || outCode.equals(t.outWarehouseCode()))
                    && (inCode == null || inCode.equals(t.inWarehouseCode()));
        };
        int[] page = filter == null ? slice(range[0], range[1], p.offset(), p.pageSize())
                : select(range[0], range[1], filter, p.offset(), p.pageSize());
        ArrayNode list = F.arrayNode();
        for (int i : page) {
            list.add(transfer(data.transfer(i)));
        }
        ObjectNode out = F.objectNode();
        // a total as the Go caller reads it; the client does not trust it (VENDORS.md 2.5)
        out.put("totalCount", filter == null ? range[1] - range[0] : page.length);
        out.set("stockAllocate", list);
        return out;
    }

    /**
     * The live shape public callers bind: the receiving warehouse as {@code intWarehouseCode}/{@code intWarehouseName}
     * (the vendor's spelling in {@code erp.allocate.get}), statuses as numbers or text, date-times as text or epoch
     * milliseconds, lines under {@code stockAllocateDetailViews}.
     */
    private static ObjectNode transfer(JackyunDataSet.Transfer t) {
        ObjectNode n = F.objectNode();
        boolean odd = t.allocateId() % 2 == 1;
        n.put("allocateId", Long.toString(t.allocateId()));
        n.put("allocateNo", t.allocateNo());
        n.put("outWarehouseCode", t.outWarehouseCode());
        n.put("outWarehouseName", t.outWarehouseName());
        n.put("intWarehouseCode", t.inWarehouseCode());
        n.put("intWarehouseName", t.inWarehouseName());
        if (odd) {
            n.put("status", Integer.toString(t.status()));
            n.put("outStatus", Integer.toString(t.outStatus()));
            n.put("inStatus", Integer.toString(t.inStatus()));
        } else {
            n.put("status", t.status());
            n.put("outStatus", t.outStatus());
            n.put("inStatus", t.inStatus());
        }
        n.put("sourceNo", t.sourceNo());
        n.put("memo", t.memo());
        n.put("totalAmount", t.totalAmount());
        if (odd) {
            putMillis(n, "gmtCreate", t.gmtCreate(), false);
            putMillis(n, "gmtModified", t.gmtModified(), false);
        } else {
            n.put("gmtCreate", TIME.format(t.gmtCreate()));
            n.put("gmtModified", TIME.format(t.gmtModified()));
        }
        if (t.auditDate() == null) {
            n.putNull("auditDate");
        } else {
            n.put("auditDate", TIME.format(t.auditDate()));
        }
        ArrayNode lines = n.putArray("stockAllocateDetailViews");
        for (JackyunDataSet.TransferLine l : t.lines()) {
            lines.addObject().put("allocateDetailId", l.allocateDetailId()).put("goodsId", l.goodsId())
                    .put("goodsNo", l.goodsNo()).put("goodsName", l.goodsName()).put("skuId", l.skuId())
                    .put("skuName", l.skuName()).put("skuBarcode", l.skuBarcode()).put("unitName", l.unitName())
                    .put("skuCount", l.skuCount()).put("outCount", l.outCount()).put("inCount", l.inCount())
                    .put("skuPrice", l.skuPrice()).put("totalAmount", l.totalAmount());
        }
        return n;
    }

    /** A comma-separated list parameter ({@code many}), or a single-value one ({@code one}); null when neither. */
    private static Set<String> list(JsonNode biz, String one, String many) {
        Set<String> out = new HashSet<>();
        String single = one == null ? null : text(biz, one);
        if (single != null) {
            out.add(single);
        }
        String joined = many == null ? null : text(biz, many);
        if (joined != null) {
            for (String v : joined.split(",")) {
                if (!v.isBlank()) {
                    out.add(v.trim());
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** A 0/1 flag parameter; anything else is refused, as an integer field of the vendor's is. */
    private static Integer flag(JsonNode biz, String name) {
        Integer v = intOrNull(biz, name);
        if (v != null && v != 0 && v != 1) {
            throw new Rejection(OUT_OF_RANGE, name + "只能是0或1: " + v);
        }
        return v;
    }

    private static Integer intOrNull(JsonNode biz, String name) {
        return text(biz, name) == null ? null : intParam(biz, name, 0);
    }

    /** A start/end pair that must come together, parsed; null when both are absent. */
    private static LocalDateTime[] pairedTimes(JsonNode biz, String startName, String endName) {
        String start = text(biz, startName);
        String end = text(biz, endName);
        if (start == null && end == null) {
            return null;
        }
        if (start == null || end == null) {
            throw new Rejection(OUT_OF_RANGE, startName + "和" + endName + "必须同时传入");
        }
        try {
            LocalDateTime s = LocalDateTime.parse(start, TIME);
            LocalDateTime e = LocalDateTime.parse(end, TIME);
            if (e.isBefore(s)) {
                throw new Rejection(OUT_OF_RANGE, "结束时间不能早于开始时间");
            }
            return new LocalDateTime[] {s, e};
        } catch (DateTimeParseException ex) {
            throw new Rejection(OUT_OF_RANGE, "时间格式错误，应为yyyy-MM-dd HH:mm:ss");
        }
    }

    // ---- bookkeeping ----

    private void remember(Map<String, String> form) {
        synchronized (recent) {
            recent.addLast(form);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    List<Map<String, String>> recentRequests() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    long requestCount() {
        return requests.sum();
    }

    long requestCount(String method) {
        LongAdder a = byMethod.get(method);
        return a == null ? 0 : a.sum();
    }

    long rejectedCount() {
        return rejected.sum();
    }

    long faultCount() {
        return faulted.sum();
    }

    void resetCounters() {
        requests.reset();
        rejected.reset();
        faulted.reset();
        byMethod.clear();
        synchronized (recent) {
            recent.clear();
        }
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }
}
