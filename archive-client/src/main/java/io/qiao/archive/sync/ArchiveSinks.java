package io.qiao.archive.sync;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.InvalidArchiveException;
import io.qiao.archive.MetadataValidator;
import io.qiao.archive.model.PushResult;
import io.qiao.client.ApiException;
import io.qiao.client.QiaoException;
import io.qiao.sync.RecordValidator;
import io.qiao.sync.Rejection;
import io.qiao.sync.Sink;
import io.qiao.sync.SyncException;
import io.qiao.sync.SyncRetry;
import io.qiao.sync.Violation;
import io.qiao.sync.WriteResult;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sync sinks and validators for the archive system.
 *
 * <pre>{@code
 * SyncJob.builder("db-documents-to-archive")
 *     .source(documentsSource)
 *     .sink(ArchiveSinks.push(archive, row -> ArchivePush.of(metadataOf(row), filesOf(row))))
 *     ...
 * }</pre>
 */
public final class ArchiveSinks {
    private ArchiveSinks() {
    }

    /**
     * A sink that pushes each record with its files through {@link io.qiao.archive.Archives#push}, so writing a
     * record again is harmless: it is found by its 档号 and only missing files are sent.
     *
     * <p>What becomes a dead letter, with every reason: a record the mapper cannot turn into a push (stage MAP),
     * metadata that breaks the client's {@link MetadataValidator} rules and files that are missing or unreadable
     * (stage VALIDATE), and a record or file the archive system refuses for good, e.g. HTTP 400 or 413 (stage
     * WRITE: 400, 409, 410, 412, 413, 415, 422).
     *
     * <p>What fails the batch instead, so that the engine retries it and the checkpoint does not move past it (the
     * old scripts moved their watermark on regardless): a transient failure of any record or file (timeouts, 5xx,
     * throttling), and a refusal that no record can cure (HTTP 401/403: wrong credentials or permissions; 404/405:
     * a wrong base URL). The
     * other records of the batch are pushed first, so each attempt makes progress.
     */
    public static <T> Sink<T> push(ArchiveClient client, Function<? super T, ArchivePush> mapper) {
        return push(client, mapper, result -> { });
    }

    /**
     * As {@link #push(ArchiveClient, Function)}, telling {@code onPushed} of every push that reached the archive
     * system (complete or not), e.g. to log which files were uploaded and which were already there.
     */
    public static <T> Sink<T> push(ArchiveClient client, Function<? super T, ArchivePush> mapper,
                                   Consumer<PushResult> onPushed) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(onPushed, "onPushed");
        return batch -> write(client, mapper, onPushed, batch);
    }

    /** The client's rules as a sync validator, for jobs that check records before mapping them. */
    public static RecordValidator<ArchivePush> validator(MetadataValidator rules) {
        Objects.requireNonNull(rules, "rules");
        return push -> violations(rules, push).stream()
                .map(v -> new Violation(v.field(), v.value() == null ? v.message() : "'" + v.value() + "' " + v.message()))
                .toList();
    }

    private static <T> WriteResult<T> write(ArchiveClient client, Function<? super T, ArchivePush> mapper,
                                            Consumer<PushResult> onPushed, List<T> batch) {
        int written = 0;
        List<Rejection<T>> rejected = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        RuntimeException firstTransient = null;
        for (T record : batch) {
            ArchivePush push;
            try {
                push = Objects.requireNonNull(mapper.apply(record), "the mapper returned null");
            } catch (RuntimeException e) {
                rejected.add(Rejection.of(record, Rejection.Stage.MAP, "cannot map to an archive record: " + e));
                continue;
            }
            List<io.qiao.archive.model.Violation> violations = violations(client.validator(), push);
            if (!violations.isEmpty()) {
                rejected.add(new Rejection<>(record, Rejection.Stage.VALIDATE,
                        violations.stream().map(Object::toString).toList()));
                continue;
            }
            String archiveNo = push.metadata().archiveNo();
            PushResult result;
            try {
                result = client.archives().push(push.metadata(), push.files());
            } catch (InvalidArchiveException e) { // a file vanished between the check and the push
                rejected.add(new Rejection<>(record, Rejection.Stage.VALIDATE,
                        e.violations().stream().map(Object::toString).toList()));
                continue;
            } catch (ApiException e) {
                if (isPermanentRefusal(e)) {
                    rejected.add(Rejection.of(record, Rejection.Stage.WRITE,
                            "the archive system refused archiveNo " + archiveNo + ": " + e.getMessage()));
                    continue;
                }
                throw new SyncException("archive push of " + archiveNo + " failed: " + e.getMessage(), e);
            } catch (QiaoException e) {
                if (!SyncRetry.isTransient(e)) {
                    throw e;
                }
                incomplete.add(archiveNo + ": " + e.getMessage());
                firstTransient = firstTransient == null ? e : firstTransient;
                continue;
            }
            onPushed.accept(result);
            if (result.isComplete()) {
                written++;
                continue;
            }
            List<String> permanent = new ArrayList<>();
            for (int i = 0; i < result.files().size(); i++) {
                PushResult.FileResult f = result.files().get(i);
                if (f.isStored()) {
                    continue;
                }
                if (isTransient(f.failure())) {
                    incomplete.add(archiveNo + " " + f.fileName() + ": " + f.reason());
                    firstTransient = firstTransient == null ? f.failure() : firstTransient;
                } else {
                    permanent.add("files[" + i + "] " + f.fileName() + ": " + f.reason());
                }
            }
            if (!permanent.isEmpty()) {
                rejected.add(new Rejection<>(record, Rejection.Stage.WRITE, permanent));
            }
        }
        if (firstTransient != null) {
            throw new SyncException(incomplete.size() + " archive record(s) or file(s) of the batch are not stored "
                    + "yet; pushing the batch again sends only what is missing: " + String.join("; ", incomplete),
                    firstTransient);
        }
        return new WriteResult<>(written, rejected);
    }

    private static List<io.qiao.archive.model.Violation> violations(MetadataValidator rules, ArchivePush push) {
        List<io.qiao.archive.model.Violation> all = new ArrayList<>(rules.validate(push.metadata()));
        all.addAll(rules.validateFiles(push.files()));
        return all;
    }

    /**
     * A refusal about this record (bad data 400/422, a conflict 409, gone 410, too large 413, a file type 415).
     * Other refusals (401/403 credentials, 404/405 a wrong base URL) concern every record alike: dead-lettering
     * them all would hide a configuration error, so they fail the run instead.
     */
    private static boolean isPermanentRefusal(ApiException e) {
        return !e.isRetryable() && Set.of(400, 409, 410, 412, 413, 415, 422).contains(e.httpStatus());
    }

    private static boolean isTransient(RuntimeException failure) {
        if (failure instanceof ApiException api && !api.isRetryable()) {
            return !isPermanentRefusal(api);
        }
        return failure instanceof UncheckedIOException || SyncRetry.isTransient(failure);
    }
}
