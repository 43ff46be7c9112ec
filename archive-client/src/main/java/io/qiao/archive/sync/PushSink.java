package io.qiao.archive.sync;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.InvalidArchiveException;
import io.qiao.archive.model.PushResult;
import io.qiao.client.ApiException;
import io.qiao.client.QiaoException;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.Sink;
import io.qiao.sync.SyncException;
import io.qiao.sync.SyncRetry;
import io.qiao.sync.WriteResult;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/** The sink of {@link ArchiveSinks#push}: each record's outcome decided alone, then the batch's from them all. */
final class PushSink<T> implements Sink<T> {
    /** Refusals about one record; any other refusal concerns every record alike (credentials, base URL). */
    private static final Set<Integer> RECORD_REFUSALS = Set.of(400, 409, 410, 412, 413, 415, 422);

    private final ArchiveClient client;
    private final Function<? super T, ArchivePush> mapper;
    private final Consumer<PushResult> onPushed;
    private final int concurrency;

    PushSink(ArchiveClient client, Function<? super T, ArchivePush> mapper, Consumer<PushResult> onPushed,
             int concurrency) {
        this.client = client;
        this.mapper = mapper;
        this.onPushed = onPushed;
        this.concurrency = concurrency;
    }

    /** What a written record did to the archive system. */
    private enum Effect {
        /** This push created the record. */
        CREATED,
        /** The record was there (an earlier attempt) and this push added files it lacked. */
        COMPLETED,
        /** The record and every file were there already: this push changed nothing. */
        ALREADY_PRESENT
    }

    /** What became of one record. Exactly one of the fields is set. */
    private record Outcome<T>(Effect written, Rejection<T> rejection, String incomplete,
                              RuntimeException transientCause, RuntimeException fatal) {
        static <T> Outcome<T> written(Effect effect) {
            return new Outcome<>(effect, null, null, null, null);
        }

        static <T> Outcome<T> rejected(Rejection<T> r) {
            return new Outcome<>(null, r, null, null, null);
        }

        static <T> Outcome<T> retryLater(String what, RuntimeException cause) {
            return new Outcome<>(null, null, what, cause, null);
        }

        static <T> Outcome<T> fatal(RuntimeException e) {
            return new Outcome<>(null, null, null, null, e);
        }
    }

    @Override
    public WriteResult<T> write(List<T> batch) {
        List<Outcome<T>> outcomes = concurrency == 1 || batch.size() == 1
                ? batch.stream().map(this::pushOne).toList()
                : pushConcurrently(batch);
        int created = 0;
        int completed = 0;
        int alreadyPresent = 0;
        List<Rejection<T>> rejected = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        RuntimeException firstTransient = null;
        for (Outcome<T> o : outcomes) {
            if (o.fatal() != null) {
                throw o.fatal();
            }
            if (o.rejection() != null) {
                rejected.add(o.rejection());
            } else if (o.incomplete() != null) {
                incomplete.add(o.incomplete());
                firstTransient = firstTransient == null ? o.transientCause() : firstTransient;
            } else {
                switch (o.written()) {
                    case CREATED -> created++;
                    case COMPLETED -> completed++;
                    case ALREADY_PRESENT -> alreadyPresent++;
                }
            }
        }
        if (firstTransient != null) {
            throw new SyncException(incomplete.size() + " archive record(s) of the batch are not completely stored "
                    + "yet; pushing the batch again sends only what is missing: " + String.join("; ", incomplete),
                    firstTransient);
        }
        return WriteResult.of(created, completed, alreadyPresent, rejected);
    }

