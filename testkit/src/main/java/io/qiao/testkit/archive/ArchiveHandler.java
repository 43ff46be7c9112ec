package io.qiao.testkit.archive;

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
import io.qiao.testkit.archive.ArchiveFaults.Operation;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Answers every request from {@link ArchiveState}; the one WireMock extension of the simulator. */
final class ArchiveHandler implements ResponseDefinitionTransformerV2 {
    static final String NAME = "qiao-archive-simulator";
    private static final Pattern FILES_PATH = Pattern.compile("/api/archive/([^/]+)/files");
    private static final List<String> REQUIRED = List.of("archiveNo", "title", "author", "docDate", "retentionPeriod");

    private final ArchiveState state;
    private final ArchiveFaults faults;
    private final ObjectMapper mapper = new ObjectMapper();

    ArchiveHandler(ArchiveState state, ArchiveFaults faults) {
        this.state = state;
        this.faults = faults;
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
        Request request = event.getRequest();
        URI uri = URI.create(request.getUrl());
        String path = uri.getRawPath();
        String method = request.getMethod().getName();
        try {
            if (method.equals("POST") && path.equals("/api/auth/token")) {
                return token(request);
            }
            if (method.equals("GET") && path.equals("/api/archive/query")) {
                return authorised(request, Operation.QUERY, () -> query(uri));
            }
            if (method.equals("POST") && path.equals("/api/archive/create")) {
                return authorised(request, Operation.CREATE, () -> create(request));
            }
            Matcher files = FILES_PATH.matcher(path);
            if (method.equals("POST") && files.matches()) {
                String id = URLDecoder.decode(files.group(1), StandardCharsets.UTF_8);
                return authorised(request, Operation.UPLOAD, () -> upload(request, id));
            }
            return error(404, "NOT_FOUND", "no such endpoint: " + method + " " + path);
        } catch (RuntimeException e) {
            return error(500, "INTERNAL_ERROR", "simulator failure: " + e);
        }
    }

    /** The effect of a request, run only when no fault stops it; returns the answer. */
    @FunctionalInterface
    private interface Effect {
        ResponseDefinition run();
    }

    private ResponseDefinition token(Request request) {
        int n = state.count(Operation.TOKEN, true);
        Optional<ResponseDefinition> fault = faultBefore(Operation.TOKEN, n);
        if (fault.isPresent()) {
            return fault.get();
        }
        JsonNode body = json(request.getBody());
        if (body == null || !body.isObject()) {
            return error(400, "INVALID_REQUEST", "the body must be a JSON object {appKey, appSecret, grantType}");
        }
        if (!"client_credentials".equals(body.path("grantType").asText(null))) {
            return error(400, "UNSUPPORTED_GRANT_TYPE", "grantType must be client_credentials");
        }
        if (!state.appKey.equals(body.path("appKey").asText(null))
                || !state.appSecret.equals(body.path("appSecret").asText(null))) {
            return error(401, "INVALID_CLIENT", "unknown appKey or wrong appSecret");
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("accessToken", state.issueToken());
        out.put("expiresIn", state.tokenLifetime.getSeconds());
        out.put("tokenType", "Bearer");
        return ok(out);
    }

    private ResponseDefinition authorised(Request request, Operation op, Effect effect) {
        int n = state.count(op, true);
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return error(401, "UNAUTHORIZED", "Authorization: Bearer <accessToken> is required");
        }
        switch (state.check(header.substring(7).strip())) {
            case UNKNOWN:
                return error(401, "INVALID_TOKEN", "the access token is not known");
            case EXPIRED:
                return error(401, "TOKEN_EXPIRED", "the access token has expired");
            default:
                break;
        }
        Optional<ArchiveFaults.Fault> fault = faults.take(op, n);
        if (fault.isPresent() && fault.get().kind() == ArchiveFaults.Kind.ECHO_SECRETS) {
            return error(fault.get().status(), "INVALID_SIGNATURE", "签名不对: app secret " + state.appSecret
                    + " 与 access token " + header.substring(7).strip() + " 不匹配");
        }
        if (fault.isPresent() && fault.get().kind() != ArchiveFaults.Kind.FAIL_AFTER) {
            return faultAnswer(fault.get());
        }
        ResponseDefinition answer = effect.run();
        if (fault.isPresent()) { // FAIL_AFTER: the effect happened, the client hears of a failure
            return error(500, "INTERNAL_ERROR", "injected failure after the " + op + " took effect");
        }
        return answer;
    }

    private Optional<ResponseDefinition> faultBefore(Operation op, int n) {
        return faults.take(op, n).map(this::faultAnswer);
    }

    private ResponseDefinition faultAnswer(ArchiveFaults.Fault f) {
        return switch (f.kind()) {
            case CONNECTION_RESET -> ResponseDefinitionBuilder.responseDefinition()
                    .withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case THROTTLE -> ResponseDefinitionBuilder.like(error(429, "TOO_MANY_REQUESTS", "injected throttling"))
                    .withHeader("Retry-After", "1").build();
            default -> error(f.status(), "INJECTED_FAULT", "injected failure of " + f.operation() + " #" + f.nth());
        };
    }

