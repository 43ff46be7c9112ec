package io.qiao.sync.record;

import java.util.function.Function;

/**
 * Turns a source record into a sink record, or says why it cannot. A mapper may also throw
 * {@link LookupMissException} (see {@link Lookup#require}); the engine makes it a LOOKUP dead letter. Any
 * other exception that is not transient makes the record a MAP dead letter; a transient one (a lookup that
 * calls an API that is briefly down) is retried with the window.
 *
 * @param <I> source record type
 * @param <O> sink record type
 */
@FunctionalInterface
public interface RecordMapper<I, O> {
    Mapped<O> map(I record);

    /** A plain function as a mapper; a null result is a programming error and rejects the record. */
    static <I, O> RecordMapper<I, O> of(Function<? super I, ? extends O> fn) {
        return record -> {
            O out = fn.apply(record);
            return out == null ? Mapped.rejected("the mapper returned null") : Mapped.to(out);
        };
    }
}
