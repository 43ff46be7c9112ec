package io.qiao.sync;

import io.qiao.sync.record.LookupMissException;
import io.qiao.sync.record.Mapped;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.record.Violation;
import java.util.ArrayList;
import java.util.List;

/** Validation then mapping of one record, shared by runs and replays so that both apply the same code. */
final class RecordProcessor<I, O> {
    private final JobDefinition<I, O> job;

    RecordProcessor(JobDefinition<I, O> job) {
        this.job = job;
    }

    /** A pending dead letter: the source record, the stage and every reason. */
    record Rejected<I>(I record, Rejection.Stage stage, List<String> reasons) {
    }

    /** Collects what one record became. */
    interface Output<I, O> {
        void value(I source, O mapped);

        void rejected(Rejected<I> rejected);

        void skipped(I source);
    }

    /**
     * Validates and maps {@code record} into {@code out}. Transient failures propagate (the window is retried);
     * any other failure of a validator or mapper rejects just this record.
     */
    void process(I record, Output<I, O> out) {
        if (job.validator() != null) {
            List<Violation> violations;
            try {
                violations = job.validator().validate(record);
            } catch (RuntimeException e) {
                rethrowIfTransient(e);
                out.rejected(new Rejected<>(record, Rejection.Stage.VALIDATE, List.of("validator failed: " + describe(e))));
                return;
            }
            if (!violations.isEmpty()) {
                List<String> reasons = new ArrayList<>(violations.size());
                violations.forEach(v -> reasons.add(v.toString()));
                out.rejected(new Rejected<>(record, Rejection.Stage.VALIDATE, reasons));
                return;
            }
        }
        try {
            if (job.plainMapper() != null) {
                O mapped = job.plainMapper().apply(record);
                if (mapped == null) {
                    out.rejected(new Rejected<>(record, Rejection.Stage.MAP, List.of("the mapper returned null")));
                } else {
                    out.value(record, mapped);
                }
                return;
            }
            Mapped<? extends O> m = job.mapper().map(record);
            if (m == null) {
                out.rejected(new Rejected<>(record, Rejection.Stage.MAP, List.of("the mapper returned null")));
            } else if (m.isValue()) {
                out.value(record, m.value());
            } else if (m.isSkipped()) {
                out.skipped(record);
            } else {
                out.rejected(new Rejected<>(record, m.stage(), m.reasons()));
            }
        } catch (LookupMissException e) {
            out.rejected(new Rejected<>(record, Rejection.Stage.LOOKUP, List.of(e.getMessage())));
        } catch (RuntimeException e) {
            rethrowIfTransient(e);
            out.rejected(new Rejected<>(record, Rejection.Stage.MAP, List.of(describe(e))));
        }
    }

    String keyOf(I record) {
        if (job.keyOf() == null || record == null) {
            return null;
        }
        try {
            Object k = job.keyOf().apply(record);
            return k == null ? null : k.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    String payloadOf(I record) {
        try {
            return job.codec().toJson(record);
        } catch (RuntimeException e) {
            return String.valueOf(record);
        }
    }

    private static void rethrowIfTransient(RuntimeException e) {
        if (SyncRetry.isTransient(e)) {
            throw e;
        }
    }

    static String describe(Throwable e) {
        if (e instanceof io.qiao.client.QiaoException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
