package io.qiao.sync.record;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a record and returns every violation instead of throwing: in a pipeline an invalid record is data
 * (it goes to the dead-letter store), not an error that stops the run.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RecordValidator<T> {
    List<Violation> validate(T record);

    /** Both validators' violations together. */
    default RecordValidator<T> and(RecordValidator<? super T> other) {
        return record -> {
            List<Violation> all = new ArrayList<>(validate(record));
            all.addAll(other.validate(record));
            return all;
        };
    }
}
