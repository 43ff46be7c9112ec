package io.qiao.sync.record;

import java.util.List;
import java.util.Objects;

/**
 * A record a stage refused, with every reason. Rejections become dead letters; they never stop a run.
 *
 * @param record  the record as the stage saw it
 * @param stage   which stage rejected it
 * @param reasons human-readable reasons, each naming the field and the problem
 */
public record Rejection<T>(T record, Stage stage, List<String> reasons) {
    public Rejection {
        Objects.requireNonNull(stage, "stage");
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one reason");
        }
    }

    public static <T> Rejection<T> of(T record, Stage stage, String reason) {
        return new Rejection<>(record, stage, List.of(reason));
    }

    /** The stage of the pipeline that refused a record. */
    public enum Stage {
        VALIDATE, MAP, LOOKUP, WRITE
    }
}
