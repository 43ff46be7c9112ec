package io.qiao.archive.sync;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.MetadataValidator;
import io.qiao.archive.model.PushResult;
import io.qiao.sync.record.RecordValidator;
import io.qiao.sync.Sink;
import io.qiao.sync.record.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sync sinks and validators for the archive system.
 *
 * <pre>{@code
 * SyncJob.builder("db-documents-to-archive")
 *     .source(documentsSource)
 *     .sink(ArchiveSinks.push(archive, row -> new ArchivePush(metadataOf(row), filesOf(row))))
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
     * (stage VALIDATE), and a record or file the archive system refuses for good (stage WRITE: HTTP 400, 409, 410,
     * 412, 413, 415, 422).
     *
     * <p>What fails the batch instead, so that the engine retries it and the checkpoint does not move past it (the
     * old scripts moved their watermark on regardless): a transient failure of any record or file (timeouts, 5xx,
     * throttling), and a refusal that no record can cure (HTTP 401/403: wrong credentials or permissions; 404/405:
     * a wrong base URL). The other records of the batch are pushed first, so each attempt makes progress.
     */
    public static <T> Sink<T> push(ArchiveClient client, Function<? super T, ArchivePush> mapper) {
        return ArchiveSinks.<T>builder(client, mapper).build();
    }

    /**
     * As {@link #push(ArchiveClient, Function)}, telling {@code onPushed} of every push that reached the archive
     * system (complete or not), e.g. to log which files were uploaded and which were already there.
     */
    public static <T> Sink<T> push(ArchiveClient client, Function<? super T, ArchivePush> mapper,
                                   Consumer<PushResult> onPushed) {
        return ArchiveSinks.<T>builder(client, mapper).onPushed(onPushed).build();
    }

    /** A push sink with options: concurrency, a callback per push. */
    public static <T> Builder<T> builder(ArchiveClient client, Function<? super T, ArchivePush> mapper) {
        return new Builder<>(client, mapper);
    }

    /** The client's rules as a sync validator, for jobs that check records before mapping them. */
    public static RecordValidator<ArchivePush> validator(MetadataValidator rules) {
        Objects.requireNonNull(rules, "rules");
        return push -> violations(rules, push).stream()
                .map(v -> new Violation(v.field(), v.value() == null ? v.message() : "'" + v.value() + "' " + v.message()))
                .toList();
    }

    static List<io.qiao.archive.model.Violation> violations(MetadataValidator rules, ArchivePush push) {
        List<io.qiao.archive.model.Violation> all = new ArrayList<>(rules.validate(push.metadata()));
        all.addAll(rules.validateFiles(push.files()));
        return all;
    }

    public static final class Builder<T> {
        private final ArchiveClient client;
        private final Function<? super T, ArchivePush> mapper;
        private Consumer<PushResult> onPushed = result -> { };
        private int concurrency = 1;

        private Builder(ArchiveClient client, Function<? super T, ArchivePush> mapper) {
            this.client = Objects.requireNonNull(client, "client");
            this.mapper = Objects.requireNonNull(mapper, "mapper");
        }

        /** Told of every push that reached the archive system; called from the pushing threads. */
        public Builder<T> onPushed(Consumer<PushResult> onPushed) {
            this.onPushed = Objects.requireNonNull(onPushed, "onPushed");
            return this;
        }

        /**
         * How many records of a batch are pushed at once (1 unless set). Pushing is mostly waiting for the archive
         * system, so a few in parallel shorten a batch; the client's rate limits still apply to all of them.
         */
        public Builder<T> concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("concurrency must be between 1 and 64, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        public Sink<T> build() {
            return new PushSink<>(client, mapper, onPushed, concurrency);
        }
    }
}