    private ResponseDefinition query(URI uri) {
        Map<String, String> params = queryParams(uri.getRawQuery());
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(required(params, "startDate"));
            end = LocalDate.parse(required(params, "endDate"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return error(400, "INVALID_ARGUMENT", "startDate and endDate are required as yyyy-MM-dd: " + e.getMessage());
        }
        boolean endless = faults.endlessPaging();
        int page = endless ? 1 : intParam(params, "page", 1);
        int pageSize = intParam(params, "pageSize", 100);
        if (page < 1 || pageSize < 1) {
            return error(400, "INVALID_ARGUMENT", "page must be >= 1 and pageSize >= 1");
        }
        pageSize = Math.min(pageSize, state.maxPageSize);
        String dept = params.get("deptCode");
        String archiveNo = state.filterByArchiveNo ? params.get("archiveNo") : null;
        List<SimulatedRecord> matching = state.records().stream()
                .filter(r -> inRange(r.field("docDate"), start, end))
                .filter(r -> dept == null || dept.equals(r.field("archiveDept")))
                .filter(r -> archiveNo == null || archiveNo.equals(r.archiveNo()))
                .toList();
        ObjectNode out = mapper.createObjectNode();
        out.put("total", endless ? Integer.MAX_VALUE : matching.size());
        out.put("page", page);
        out.put("pageSize", pageSize);
        ArrayNode records = out.putArray("records");
        int from = (int) Math.min((long) (page - 1) * pageSize, matching.size());
        for (SimulatedRecord r : matching.subList(from, Math.min(from + pageSize, matching.size()))) {
            ObjectNode node = records.addObject();
            node.put("archiveId", r.archiveId());
            r.metadata().forEach((k, v) -> node.set(k, mapper.valueToTree(v)));
            if (state.listFilesInQuery) {
                ArrayNode files = node.putArray("files");
                r.files().forEach(f -> files.add(fileNode(f)));
            }
        }
        return ok(out);
    }

    private ResponseDefinition create(Request request) {
        JsonNode body = json(request.getBody());
        if (body == null || !body.isObject()) {
            return error(400, "INVALID_REQUEST", "the body must be a JSON object");
        }
        for (String field : REQUIRED) {
            if (body.path(field).asText("").isBlank()) {
                return error(400, "INVALID_ARGUMENT", field + " is required");
            }
        }
        try {
            LocalDate.parse(body.get("docDate").asText());
        } catch (DateTimeParseException e) {
            return error(400, "INVALID_ARGUMENT", "docDate must be yyyy-MM-dd, was " + body.get("docDate").asText());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = mapper.convertValue(body, LinkedHashMap.class);
        String archiveNo = body.get("archiveNo").asText();
        long id = state.create(archiveNo, metadata);
        if (id < 0) {
            ObjectNode err = errorBody("DUPLICATE_ARCHIVE_NO", "archiveNo " + archiveNo + " already exists");
            err.put("archiveId", -id);
            return answer(409, err);
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("archiveId", id);
        return ok(out);
    }

    private ResponseDefinition upload(Request request, String idText) {
        long archiveId;
        try {
            archiveId = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return error(404, "ARCHIVE_NOT_FOUND", "no archive record " + idText);
        }
        if (!state.exists(archiveId)) {
            return error(404, "ARCHIVE_NOT_FOUND", "no archive record " + archiveId);
        }
        Map<String, Multipart.Part> parts;
        try {
            parts = Multipart.parse(request.getBody(), Multipart.boundary(request.getHeader("Content-Type")));
        } catch (IllegalArgumentException e) {
            return error(400, "INVALID_MULTIPART", e.getMessage());
        }
        Multipart.Part file = parts.get("file");
        if (file == null || file.fileName() == null || file.fileName().isBlank()) {
            return error(400, "INVALID_ARGUMENT", "the multipart field 'file' with a file name is required");
        }
        String sha256 = sha256(file);
        String declaredSha = text(parts.get("sha256"));
        if (declaredSha != null && !declaredSha.equalsIgnoreCase(sha256)) {
            return error(400, "CHECKSUM_MISMATCH", "declared sha256 " + declaredSha + " but received " + sha256);
        }
        String declaredSize = text(parts.get("fileSize"));
        if (declaredSize != null && !declaredSize.equals(Long.toString(file.length()))) {
            return error(400, "SIZE_MISMATCH", "declared fileSize " + declaredSize + " but received " + file.length());
        }
        String resolution = text(parts.get("scanResolution"));
        Integer dpi;
        try {
            dpi = resolution == null ? null : Integer.valueOf(resolution);
        } catch (NumberFormatException e) {
            return error(400, "INVALID_ARGUMENT", "scanResolution must be a whole number of dpi, was " + resolution);
        }
        SimulatedFile stored = state.addFile(archiveId, file.fileName(),
                file.contentType() == null ? "application/octet-stream" : file.contentType(), file.length(), sha256,
                text(parts.get("format")), dpi);
        return ok(fileNode(stored));
    }

    private ObjectNode fileNode(SimulatedFile f) {
        return mapper.valueToTree(f.fields());
    }

    private static String text(Multipart.Part part) {
        return part == null ? null : part.text().strip();
    }

    private static String sha256(Multipart.Part part) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(part.body(), part.offset(), part.length());
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean inRange(String docDate, LocalDate start, LocalDate end) {
        try {
            LocalDate d = LocalDate.parse(docDate);
            return !d.isBefore(start) && !d.isAfter(end);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, String> queryParams(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(k, v);
        }
        return params;
    }

    private static String required(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return v;
    }

    private static int intParam(Map<String, String> params, String name, int fallback) {
        String v = params.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private JsonNode json(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private ObjectNode errorBody(String code, String message) {
        ObjectNode n = mapper.createObjectNode();
        n.put("code", code);
        n.put("message", message);
        n.put("requestId", UUID.randomUUID().toString());
        return n;
    }

    private ResponseDefinition error(int status, String code, String message) {
        return answer(status, errorBody(code, message));
    }

    private ResponseDefinition ok(JsonNode body) {
        return answer(200, body);
    }

    private ResponseDefinition answer(int status, JsonNode body) {
        try {
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json;charset=UTF-8")
                    .withBody(mapper.writeValueAsBytes(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
