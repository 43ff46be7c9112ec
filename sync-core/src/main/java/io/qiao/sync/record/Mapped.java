package io.qiao.sync.record;

import io.qiao.sync.SyncReport;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link RecordMapper} made of one record: a value to write, a rejection (the record becomes a dead
 * letter with its reasons and the run goes on), or a deliberate skip (the record is not meant for this sink,
 * e.g. an order type the target does not take; counted in {@link SyncReport#skipped()}).
 *
 * @param <O> the mapped type
 */
public final class Mapped<O> {
    private enum Kind { VALUE, REJECTED, SKIPPED }

    private static final Mapped<?> SKIP = new Mapped<>(Kind.SKIPPED, null, null, List.of());

    private final Kind kind;
    private final O value;
    private final Rejection.Stage stage;
    private final List<String> reasons;

    private Mapped(Kind kind, O value, Rejection.Stage stage, List<String> reasons) {
        this.kind = kind;
        this.value = value;
        this.stage = stage;
        this.reasons = reasons;
    }

    public static <O> Mapped<O> to(O value) {
        return new Mapped<>(Kind.VALUE, Objects.requireNonNull(value, "mapped value"), null, List.of());
    }

    /** Refuses the record at the MAP stage; each reason names the field and the problem. */
    public static <O> Mapped<O> rejected(String reason, String... more) {
        List<String> all = new java.util.ArrayList<>();
        all.add(Objects.requireNonNull(reason, "reason"));
        all.addAll(List.of(more));
        return new Mapped<>(Kind.REJECTED, null, Rejection.Stage.MAP, List.copyOf(all));
    }

    /** Refuses the record at the LOOKUP stage because reference data lacks {@code key}. */
    public static <O> Mapped<O> missing(String what, Object key) {
        return new Mapped<>(Kind.REJECTED, null, Rejection.Stage.LOOKUP,
                List.of(new LookupMissException(what, key).getMessage()));
    }

    @SuppressWarnings("unchecked")
    public static <O> Mapped<O> skipped() {
        return (Mapped<O>) SKIP;
    }

    public boolean isValue() {
        return kind == Kind.VALUE;
    }

    public boolean isRejected() {
        return kind == Kind.REJECTED;
    }

    public boolean isSkipped() {
        return kind == Kind.SKIPPED;
    }

    /** The mapped value; only for {@link #isValue()}. */
    public O value() {
        if (kind != Kind.VALUE) {
            throw new IllegalStateException("no value: the record was " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        return value;
    }

    /** The rejecting stage, or null. */
    public Rejection.Stage stage() {
        return stage;
    }

    public List<String> reasons() {
        return reasons;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case VALUE -> "Mapped.to(" + value + ")";
            case REJECTED -> "Mapped.rejected(" + stage + ", " + reasons + ")";
            case SKIPPED -> "Mapped.skipped()";
        };
    }
}
