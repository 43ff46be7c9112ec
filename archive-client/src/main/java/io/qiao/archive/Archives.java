package io.qiao.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.archive.internal.MultipartUpload;
import io.qiao.archive.internal.Operations;
import io.qiao.archive.internal.ResponseReader;
import io.qiao.archive.model.ArchiveFile;
import io.qiao.archive.model.ArchiveMetadata;
import io.qiao.archive.model.ArchiveQuery;
import io.qiao.archive.model.ArchiveRecord;
import io.qiao.archive.model.FileFacts;
import io.qiao.archive.model.PushResult.FileOutcome;
import io.qiao.archive.model.PushResult.FileResult;
import io.qiao.archive.model.PushResult;
import io.qiao.archive.model.RetentionPeriod;
import io.qiao.archive.model.SecurityLevel;
import io.qiao.archive.model.StoredFile;
import io.qiao.archive.model.UploadedFile;
import io.qiao.client.ApiException;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.Page;
import io.qiao.client.PagedIterable;
import io.qiao.client.PagingGuard;
import io.qiao.client.QiaoException;
import io.qiao.client.Request;
import io.qiao.client.RequestBody;
import io.qiao.client.Response;
import io.qiao.client.TransportException;
import io.qiao.client.internal.HttpPipeline;
import io.qiao.client.spi.AnyEndpointPaging;
import io.qiao.client.spi.WindowedPager;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive records of one archive system: {@link #list}, {@link #create}, {@link #uploadFile} and the
 * idempotent {@link #push}. Obtained from {@link ArchiveClient#archives()}.
 */
public final class Archives {
    private static final Logger log = LoggerFactory.getLogger(Archives.class);

    private final ArchiveClient client;
    private final HttpPipeline pipeline;
    private final Json json;
    private final MetadataValidator validator;
    private final RetentionPeriod.Style retentionStyle;
    private final Duration uploadTimeout;
    private final boolean lookupBeforeCreate;
    private final PagingGuard pagingGuard;

    Archives(ArchiveClient client, HttpPipeline pipeline, Json json, MetadataValidator validator,
             RetentionPeriod.Style retentionStyle, Duration uploadTimeout, boolean lookupBeforeCreate,
             PagingGuard pagingGuard) {
        this.pagingGuard = pagingGuard;
        this.client = client;
        this.pipeline = pipeline;
        this.json = json;
        this.validator = validator;
        this.retentionStyle = retentionStyle;
        this.uploadTimeout = uploadTimeout;
        this.lookupBeforeCreate = lookupBeforeCreate;
    }

    /**
     * Records in the query's date range ({@code GET /api/archive/query}), fetched lazily page by page. Paging ends
     * when a page is short or the reported {@code total} is reached.
     */
    public PagedIterable<ArchiveRecord> list(ArchiveQuery query) {
        Objects.requireNonNull(query, "query");
        return PagedIterable.of(Operations.QUERY,
                        token -> redacted(() -> fetchPage(query, token == null ? 1 : Integer.parseInt(token))))
                .guardedBy(pagingGuard).withMoreSignal("a full page below the reported total");
    }

    /**
     * The old verb.
     *
     * @deprecated every resource lists with {@code list}; use {@link #list(ArchiveQuery)}.
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public PagedIterable<ArchiveRecord> query(ArchiveQuery query) {
        return list(query);
    }

    /**
     * The record with this 档号, looked for among the records dated {@code docDate} (the archive API has no lookup
     * by 档号, so the query is narrowed by date and every record is compared).
     */
    public Optional<ArchiveRecord> findByArchiveNo(String archiveNo, LocalDate docDate) {
        Objects.requireNonNull(archiveNo, "archiveNo");
        Objects.requireNonNull(docDate, "docDate");
        List<ArchiveRecord> matches = list(ArchiveQuery.builder(docDate, docDate).archiveNo(archiveNo).build())
                .stream().filter(r -> archiveNo.equals(r.archiveNo())).toList();
        if (matches.size() > 1) {
            log.warn("the archive system holds {} records with archiveNo {} (duplicates from an earlier integration?); "
                    + "using archiveId {}", matches.size(), archiveNo, matches.get(0).archiveId());
        }
        return matches.stream().findFirst();
    }

    /**
     * Creates a record ({@code POST /api/archive/create}) after validating it, and returns its archive id. Not
     * repeated on an ambiguous failure: a second create could duplicate the record. Use {@link #push} for a write
     * that is safe to repeat.
     *
     * @throws InvalidArchiveException with every violation, before anything is sent
     */
    public String create(ArchiveMetadata metadata) {
        validator.check(metadata, List.of());
        return createChecked(metadata);
    }

    /** Uploads one file to a record, streamed from disk; see {@link #uploadFile(String, ArchiveFile)}. */
    public UploadedFile uploadFile(String archiveId, Path path) {
        return uploadFile(archiveId, ArchiveFile.of(Objects.requireNonNull(path, "path")));
    }

    /**
     * Uploads one file to a record ({@code POST /api/archive/{archiveId}/files}, multipart field {@code file}),
     * streamed from disk so that the file's size does not matter to the heap. The content type comes from the
     * name's extension unless the file says otherwise; the name (UTF-8, e.g. {@code 会议纪要.pdf}) is kept.
     *
     * @throws IllegalArgumentException when the path is not a regular readable file
     */
    public UploadedFile uploadFile(String archiveId, ArchiveFile file) {
        Objects.requireNonNull(archiveId, "archiveId");
        Objects.requireNonNull(file, "file");
        MetadataValidator.fileProblem(file.path()).ifPresent(p -> {
            throw new IllegalArgumentException("cannot upload " + file.path() + ": it " + p);
        });
        MultipartUpload upload = MultipartUpload.of(file);
        Request request = Request.post(client.resolve("api/archive/" + pathSegment(archiveId) + "/files"), upload.body())
                .operation(Operations.UPLOAD)
                .endpointClass("upload")
                .timeout(uploadTimeout)
                .build();
        Response response = pipeline.execute(request);
        FileFacts facts = upload.facts();
        JsonNode root = uploadAnswer(response);
        String fileId = null;
        if (root != null && root.isObject()) {
            JsonNode node = ResponseReader.unwrap(root, "fileId");
            fileId = ResponseReader.text(node, "fileId", "id");
            String stored = ResponseReader.text(node, "sha256");
            if (stored != null && !stored.equalsIgnoreCase(facts.sha256())) {
                throw new QiaoException(Operations.UPLOAD + ": the archive system stored " + file.fileName()
                        + " with SHA-256 " + stored + " but " + facts.sha256() + " was sent; the file was corrupted "
                        + "in transit (archiveId " + archiveId + ", fileId " + fileId + ")");
            }
        }
        return new UploadedFile(fileId, facts);
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

    /**
     * Creates the record and uploads its files as one operation that is safe to repeat. A repeated push (after a
     * crash, a timeout or a failed upload) finds the record by its 档号 and uploads only the files that are not
     * there yet, recognised by name, size and (where the archive system reports it) SHA-256; it never creates the
     * record twice.
     *
     * <p>Failures of single files do not throw: each file has its own result, and the push is repeated later to
     * finish it ({@link PushResult#isComplete()}). Failures that leave the record itself unknown (the archive
     * system unreachable while creating) throw.
     *
     * <p>Recognising files that already arrived needs an archive system that lists a record's files in query
     * results (VENDORS.md 4.1 does not say whether it does). One that does not gets every file of a repeated push
     * again: the record is still never created twice.
     *
     * @throws InvalidArchiveException with every violation of the metadata and the files, before anything is sent
     */
    public PushResult push(ArchiveMetadata metadata, List<ArchiveFile> files) {
        Objects.requireNonNull(files, "files");
        validator.check(metadata, files);
        LocalDate docDate = MetadataValidator.parseDate(metadata.docDate()).orElseThrow();
        String archiveNo = metadata.archiveNo().strip();

        ArchiveRecord existing = lookupBeforeCreate ? find(metadata, archiveNo, docDate).orElse(null) : null;
        String archiveId;
        PushResult.RecordOutcome outcome;
        if (existing != null) {
            archiveId = existing.archiveId();
            outcome = PushResult.RecordOutcome.FOUND;
        } else {
            try {
                archiveId = createChecked(metadata);
                outcome = PushResult.RecordOutcome.CREATED;
            } catch (ApiException e) {
                if (e.httpStatus() != 409) {
                    throw e;
                }
                existing = findAfterAmbiguousCreate(metadata, archiveNo, docDate, e);
                archiveId = existing.archiveId();
                outcome = PushResult.RecordOutcome.FOUND;
            } catch (TransportException e) {
                if (!e.isSent()) {
                    throw e;
                }
                existing = findAfterAmbiguousCreate(metadata, archiveNo, docDate, e);
                archiveId = existing.archiveId();
                outcome = PushResult.RecordOutcome.FOUND;
            }
        }
        List<StoredFile> present = existing == null ? List.of() : existing.files();
        List<FileResult> results = new ArrayList<>();
        for (ArchiveFile file : files) {
            results.add(pushFile(archiveId, file, present));
        }
        return new PushResult(archiveId, archiveNo, outcome, results);
    }

    /**
     * The record of an earlier attempt. Which date the query's range applies to is not specified (VENDORS.md 4.1),
     * so after {@code docDate} the date of {@code archiveTime} is tried too.
     */
    private Optional<ArchiveRecord> find(ArchiveMetadata metadata, String archiveNo, LocalDate docDate) {
        Optional<ArchiveRecord> found = findByArchiveNo(archiveNo, docDate);
        if (found.isPresent() || metadata.archiveTime() == null) {
            return found;
        }
        Optional<LocalDate> archiveDay = MetadataValidator.parseDateTime(metadata.archiveTime())
                .map(java.time.LocalDateTime::toLocalDate).filter(d -> !d.equals(docDate));
        return archiveDay.isPresent() ? findByArchiveNo(archiveNo, archiveDay.get()) : found;
    }

    private ArchiveRecord findAfterAmbiguousCreate(ArchiveMetadata metadata, String archiveNo, LocalDate docDate,
                                                   QiaoException cause) {
        return find(metadata, archiveNo, docDate).orElseThrow(() -> new QiaoException(Operations.CREATE
                + ": creating archiveNo " + archiveNo + " failed ambiguously and no record with it can be found dated "
                + docDate + "; push it again later (" + cause.getMessage() + ")", cause) {
            @Override
            public boolean isRetryable() {
                return true;
            }
        });
    }

    private FileResult pushFile(String archiveId, ArchiveFile file, List<StoredFile> present) {
        List<StoredFile> sameName = present.stream().filter(s -> file.fileName().equals(s.fileName())).toList();
        if (!sameName.isEmpty()) {
            return alreadyPresent(archiveId, file, sameName);
        }
        try {
            UploadedFile uploaded = uploadFile(archiveId, file);
            return new FileResult(file.fileName(), FileOutcome.UPLOADED, uploaded.facts(), uploaded.fileId(), null);
        } catch (QiaoException | IllegalArgumentException | java.io.UncheckedIOException e) {
            return new FileResult(file.fileName(), FileOutcome.FAILED, null, null, e);
        }
    }

    /** A stored file with the same name that is the same content, or a failure when it is different content. */
    private FileResult alreadyPresent(String archiveId, ArchiveFile file, List<StoredFile> sameName) {
        long size;
        try {
            size = java.nio.file.Files.size(file.path());
        } catch (java.io.IOException e) {
            return new FileResult(file.fileName(), FileOutcome.FAILED, null, null,
                    new java.io.UncheckedIOException("cannot read " + file.path(), e));
        }
        String localSha = null;
        for (StoredFile s : sameName) {
            if (s.fileSize() != null && s.fileSize() != size) {
                continue;
            }
            if (s.sha256() != null) {
                if (localSha == null) {
                    localSha = MultipartUpload.sha256Of(file.path());
                }
                if (!s.sha256().equalsIgnoreCase(localSha)) {
                    continue;
                }
            }
            FileFacts facts = new FileFacts(file.fileName(), s.format(), s.contentType(), size, localSha,
                    file.scanResolution());
            return new FileResult(file.fileName(), FileOutcome.ALREADY_PRESENT, facts, s.fileId(), null);
        }
        return new FileResult(file.fileName(), FileOutcome.FAILED, null, null, new QiaoException(
                "a different file named " + file.fileName() + " is already attached to archiveId " + archiveId
                        + " (size or SHA-256 differ); not uploading a second file of the same name"));
    }

    private String createChecked(ArchiveMetadata metadata) {
        return redacted(() -> createOnce(metadata));
    }

    /** Runs a call and its decoding; whatever fails leaves with the client's secrets and tokens masked. */
    private <R> R redacted(java.util.function.Supplier<R> call) {
        try {
            return call.get();
        } catch (QiaoException e) {
            throw e.redact(pipeline.redactor());
        }
    }

    private String createOnce(ArchiveMetadata metadata) {
        Request request = Request.post(client.resolve("api/archive/create"), RequestBody.json(json.write(wire(metadata))))
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

    /** The JSON body of create: the metadata normalised (trimmed text, one date format, one retention style). */
    Map<String, Object> wire(ArchiveMetadata m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("archiveNo", trim(m.archiveNo()));
        body.put("title", trim(m.title()));
        body.put("author", trim(m.author()));
        body.put("docDate", MetadataValidator.parseDate(m.docDate()).map(LocalDate::toString).orElse(trim(m.docDate())));
        body.put("retentionPeriod", RetentionPeriod.parse(m.retentionPeriod()).map(p -> p.format(retentionStyle))
                .orElse(trim(m.retentionPeriod())));
        String level = trim(m.securityLevel());
        String secrecy = trim(m.secrecyPeriod());
        if (level != null && level.indexOf('★') >= 0) {
            String fromMarking = trim(level.substring(level.indexOf('★') + 1));
            secrecy = secrecy != null ? secrecy : fromMarking;
            level = trim(level.substring(0, level.indexOf('★')));
        }
        putIfPresent(body, "securityLevel", level == null ? null : SecurityLevel.parse(level).map(SecurityLevel::label)
                .orElse(level));
        putIfPresent(body, "secrecyPeriod", secrecy);
        putIfPresent(body, "archiveDept", trim(m.archiveDept()));
        putIfPresent(body, "archiveTime", m.archiveTime() == null ? null : MetadataValidator.parseDateTime(m.archiveTime())
                .map(ArchiveMetadata.DATE_TIME::format).orElse(trim(m.archiveTime())));
        putIfPresent(body, "archivePerson", trim(m.archivePerson()));
        putIfPresent(body, "docNumber", trim(m.docNumber()));
        putIfPresent(body, "pageCount", m.pageCount());
        return body;
    }

    private Page<ArchiveRecord> fetchPage(ArchiveQuery q, int page) {
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
        boolean more = !records.isEmpty()
                && (total >= 0 ? (long) page * pageSize < total : records.size() >= pageSize);
        return new RawPage(records, more, response.body());
    }

    /** {@link ArchiveClient#pages(String, Map)}. */
    PagedIterable<JsonNode> pages(String path, Map<String, ?> params) {
        Map<String, Object> fields = AnyEndpointPaging.params(path, params, List.of("page"));
        int pageSize = AnyEndpointPaging.pageSize(path, "pageSize", fields.remove("pageSize"),
                ArchiveQuery.DEFAULT_PAGE_SIZE);
        Map<String, String> query = new LinkedHashMap<>();
        fields.forEach((k, v) -> query.put(k, String.valueOf(Objects.requireNonNull(v, () -> path + ": parameter '"
                + k + "' is null"))));
        String relative = relativePath(path);
        return WindowedPager.<JsonNode>builder(path, (window, page, cursor) -> redacted(() -> {
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
        return redacted(() -> {
            Response response = pipeline.execute(request);
            return response.body().length == 0 ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                    : json.tree(path, response.body());
        });
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

    private static void putIfPresent(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
