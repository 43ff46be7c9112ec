package io.qiao.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiao.client.ApiCallEvent;
import io.qiao.client.ApiUsage;
import io.qiao.client.Json;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterSummary;
import io.qiao.sync.ReplayReport;
import io.qiao.sync.observe.SyncStatus;
import io.qiao.sync.jdbc.JdbcUrls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The console: its pages, assets and JSON API as one request handler, independent of the HTTP server. The JDK's
 * server runs it through {@link ConsoleServer}; a host (a servlet, a Spring controller) converts its request into a
 * {@link ConsoleRequest} (the path below its mount point) and writes the {@link ConsoleResponse} back.
 *
 * <p>Reading is open to whoever reaches the console (it binds to 127.0.0.1 by default). Replay, purge, reset and
 * reconcile (it calls the vendors' APIs) are POSTs that need the token ({@code QIAO_CONSOLE_TOKEN}) in the {@value #TOKEN_HEADER} header, or the host's
 * {@link Builder#authorizer authorizer}; as a defence against cross-site requests they also need a JSON content type
 * and, when the browser sends one, an {@code Origin} equal to the console's own. A form on another site can set
 * neither a custom header nor that content type. No response carries a secret: the token is never echoed, error texts
 * and payloads have JDBC URL passwords masked.
 */
public final class QiaoConsole {
    /** The request header that carries the token of a write action. */
    public static final String TOKEN_HEADER = "X-Qiao-Token";
    private static final String ASSETS = "/io/qiao/console/web/";
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/";

    private final Map<String, ConsolePipeline> pipelines;
    private final ApiCallHistorySource apiCalls;
    private final RunHistory runs;
    private final Map<String, List<RateLimit>> rateLimits;
    private final byte[] token;
    private final Predicate<ConsoleRequest> authorizer;
    private final Clock clock;
    private final ObjectMapper mapper = Json.newMapper();

    /** Where the API-call log is read from (a file in the CLI, the host's own elsewhere). */
    @FunctionalInterface
    public interface ApiCallHistorySource {
        /** The calls recorded at or after {@code since}. */
        ApiCallHistory since(Instant since);
    }

    private QiaoConsole(Builder b) {
        this.pipelines = new LinkedHashMap<>();
        b.pipelines.forEach(p -> pipelines.put(p.name(), p));
        this.apiCalls = b.apiCalls;
        this.runs = b.runs;
        this.rateLimits = Collections.unmodifiableMap(new LinkedHashMap<>(b.rateLimits));
        this.token = b.token == null ? null : b.token.getBytes(StandardCharsets.UTF_8);
        this.authorizer = b.authorizer;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether write actions are possible at all: a token or an authorizer is configured. */
    public boolean writesEnabled() {
        return token != null || authorizer != null;
    }

    /** Answers one request; never throws for a request's fault (4xx), and answers 500 for a store's failure. */
    public ConsoleResponse handle(ConsoleRequest request) {
        try {
            return route(request);
        } catch (BadRequest e) {
            return error(e.status, e.getMessage());
        } catch (RuntimeException e) {
            return error(500, describe(e));
        }
    }

    private ConsoleResponse route(ConsoleRequest r) {
        String path = r.path().isEmpty() ? "/" : r.path();
        if (path.startsWith("/api/")) {
            return api(r, path.substring("/api".length()));
        }
        if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
            throw new BadRequest(405, r.method() + " is not allowed on " + path);
        }
        return switch (path) {
            case "/", "/index.html" -> asset(ASSETS + "index.html", "text/html; charset=utf-8");
            case "/assets/app.js" -> asset(ASSETS + "app.js", "text/javascript; charset=utf-8");
            case "/assets/app.css" -> asset(ASSETS + "app.css", "text/css; charset=utf-8");
            case "/assets/echarts.min.js" -> asset(ECHARTS + "dist/echarts.min.js", "text/javascript; charset=utf-8");
            case "/assets/echarts-LICENSE.txt" -> asset(ECHARTS + "LICENSE", "text/plain; charset=utf-8");
            default -> throw new BadRequest(404, "no page " + path);
        };
    }

    private ConsoleResponse asset(String resource, String type) {
        try (InputStream in = QiaoConsole.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console's resource " + resource + " is missing from its jar");
            }
            return new ConsoleResponse(200, type, Map.of("Cache-Control", "no-cache",
                    "X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY"), in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the console's resource " + resource, e);
        }
    }

    // ------------------------------------------------------------------------------------------------ API

    private ConsoleResponse api(ConsoleRequest r, String path) {
        String[] parts = path.substring(1).split("/");
        if (r.method().equals("POST")) {
            if (parts.length == 3 && parts[0].equals("pipelines")) {
                authorize(r);
                try {
                    return write(pipeline(parts[1]), parts[2], body(r));
                } catch (IllegalStateException e) { // the pipeline is running, or its state refuses the change
                    throw new BadRequest(409, describe(e));
                }
            }
            throw new BadRequest(404, "no action POST /api" + path);
        }
        if (!r.method().equals("GET")) {
            throw new BadRequest(405, r.method() + " is not allowed on /api" + path + "; reading is GET, actions are POST");
        }
        Instant now = clock.instant();
        JsonNode body = switch (parts[0]) {
            case "session" -> mapper.createObjectNode().put("writesEnabled", writesEnabled())
                    .put("tokenHeader", TOKEN_HEADER);
            case "overview" -> overview(now);
            case "pipelines" -> switch (parts.length) {
                case 1 -> overview(now);
                case 2 -> pipelineDetail(pipeline(parts[1]), now, hours(r, 24 * 7));
                default -> throw new BadRequest(404, "no API GET /api" + path + "; actions are POST");
            };
            case "api-usage" -> apiUsage(now, hours(r, 24));
            case "dead-letters" -> deadLetters(r);
            case "errors" -> errors(now, hours(r, 24));
            default -> throw new BadRequest(404, "no API /api" + path);
        };
        return ConsoleResponse.json(200, body.toString());
    }

    private ConsolePipeline pipeline(String name) {
        ConsolePipeline p = pipelines.get(name);
        if (p == null) {
            throw new BadRequest(404, "unknown pipeline '" + name + "'; the pipelines are " + String.join(", ", pipelines.keySet()));
        }
        return p;
    }

    private static int hours(ConsoleRequest r, int defaultHours) {
        String h = r.query().get("hours");
        if (h == null) {
            return defaultHours;
        }
        try {
            int v = Integer.parseInt(h);
            if (v >= 1 && v <= 24 * 366) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // the message below names the field
        }
        throw new BadRequest(400, "hours '" + h + "' is not a whole number from 1 to 8784");
    }

    private ObjectNode overview(Instant now) {
        ObjectNode o = mapper.createObjectNode();
        o.put("now", now.toString());
        o.put("writesEnabled", writesEnabled());
        Instant dayAgo = now.minus(Duration.ofDays(1));
        List<RunHistory.Run> recent = runs == null ? List.of() : runs.read(dayAgo);
        ArrayNode list = o.putArray("pipelines");
        for (ConsolePipeline p : pipelines.values()) {
            ObjectNode n = list.addObject();
            n.put("name", p.name());
            readInto(n, "status", () -> statusNode(p.status(), now));
            readInto(n, "checkpoint", () -> checkpointNode(p.checkpoint(), now));
            readInto(n, "openDeadLetters", () -> mapper.getNodeFactory().numberNode(
                    p.deadLetters().list(p.name(), false, Integer.MAX_VALUE).size()));
            ObjectNode day = n.putObject("last24h");
            List<RunHistory.Run> mine = recent.stream().filter(x -> x.job().equals(p.name())).toList();
            day.put("runs", mine.size());
            day.put("read", mine.stream().mapToLong(RunHistory.Run::read).sum());
            day.put("written", mine.stream().mapToLong(RunHistory.Run::written).sum());
            day.put("deadLettered", mine.stream().mapToLong(RunHistory.Run::deadLettered).sum());
            day.put("failedRuns", mine.stream().filter(x -> x.error() != null).count());
            readInto(n, "runningBy", () -> p.runningBy().map(s -> (JsonNode) mapper.getNodeFactory().textNode(redact(s)))
                    .orElse(mapper.getNodeFactory().nullNode()));
        }
        return o;
    }

    /** One part of a pipeline read on its own: an unreachable store shows as that part's error, not a failed page. */
    private void readInto(ObjectNode n, String field, java.util.function.Supplier<JsonNode> part) {
        try {
            n.set(field, part.get());
        } catch (RuntimeException e) {
            n.putObject(field).put("unreadable", describe(e));
        }
    }

    private ObjectNode statusNode(SyncStatus s, Instant now) {
        ObjectNode n = mapper.createObjectNode();
        n.put("lastRunAt", str(s.lastRunAt()));
        n.put("lastStatus", s.lastStatus() == null ? null : s.lastStatus().name());
        n.put("lastSuccessAt", str(s.lastSuccessAt()));
        n.put("runs", s.runs());
        n.put("totalRead", s.totalRead());
        n.put("totalWritten", s.totalWritten());
        n.put("totalDeadLettered", s.totalDeadLettered());
        n.put("failedRuns", s.errorCount());
        n.put("consecutiveFailures", s.consecutiveFailures());
        n.put("lastError", s.lastError() == null ? null : RunHistory.condense(s.lastError()));
        return n;
    }

    private JsonNode checkpointNode(Optional<Checkpoint> c, Instant now) {
        if (c.isEmpty()) {
            return mapper.getNodeFactory().nullNode();
        }
        ObjectNode n = mapper.createObjectNode();
        Instant w = c.get().position().watermark();
        n.put("watermark", w.toString());
        n.put("lagSeconds", Math.max(0, Duration.between(w, now).toSeconds()));
        n.put("version", c.get().version());
        n.put("committedAt", str(c.get().updatedAt()));
        return n;
    }

    private ObjectNode pipelineDetail(ConsolePipeline p, Instant now, int hours) {
        ObjectNode o = mapper.createObjectNode();
        o.put("name", p.name());
        o.put("now", now.toString());
        o.put("writesEnabled", writesEnabled());
        readInto(o, "status", () -> statusNode(p.status(), now));
        readInto(o, "checkpoint", () -> checkpointNode(p.checkpoint(), now));
        readInto(o, "runningBy", () -> p.runningBy().map(s -> (JsonNode) mapper.getNodeFactory().textNode(redact(s)))
                .orElse(mapper.getNodeFactory().nullNode()));
        ArrayNode list = o.putArray("runs");
        if (runs != null) {
            for (RunHistory.Run r : runs.read(now.minus(Duration.ofHours(hours)))) {
                if (r.job().equals(p.name())) {
                    ObjectNode n = list.addObject();
                    n.put("startedAt", r.startedAt().toString());
                    n.put("millis", r.duration().toMillis());
                    n.put("status", r.status().name());
                    n.put("read", r.read());
                    n.put("written", r.written());
                    n.put("deadLettered", r.deadLettered());
                    n.put("recordsPerSecond", Math.round(r.recordsPerSecond() * 10) / 10.0);
                    n.put("error", r.error());
                }
            }
        }
        return o;
    }

    private ObjectNode apiUsage(Instant now, int hours) {
        Instant since = now.minus(Duration.ofHours(hours));
        ApiCallHistory h = apiCalls == null ? null : apiCalls.since(since);
        List<ApiCallHistory.Call> calls = h == null ? List.of() : h.calls();
        ObjectNode o = mapper.createObjectNode();
        o.put("since", since.toString());
        o.put("calls", calls.size());
        Map<String, String> vendorOfOperation = new LinkedHashMap<>();
        calls.forEach(c -> vendorOfOperation.putIfAbsent(c.event().operation(), c.vendor()));
        ArrayNode ops = o.putArray("operations");
        for (ApiUsage.OperationStats s : h == null ? List.<ApiUsage.OperationStats>of() : h.usage().snapshot()) {
            ObjectNode n = ops.addObject();
            n.put("operation", s.operation());
            n.put("vendor", vendorOfOperation.getOrDefault(s.operation(), vendorOf(s.operation())));
            n.put("calls", s.calls());
            n.put("errors", s.errors());
            n.put("throttled", s.throttled());
            n.put("retries", s.retries());
            n.put("p50Ms", millis(s.p50()));
            n.put("p95Ms", millis(s.p95()));
            n.put("p99Ms", millis(s.p99()));
        }
        // buckets sized so that a period gives at most ~120 points: a minute for two hours, an hour for five days
        long seconds = Math.max(60, hours * 3600L / 120);
        long bucket = seconds <= 60 ? 60 : seconds <= 300 ? 300 : seconds <= 900 ? 900 : seconds <= 3600 ? 3600 : 86400;
        o.put("bucketSeconds", bucket);
        TreeMap<Long, Map<String, long[]>> byBucket = new TreeMap<>();
        for (ApiCallHistory.Call c : calls) {
            long start = c.at().getEpochSecond() / bucket * bucket;
            long[] v = byBucket.computeIfAbsent(start, k -> new TreeMap<>())
                    .computeIfAbsent(c.event().operation(), k -> new long[3]);
            v[0]++;
            if (c.event().outcome() == ApiCallEvent.Outcome.THROTTLED) {
                v[2]++;
            } else if (c.event().outcome() != ApiCallEvent.Outcome.SUCCESS) {
                v[1]++;
            }
        }
        ArrayNode series = o.putArray("series");
        byBucket.forEach((start, byOp) -> {
            ObjectNode b = series.addObject();
            b.put("at", Instant.ofEpochSecond(start).toString());
            ObjectNode per = b.putObject("operations");
            byOp.forEach((op, v) -> per.putObject(op).put("calls", v[0]).put("errors", v[1]).put("throttled", v[2]));
        });
        vendorsInto(o.putArray("vendors"), calls, bucket);
        return o;
    }

    /**
     * Each vendor's declared limit next to its pace: the attempts per second in each bucket (every attempt, retries
     * and throttled ones included, takes a permit). The declared vendors come first, then any other seen in the log.
     */
    private void vendorsInto(ArrayNode vendors, List<ApiCallHistory.Call> calls, long bucket) {
        Map<String, TreeMap<Long, Long>> pace = new LinkedHashMap<>();
        rateLimits.keySet().forEach(v -> pace.put(v, new TreeMap<>()));
        for (ApiCallHistory.Call c : calls) {
            pace.computeIfAbsent(c.vendor(), k -> new TreeMap<>())
                    .merge(c.at().getEpochSecond() / bucket * bucket, 1L, Long::sum);
        }
        pace.forEach((vendor, perBucket) -> {
            ObjectNode n = vendors.addObject();
            n.put("vendor", vendor);
            List<RateLimit> windows = rateLimits.getOrDefault(vendor, List.of());
            ArrayNode limits = n.putArray("limits");
            Double tightest = null;
            for (RateLimit w : windows) {
                double perSecond = w.permits() * 1e9 / w.period().toNanos();
                limits.addObject().put("permits", w.permits()).put("periodSeconds", w.period().toNanos() / 1e9)
                        .put("perSecond", round3(perSecond)).put("perMinute", round3(perSecond * 60));
                tightest = tightest == null ? perSecond : Math.min(tightest, perSecond);
            }
            // the lowest sustained rate of all windows: a pace above it breaks one of them over time
            if (tightest == null) {
                n.putNull("limitPerSecond");
            } else {
                n.put("limitPerSecond", round3(tightest));
            }
            ArrayNode points = n.putArray("pace");
            double peak = 0;
            for (Map.Entry<Long, Long> e : perBucket.entrySet()) {
                double perSecond = (double) e.getValue() / bucket;
                peak = Math.max(peak, perSecond);
                points.addObject().put("at", Instant.ofEpochSecond(e.getKey()).toString()).put("calls", e.getValue())
                        .put("perSecond", round3(perSecond));
            }
            n.put("peakPerSecond", round3(peak));
        });
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The vendor of an operation name: its first dotted or slashed part ("kis.material.list" -> "kis"). */
    static String vendorOf(String operation) {
        String[] p = operation.split("[./:]", 2);
        return p.length > 1 ? p[0] : "";
    }

    private static double millis(Duration d) {
        return Math.round(d.toNanos() / 100_000.0) / 10.0;
    }

    private ObjectNode deadLetters(ConsoleRequest r) {
        boolean all = "true".equals(r.query().get("all"));
        String only = r.query().get("pipeline");
        String reason = r.query().get("reason");
        int limit = 500;
        ObjectNode o = mapper.createObjectNode();
        ArrayNode groups = o.putArray("groups");
        ArrayNode entries = o.putArray("entries");
        ArrayNode unreadable = o.putArray("unreadable");
        for (ConsolePipeline p : only == null ? pipelines.values() : List.of(pipeline(only))) {
            List<DeadLetter> letters;
            try {
                letters = p.deadLetters().list(p.name(), all, Integer.MAX_VALUE);
            } catch (RuntimeException e) {
                unreadable.addObject().put("pipeline", p.name()).put("error", describe(e));
                continue;
            }
            Map<String, Long> summary = DeadLetterSummary.of(letters.stream().map(DeadLetter::reasons).toList());
            summary.forEach((k, v) -> groups.addObject().put("pipeline", p.name()).put("reason", redact(k)).put("count", v));
            for (DeadLetter d : letters) {
                if (reason != null && d.reasons().stream().map(DeadLetterSummary::normalise).noneMatch(reason::equals)) {
                    continue;
                }
                if (entries.size() >= limit) {
                    o.put("truncated", true);
                    break;
                }
                ObjectNode n = entries.addObject();
                n.put("id", d.id());
                n.put("pipeline", d.job());
                n.put("key", d.key());
                n.put("stage", d.stage().name());
                ArrayNode rs = n.putArray("reasons");
                d.reasons().forEach(x -> rs.add(redact(x)));
                ArrayNode groupsOf = n.putArray("reasonGroups");
                d.reasons().forEach(x -> groupsOf.add(redact(DeadLetterSummary.normalise(x))));
                n.put("payload", redact(d.payload()));
                n.put("window", d.window());
                n.put("firstSeen", str(d.firstSeen()));
                n.put("lastSeen", str(d.lastSeen()));
                n.put("attempts", d.attempts());
                n.put("resolved", d.resolved());
            }
        }
        return o;
    }

    /**
     * Failures of the period grouped by pattern (numbers and ids replaced, see {@link DeadLetterSummary#normalise}):
     * failed runs' errors and API calls that did not succeed (by operation, outcome, HTTP status and vendor code).
     */
    private ObjectNode errors(Instant now, int hours) {
        Instant since = now.minus(Duration.ofHours(hours));
        Map<String, ObjectNode> groups = new LinkedHashMap<>();
        if (runs != null) {
            for (RunHistory.Run r : runs.read(since)) {
                if (r.error() != null) {
                    count(groups, "run", r.job(), DeadLetterSummary.normalise(r.error()), r.startedAt(), r.error());
                }
            }
        }
        if (apiCalls != null) {
            for (ApiCallHistory.Call c : apiCalls.since(since).calls()) {
                ApiCallEvent e = c.event();
                if (e.outcome() != ApiCallEvent.Outcome.SUCCESS) {
                    String text = e.outcome() + (e.httpStatus() > 0 ? " HTTP " + e.httpStatus() : "")
                            + (e.vendorCode() != null ? " vendor code " + e.vendorCode() : "");
                    count(groups, "api", e.operation(), text, c.at(), text);
                }
            }
        }
        ObjectNode o = mapper.createObjectNode();
        o.put("since", since.toString());
        ArrayNode list = o.putArray("groups");
        groups.values().stream().sorted(Comparator.comparingLong((ObjectNode n) -> n.path("count").asLong()).reversed())
                .forEach(list::add);
        return o;
    }

    private void count(Map<String, ObjectNode> groups, String kind, String where, String pattern, Instant at,
                       String example) {
        ObjectNode g = groups.computeIfAbsent(kind + "\u0000" + where + "\u0000" + pattern, k -> mapper.createObjectNode()
                .put("kind", kind).put("source", where).put("pattern", redact(pattern)).put("count", 0)
                .put("example", redact(example)));
        g.put("count", g.path("count").asLong() + 1);
        g.put("last", at.toString());
    }

    // ------------------------------------------------------------------------------------------------ writes

    private void authorize(ConsoleRequest r) {
        if (!writesEnabled()) {
            throw new BadRequest(403, "write actions are off: start the console with QIAO_CONSOLE_TOKEN set");
        }
        String type = r.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new BadRequest(415, "a write action is a POST with Content-Type application/json");
        }
        Optional<String> origin = r.header("Origin");
        Optional<String> host = r.header("Host");
        if (origin.isPresent() && !origin.get().equals("null")
                && (host.isEmpty() || !origin.get().replaceFirst("^https?://", "").equals(host.get()))) {
            throw new BadRequest(403, "cross-site request refused: Origin does not match the console's host");
        }
        if (r.header("Sec-Fetch-Site").filter(s -> s.equals("cross-site") || s.equals("same-site")).isPresent()) {
            throw new BadRequest(403, "cross-site request refused (Sec-Fetch-Site)");
        }
        boolean byToken = token != null && r.header(TOKEN_HEADER)
                .map(t -> MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8), token)).orElse(false);
        boolean byHost = authorizer != null && authorizer.test(r);
        if (!byToken && !byHost) {
            throw new BadRequest(401, "a write action needs the console token in the " + TOKEN_HEADER + " header");
        }
    }

    private JsonNode body(ConsoleRequest r) {
        byte[] b = r.body();
        if (b.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode n = mapper.readTree(b);
            if (n == null || !n.isObject()) {
                throw new BadRequest(400, "the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new BadRequest(400, "the body is not a JSON object");
        }
    }

    private ConsoleResponse write(ConsolePipeline p, String action, JsonNode body) {
        ObjectNode o = mapper.createObjectNode();
        o.put("pipeline", p.name());
        o.put("action", action);
        switch (action) {
            case "replay" -> {
                List<String> ids = new ArrayList<>();
                JsonNode idsNode = body.path("ids");
                if (!idsNode.isMissingNode() && !idsNode.isArray()) {
                    throw new BadRequest(400, "ids must be an array of dead-letter ids (or absent: every open one)");
                }
                idsNode.forEach(i -> ids.add(i.asText()));
                int limit = body.path("limit").asInt(100);
                if (limit < 1 || limit > 10_000) {
                    throw new BadRequest(400, "limit " + limit + " is not from 1 to 10000");
                }
                ReplayReport r = p.replay(ids, limit);
                o.put("attempted", r.attempted());
                ArrayNode resolved = o.putArray("resolved");
                r.resolved().forEach(resolved::add);
                ObjectNode failed = o.putObject("failedAgain");
                r.failedAgain().forEach((id, reasons) -> {
                    ArrayNode a = failed.putArray(id);
                    reasons.forEach(x -> a.add(redact(x)));
                });
            }
            case "purge" -> o.put("deleted", p.purge(!body.path("all").asBoolean(false)));
            case "reset" -> {
                String w = body.path("watermark").asText("");
                Instant at;
                try {
                    at = Instant.parse(w);
                } catch (DateTimeParseException e) {
                    throw new BadRequest(400, "watermark '" + w + "' is not an ISO-8601 instant such as 2024-05-01T00:00:00Z");
                }
                try {
                    Checkpoint c = p.reset(at);
                    o.put("watermark", c.position().watermark().toString());
                    o.put("version", c.version());
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new BadRequest(409, describe(e));
                }
            }
            case "reconcile" -> {
                Instant from = instant(body, "from");
                Instant to = instant(body, "to");
                if (!from.isBefore(to) || Duration.between(from, to).compareTo(Duration.ofDays(366)) > 0) {
                    throw new BadRequest(400, "from " + from + " must be before to " + to + ", at most 366 days apart");
                }
                ReconcileResult r;
                try {
                    r = p.reconcile(from, to);
                } catch (UnsupportedOperationException e) {
                    throw new BadRequest(501, describe(e));
                }
                o.put("from", from.toString());
                o.put("to", to.toString());
                o.put("compared", r.compared());
                o.put("matching", r.compared() - r.differences().size());
                ArrayNode diffs = o.putArray("differences");
                r.differences().forEach(d -> diffs.add(redact(d)));
            }
            default -> throw new BadRequest(404, "unknown action '" + action + "'; the actions are replay, purge, reset "
                    + "and reconcile");
        }
        return ConsoleResponse.json(200, o.toString());
    }

    private static Instant instant(JsonNode body, String field) {
        String text = body.path(field).asText("");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequest(400, field + " '" + text + "' is not an ISO-8601 instant such as 2024-05-01T00:00:00Z");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private ConsoleResponse error(int status, String message) {
        return ConsoleResponse.json(status, mapper.createObjectNode().put("error", redact(message)).toString());
    }

    private static String describe(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return RunHistory.condense(m);
    }

    /** Text from stores and exceptions as shown: JDBC URL passwords masked. */
    static String redact(String text) {
        return text == null ? null : JdbcUrls.redactIn(text);
    }

    private static String str(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Override
    public String toString() {
        return "QiaoConsole[" + String.join(", ", pipelines.keySet()) + (writesEnabled() ? ", writes on" : ", read-only") + "]";
    }

    /** A request the console refuses, with its HTTP status. */
    private static final class BadRequest extends RuntimeException {
        private final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Builds a {@link QiaoConsole}; pipelines are shown in the order added. */
    public static final class Builder {
        private final List<ConsolePipeline> pipelines = new ArrayList<>();
        private ApiCallHistorySource apiCalls;
        private RunHistory runs;
        private final Map<String, List<RateLimit>> rateLimits = new LinkedHashMap<>();
        private String token;
        private Predicate<ConsoleRequest> authorizer;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder pipeline(ConsolePipeline pipeline) {
            Objects.requireNonNull(pipeline, "pipeline");
            if (pipelines.stream().anyMatch(p -> p.name().equals(pipeline.name()))) {
                throw new IllegalArgumentException("pipeline '" + pipeline.name() + "' is added twice");
            }
            pipelines.add(pipeline);
            return this;
        }

        /** Where the API-usage page reads calls from; without it the page shows none. */
        public Builder apiCalls(ApiCallHistorySource apiCalls) {
            this.apiCalls = Objects.requireNonNull(apiCalls, "apiCalls");
            return this;
        }

        /** Where runs over time are read from; without it the charts of runs are empty. */
        public Builder runs(RunHistory runs) {
            this.runs = Objects.requireNonNull(runs, "runs");
            return this;
        }

        /**
         * The rate limit of a vendor's account, drawn on the API-usage page against the pace of that vendor's calls
         * (the vendor the API-call log records with each call, see {@link ApiCallHistory.Call#vendor()}). Pass the
         * {@link RateLimits} its client uses, e.g. {@code JushuitanClient.defaultRateLimits()}; the windows of its
         * "default" endpoint class are shown. {@link RateLimits#none()} declares that the vendor has no limit.
         */
        public Builder rateLimit(String vendor, RateLimits limits) {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(limits, "limits");
            if (vendor.isBlank() || !vendor.equals(vendorOf(vendor + ".x"))) {
                throw new IllegalArgumentException("vendor '" + vendor + "' must be a vendor's short name: "
                        + "not blank, without '.', '/' or ':' (e.g. \"jushuitan\")");
            }
            if (rateLimits.containsKey(vendor)) {
                throw new IllegalArgumentException("vendor '" + vendor + "' has its rate limit declared twice");
            }
            rateLimits.put(vendor, List.copyOf(limits.limitsFor("default")));
            return this;
        }

        /**
         * The token that write actions must send in {@value #TOKEN_HEADER} ({@code QIAO_CONSOLE_TOKEN}); null or blank
         * leaves them off unless an authorizer is set. At least 8 characters.
         */
        public Builder token(String token) {
            if (token != null && !token.isBlank() && token.strip().length() < 8) {
                throw new IllegalArgumentException("the console token (QIAO_CONSOLE_TOKEN) has fewer than 8 characters; "
                        + "use a long random one");
            }
            this.token = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /** A host's check that a write request is authenticated (e.g. by its security), used besides the token. */
        public Builder authorizer(Predicate<ConsoleRequest> authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public QiaoConsole build() {
            if (pipelines.isEmpty()) {
                throw new IllegalStateException("a console needs at least one pipeline (pipeline(...))");
            }
            return new QiaoConsole(this);
        }
    }
}