    private List<Outcome<T>> pushConcurrently(List<T> batch) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, batch.size()), r -> {
            Thread t = new Thread(r, "qiao-archive-push");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome<T>>> futures = batch.stream().map(r -> pool.submit(() -> pushOne(r))).toList();
            List<Outcome<T>> outcomes = new ArrayList<>(batch.size());
            for (Future<Outcome<T>> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("interrupted while pushing a batch to the archive system", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new SyncException("pushing to the archive system failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome<T> pushOne(T record) {
        ArchivePush push;
        try {
            push = mapper.apply(record);
            if (push == null) {
                throw new IllegalStateException("the mapper returned null");
            }
        } catch (RuntimeException e) {
            return Outcome.rejected(Rejection.of(record, Rejection.Stage.MAP, "cannot map to an archive record: " + e));
        }
        List<io.qiao.archive.model.Violation> violations = ArchiveSinks.violations(client.validator(), push);
        if (!violations.isEmpty()) {
            return Outcome.rejected(new Rejection<>(record, Rejection.Stage.VALIDATE,
                    violations.stream().map(Object::toString).toList()));
        }
        String archiveNo = push.metadata().archiveNo();
        PushResult result;
        try {
            result = client.archives().push(push.metadata(), push.files());
        } catch (InvalidArchiveException e) { // a file vanished between the check and the push
            return Outcome.rejected(new Rejection<>(record, Rejection.Stage.VALIDATE,
                    e.violations().stream().map(Object::toString).toList()));
        } catch (ApiException e) {
            if (isRecordRefusal(e)) {
                return Outcome.rejected(Rejection.of(record, Rejection.Stage.WRITE,
                        "the archive system refused archiveNo " + archiveNo + ": " + e.getMessage()));
            }
            return e.isRetryable() ? Outcome.retryLater(archiveNo + ": " + e.getMessage(), e)
                    : Outcome.fatal(new SyncException("archive push of " + archiveNo + " failed: " + e.getMessage(), e));
        } catch (QiaoException e) {
            return SyncRetry.isTransient(e) ? Outcome.retryLater(archiveNo + ": " + e.getMessage(), e) : Outcome.fatal(e);
        }
        onPushed.accept(result);
        return outcomeOfFiles(record, archiveNo, result);
    }

    private Outcome<T> outcomeOfFiles(T record, String archiveNo, PushResult result) {
        List<String> permanent = new ArrayList<>();
        List<String> later = new ArrayList<>();
        RuntimeException cause = null;
        for (int i = 0; i < result.files().size(); i++) {
            PushResult.FileResult f = result.files().get(i);
            if (f.isStored()) {
                continue;
            }
            if (isRecordSpecific(f.failure())) {
                permanent.add("files[" + i + "] " + f.fileName() + ": " + f.reason());
            } else {
                later.add(f.fileName() + ": " + f.reason());
                cause = cause == null ? f.failure() : cause;
            }
        }
        if (!later.isEmpty()) {
            return Outcome.retryLater(archiveNo + " " + String.join(", ", later), cause);
        }
        return permanent.isEmpty() ? Outcome.written(effectOf(result))
                : Outcome.rejected(new Rejection<>(record, Rejection.Stage.WRITE, permanent));
    }

    /** Found by its 档号 with every file there: already present; found but missing a file now sent: updated. */
    private static Effect effectOf(PushResult result) {
        if (result.record() == PushResult.RecordOutcome.CREATED) {
            return Effect.CREATED;
        }
        boolean sentFiles = result.files().stream().anyMatch(f -> f.outcome() == PushResult.FileOutcome.UPLOADED);
        return sentFiles ? Effect.COMPLETED : Effect.ALREADY_PRESENT;
    }

    private static boolean isRecordRefusal(ApiException e) {
        return !e.isRetryable() && RECORD_REFUSALS.contains(e.httpStatus());
    }

    /**
     * Whether a file's failure is about that file for good (refused by the archive system, another file of the same
     * name already there). Transient failures and refusals about the whole account are not: the batch is retried
     * and, if they persist, the run fails visibly.
     */
    private static boolean isRecordSpecific(RuntimeException failure) {
        if (failure instanceof ApiException api) {
            return isRecordRefusal(api);
        }
        if (failure instanceof UncheckedIOException) {
            return false; // the file changed or vanished while being read: try again, the check will tell
        }
        return !SyncRetry.isTransient(failure);
    }
}
