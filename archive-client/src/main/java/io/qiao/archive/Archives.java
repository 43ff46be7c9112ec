package io.qiao.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.archive.internal.ArchiveOperations;
import io.qiao.archive.internal.MultipartUpload;
import io.qiao.archive.internal.Operations;
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
import io.qiao.client.PagedIterable;
import io.qiao.client.PagingGuard;
import io.qiao.client.QiaoException;
import io.qiao.client.Redactor;
import io.qiao.client.TransportException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive records of one archive system: {@link #list}, {@link #create}, {@link #uploadFile} and the
 * idempotent {@link #push}. Obtained from {@link ArchiveClient#archives()}.
 */
public final class Archives {
    private static final Logger log = LoggerFactory.getLogger(Archives.class);

    private final ArchiveOperations ops;
    private final Redactor redactor;
    /** Whether {@link ArchiveOperations#lookup} finds a 档号 whatever its dates. */
    private final boolean directLookup;
    private final MetadataValidator validator;
    private final RetentionPeriod.Style retentionStyle;
    private final boolean lookupBeforeCreate;
    private final PagingGuard pagingGuard;

    Archives(ArchiveOperations ops, Redactor redactor, MetadataValidator validator,
             RetentionPeriod.Style retentionStyle, boolean lookupBeforeCreate, PagingGuard pagingGuard) {
        this.ops = ops;
        this.redactor = redactor;
        this.directLookup = !(ops instanceof RestOperations);
        this.pagingGuard = pagingGuard;
        this.validator = validator;
        this.retentionStyle = retentionStyle;
        this.lookupBeforeCreate = lookupBeforeCreate;
    }

    /**
     * Records in the query's date range ({@code GET /api/archive/query}), fetched lazily page by page. Paging ends
     * when a page is short or the reported {@code total} is reached.
     */
    public PagedIterable<ArchiveRecord> list(ArchiveQuery query) {
        Objects.requireNonNull(query, "query");
        return PagedIterable.of(Operations.QUERY,
                        token -> redacted(() -> ops.page(query, token == null ? 1 : Integer.parseInt(token))))
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
     * The record with this 档号: looked up directly where the service can (SOAP's lookup operation), else looked for
     * among the records dated {@code docDate} (the REST API has no lookup by 档号, so the query is narrowed by date
     * and every record is compared).
     */
    public Optional<ArchiveRecord> findByArchiveNo(String archiveNo, LocalDate docDate) {
        Objects.requireNonNull(archiveNo, "archiveNo");
        Objects.requireNonNull(docDate, "docDate");
        List<ArchiveRecord> candidates = redacted(() -> ops.lookup(archiveNo)).orElseGet(() ->
                list(ArchiveQuery.builder(docDate, docDate).archiveNo(archiveNo).build()).stream().toList());
        List<ArchiveRecord> matches = candidates.stream().filter(r -> archiveNo.equals(r.archiveNo())).toList();
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
        ArchiveOperations.Uploaded up = redacted(() -> ops.upload(archiveId, file));
        FileFacts facts = up.facts();
        if (up.storedSha256() != null && !up.storedSha256().equalsIgnoreCase(facts.sha256())) {
            throw new QiaoException(Operations.UPLOAD + ": the archive system stored " + file.fileName()
                    + " with SHA-256 " + up.storedSha256() + " but " + facts.sha256() + " was sent; the file was "
                    + "corrupted in transit (archiveId " + archiveId + ", fileId " + up.fileId() + ")");
        }
        return new UploadedFile(up.fileId(), facts);
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
                existing = findAfterDuplicate(metadata, archiveNo, docDate, e);
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
     * so after {@code docDate} the date of {@code archiveTime} is tried too, unless the 档号 was looked up directly.
     */
    private Optional<ArchiveRecord> find(ArchiveMetadata metadata, String archiveNo, LocalDate docDate) {
        Optional<ArchiveRecord> found = findByArchiveNo(archiveNo, docDate);
        if (found.isPresent() || metadata.archiveTime() == null || directLookup) {
            return found;
        }
        Optional<LocalDate> archiveDay = MetadataValidator.parseDateTime(metadata.archiveTime())
                .map(java.time.LocalDateTime::toLocalDate).filter(d -> !d.equals(docDate));
        return archiveDay.isPresent() ? findByArchiveNo(archiveNo, archiveDay.get()) : found;
    }

    /**
     * The record the archive system says already holds this 档号 (409). Not found by the record's dates, it was
     * archived under other dates (the 成文日期 changed since): no retry can change that, so the error is not
     * retryable and the sync sink turns it into a dead letter instead of retrying the window for ever.
     */
    private ArchiveRecord findAfterDuplicate(ArchiveMetadata metadata, String archiveNo, LocalDate docDate,
                                             ApiException cause) {
        return find(metadata, archiveNo, docDate).orElseThrow(() -> new QiaoException(Operations.CREATE
                + ": the archive system already holds archiveNo " + archiveNo + " (HTTP 409) but no record with it is "
                + "dated " + docDate + "; it was archived under other dates: correct the record's docDate or the "
                + "archive's record (" + cause.getMessage() + ")", cause));
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
        return redacted(() -> ops.create(wire(metadata)));
    }

    /** {@link ArchiveClient#pages(String, Map)}. */
    PagedIterable<JsonNode> pages(String path, Map<String, ?> params) {
        return restOnly("pages").pages(path, params, pagingGuard, this::redacted);
    }

    /** {@link ArchiveClient#call(String, Object, boolean)}. */
    JsonNode call(String path, Object body, boolean idempotent) {
        return redacted(() -> restOnly("call").call(path, body, idempotent));
    }

    private RestOperations restOnly(String method) {
        if (ops instanceof RestOperations rest) {
            return rest;
        }
        throw new IllegalStateException(method + "(...) calls a REST path of the archive API; this client talks to "
                + "the SOAP web service (ArchiveClient.Builder.soap), whose operations are list, create, uploadFile, "
                + "findByArchiveNo and push");
    }

    /** Runs a call and its decoding; whatever fails leaves with the client's secrets and tokens masked. */
    private <R> R redacted(java.util.function.Supplier<R> call) {
        try {
            return call.get();
        } catch (QiaoException e) {
            throw e.redact(redactor);
        }
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
