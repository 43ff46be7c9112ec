package io.qiao.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.archive.internal.ArchiveOperations;
import io.qiao.archive.internal.MultipartUpload;
import io.qiao.archive.internal.Operations;
import io.qiao.archive.internal.ResponseReader;
import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.archive.model.ArchiveRecord;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.client.PagingGuard;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.internal.HttpPipeline;
import io.qiao.client.spi.AnyEndpointPaging;
import io.qiao.client.spi.WindowedPager;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive calls over the REST API (VENDORS.md 4.1): JSON in and out, the file as {@code multipart/form-data}.
 * Also {@link ArchiveClient#call} and {@link ArchiveClient#pages}, which only REST has.
 */
final class RestOperations implements ArchiveOperations {
    private static final Logger log = LoggerFactory.getLogger(RestOperations.class);

    private final ArchiveClient client;
    private final HttpPipeline pipeline;
    private final Json json;
    private final Duration uploadTimeout;

    RestOperations(ArchiveClient client, HttpPipeline pipeline, Json json, Duration uploadTimeout) {
        this.client = client;
        this.pipeline = pipeline;
        this.json = json;
        this.uploadTimeout = uploadTimeout;
    }

    /** The REST API has no lookup by 档号: the records of the document's date are searched instead. */
    @Override
    public Optional<List<ArchiveRecord>> lookup(String archiveNo) {
        return Optional.empty();
    }

    @Override
    public Uploaded upload(String archiveId, ArchiveFile file) {
        MultipartUpload upload = MultipartUpload.of(file);
        Request request = Request.post(client.resolve("api/archive/" + pathSegment(archiveId) + "/files"), upload.body())
                .operation(Operations.UPLOAD)
                .endpointClass("upload")
                .timeout(uploadTimeout)
                .build();
        Response response = pipeline.execute(request);
        JsonNode root = uploadAnswer(response);
        if (root == null || !root.isObject()) {
            return new Uploaded(null, null, upload.facts());
        }
        JsonNode node = ResponseReader.unwrap(root, "fileId");
        return new Uploaded(ResponseReader.text(node, "fileId", "id"), ResponseReader.text(node, "sha256"),
                upload.facts());
    }

    /** The upload's answer as JSON, or null when it has none we can read: the file arrived either way. */
    private JsonNode uploadAnswer(Response response) {
        if (response.body().length == 0) {
            return null;
        }
        try {
            return json.tree(Operations.UPLOAD, response.body());
        } catch (DecodeException e) {
            log.debug("{}: the answer is not JSON; the file is stored but its fileId is unknown", Operations.UPLOAD);
            return null;
        }
    }

    @Override
    public String create(Map<String, Object> metadata) {
        Request request = Request.post(client.resolve("api/archive/create"), RequestBody.json(json.write(metadata)))
                .operation(Operations.CREATE)
                .build();
        Response response = pipeline.execute(request);
        JsonNode root = ResponseReader.unwrap(json.tree(Operations.CREATE, response.body()), "archiveId");
        String id = ResponseReader.text(root, "archiveId", "id");
        if (id == null || id.isBlank()) {
            throw new DecodeException(Operations.CREATE, "no archiveId in the answer",
                    pipeline.redactor().excerpt(response.body(), 300), null);
        }
        return id;
    }

    @Override
    public Page<ArchiveRecord> page(ArchiveQuery q, int page) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("startDate", q.startDate().toString());
        params.put("endDate", q.endDate().toString());
        if (q.deptCode() != null) params.put("deptCode", q.deptCode());
        if (q.archiveNo() != null) params.put("archiveNo", q.archiveNo());
        RawPage raw = rawPage(Operations.QUERY, "api/archive/query", params, page, q.pageSize());
        List<ArchiveRecord> items = new ArrayList<>(raw.records().size());
        for (JsonNode n : raw.records()) {
            if (n == null || !n.isObject()) {
                throw new DecodeException(Operations.QUERY, "record " + items.size() + " of page " + page
                        + " is " + (n == null ? "null" : n.getNodeType()) + ", not an object",
                        pipeline.redactor().excerpt(raw.body(), 300), null);
            }
            items.add(json.convert(Operations.QUERY, n, ArchiveRecord.class));
        }
        return new Page<>(items, raw.more() ? Integer.toString(page + 1) : null);
    }

    /** One page of a query endpoint as sent: its records, whether more follow, and the answer's bytes for messages. */
    private record RawPage(List<JsonNode> records, boolean more, byte[] body) {
    }

    /**
     * GETs page {@code page} of {@code relativePath} with {@code params}, {@code page} and {@code pageSize}. The
     * records are the answer itself when it is a list, else its (or its {@code data}'s) {@code records}, {@code list},
     * {@code rows} or {@code items}; more follow while a full page stays below the reported {@code total}
     * ({@code totalCount}), or, without a total, while pages are full.
     */
    private RawPage rawPage(String operation, String relativePath, Map<String, String> params, int page,
                            int requestedPageSize) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> query.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        query.add("page=" + page);
        query.add("pageSize=" + requestedPageSize);
        Request request = Request.get(URI.create(client.resolve(relativePath) + "?" + query))
                .operation(operation)
                .idempotent(true)
                .build();
        Response response = pipeline.execute(request);
        JsonNode root = json.tree(operation, response.body());
        JsonNode list = records(root);
        if (list == null) {
            throw new DecodeException(operation, "no records array (records/list/rows/items) in the answer",
                    pipeline.redactor().excerpt(response.body(), 300), null);
        }
        List<JsonNode> records = new ArrayList<>(list.size());
        list.forEach(records::add);
        JsonNode holder = root.has("total") || !root.path("data").isObject() ? root : root.get("data");
        long total = holder.path("total").asLong(holder.path("totalCount").asLong(-1));
        // A system that caps the page size says so in its answer; pages are numbered in its size, not ours.
        int pageSize = holder.path("pageSize").asInt(requestedPageSize);
        pageSize = pageSize > 0 ? pageSize : requestedPageSize;
        boolean more = ArchiveOperations.more(page, pageSize, records.size(), total);
        return new RawPage(records, more, response.body());
    }

    /** {@link ArchiveClient#pages(String, Map)}. */
    PagedIterable<JsonNode> pages(String path, Map<String, ?> params, PagingGuard pagingGuard,
                                  Function<Supplier<WindowedPager.Batch<JsonNode>>, WindowedPager.Batch<JsonNode>> redacted) {
        Map<String, Object> fields = AnyEndpointPaging.params(path, params, List.of("page"));
        int pageSize = AnyEndpointPaging.pageSize(path, "pageSize", fields.remove("pageSize"),
                ArchiveQuery.DEFAULT_PAGE_SIZE);
        Map<String, String> query = new LinkedHashMap<>();
        fields.forEach((k, v) -> query.put(k, String.valueOf(Objects.requireNonNull(v, () -> path + ": parameter '"
                + k + "' is null"))));
        String relative = relativePath(path);
        return WindowedPager.<JsonNode>builder(path, (window, page, cursor) -> redacted.apply(() -> {
            RawPage raw = rawPage(path, relative, query, page, pageSize);
            return WindowedPager.Batch.of(raw.records(), raw.more());
        })).guard(pagingGuard).firstPage(1).moreSignal("a full page below the reported total").build();
    }

    /** {@link ArchiveClient#call(String, Object, boolean)}. */
    JsonNode call(String path, Object body, boolean idempotent) {
        String text = body instanceof String s ? s : body instanceof JsonNode n ? n.toString()
                : json.write(body == null ? Map.of() : body);
        Request request = Request.post(client.resolve(relativePath(path)), RequestBody.json(text))
                .operation(path)
                .idempotent(idempotent)
                .build();
        Response response = pipeline.execute(request);
        return response.body().length == 0 ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : json.tree(path, response.body());
    }

    /** The API paths hang below the endpoint, which may have a path of its own: {@code /api/x} is {@code api/x}. */
    private static String relativePath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("path must start with a single '/', was '" + path + "'");
        }
        return path.substring(1);
    }

    private static JsonNode records(JsonNode root) {
        if (root.isArray()) {
            return root;
        }
        Predicate<JsonNode> isArray = n -> n != null && n.isArray();
        for (JsonNode holder : new JsonNode[] {root, root.get("data")}) {
            if (holder == null) continue;
            if (holder.isArray()) return holder;
            for (String name : new String[] {"records", "list", "rows", "items"}) {
                if (isArray.test(holder.get(name))) return holder.get(name);
            }
        }
        return null;
    }

    private static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
