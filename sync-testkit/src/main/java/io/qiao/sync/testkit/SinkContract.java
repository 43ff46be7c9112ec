package io.qiao.sync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qiao.sync.record.Rejection;
import io.qiao.sync.Sink;
import io.qiao.sync.WriteResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Sink} must have, as the engine relies on it when it re-delivers records at window
 * overlaps and after a crash:
 * <ul>
 *   <li>every record of a batch is accounted for: written, or returned in {@link WriteResult#rejected()};</li>
 *   <li>writes are idempotent: a batch written twice, a record repeated in a later batch or within one batch, leaves
 *       the target as writing each record once did, and a re-delivered record is never reported as created;</li>
 *   <li>a later version of a record replaces the earlier one (upsert by key), or, for a target whose documents are
 *       never changed once stored ({@link #updatesStoredRecords()} false), leaves the earlier one and is not created
 *       a second time;</li>
 *   <li>an empty batch changes nothing;</li>
 *   <li>a record the sink refuses on its own merits is rejected alone, with a reason, and the rest of its batch is
 *       written (only when {@link #refusedRecord()} names one).</li>
 * </ul>
 *
 * <p>Extend it with a class named {@code <Sink>Test} (or {@code <Sink>IT} for a real database) and implement
 * {@link #newSink()} (a new sink over a new, empty target: each call independent of the others), {@link #records()},
 * {@link #changed} and {@link #contentsOf}.
 *
 * @param <T> the record type
 */
public abstract class SinkContract<T> {

    /** The sink under test, new for every test. */
    protected Sink<T> sink;

    /** A new sink over a new, empty target, independent of every sink made before. */
    protected abstract Sink<T> newSink() throws Exception;

    /** At least three records the sink accepts, with distinct keys. */
    protected abstract List<T> records();

    /** A later version of {@code record}: the same key, other values. */
    protected abstract T changed(T record);

    /**
     * What {@code sink}'s target holds now, as a value with {@code equals} that does not depend on write order (a
     * map from key to row, a sorted list of rows): the suite compares targets written in different ways.
     */
    protected abstract Object contentsOf(Sink<T> sink) throws Exception;

    /** A record the sink refuses one by one (a constraint it breaks), or null (the default) when it refuses none. */
    protected T refusedRecord() {
        return null;
    }

    /**
     * Whether a later version of a stored record replaces it (true, the default: an upsert). False for a target whose
     * documents are immutable once stored (a bill, an archive record): the later version must then leave the earlier
     * one in place, neither rejected nor created again.
     */
    protected boolean updatesStoredRecords() {
        return true;
    }

    /** Creates the sink each test uses. */
    @BeforeEach
    void createSink() throws Exception {
        sink = newSink();
        assertThat(records()).as("the suite needs at least three records").hasSizeGreaterThan(2);
    }

    private T a() {
        return records().get(0);
    }

    private T b() {
        return records().get(1);
    }

    private T c() {
        return records().get(2);
    }

    /** What a new sink's target holds after writing {@code batch} once. */
    private Object writtenOnce(List<T> batch) throws Exception {
        Sink<T> other = newSink();
        WriteResult<T> result = other.write(batch);
        assertThat(result.rejected()).as("rejections writing %s", batch).isEmpty();
        return contentsOf(other);
    }

    @Test
    void write_accountsForEveryRecordOfTheBatch() throws Exception {
        Object empty = contentsOf(sink);

        WriteResult<T> result = sink.write(records());

        assertThat(result).as("write(...)").isNotNull();
        assertThat(result.rejected()).as("rejected").isEmpty();
        assertThat(result.written()).as("written").isEqualTo(records().size());
        assertThat(contentsOf(sink)).as("the target after the write").isNotEqualTo(empty);
    }

    @Test
    void writingTheSameBatchTwice_leavesWhatWritingItOnceLeft_andCreatesNothingTheSecondTime() throws Exception {
        sink.write(records());
        Object once = contentsOf(sink);

        WriteResult<T> again = sink.write(records());

        assertThat(contentsOf(sink)).isEqualTo(once);
        assertThat(again.rejected()).isEmpty();
        assertThat(again.written()).as("written the second time").isEqualTo(records().size());
        assertThat(again.created()).as("records created by the second write").isZero();
    }

    @Test
    void aRecordReDeliveredInALaterBatch_endsAsIfEachWereWrittenOnce() throws Exception {
        sink.write(List.of(a(), b()));
        sink.write(List.of(b(), c()));

        assertThat(contentsOf(sink)).isEqualTo(writtenOnce(List.of(a(), b(), c())));
    }

    @Test
    void aRecordRepeatedWithinOneBatch_isWrittenOnce() throws Exception {
        WriteResult<T> result = sink.write(List.of(a(), b(), a()));

        assertThat(result.rejected()).isEmpty();
        assertThat(result.created()).as("created").isLessThanOrEqualTo(2);
        assertThat(contentsOf(sink)).isEqualTo(writtenOnce(List.of(a(), b())));
    }

    @Test
    void aLaterVersionOfARecord_replacesTheEarlierOne() throws Exception {
        assumeTrue(updatesStoredRecords(), "this sink's target never changes a stored record");
        sink.write(List.of(a(), b()));

        WriteResult<T> result = sink.write(List.of(changed(a())));

        assertThat(result.rejected()).isEmpty();
        assertThat(result.created()).as("created by the update").isZero();
        assertThat(contentsOf(sink)).isEqualTo(writtenOnce(List.of(changed(a()), b())));
    }

    @Test
    void aLaterVersionOfARecord_whenStoredRecordsNeverChange_leavesTheEarlierOne() throws Exception {
        assumeFalse(updatesStoredRecords(), "this sink's target replaces stored records");
        sink.write(List.of(a(), b()));

        WriteResult<T> result = sink.write(List.of(changed(a())));

        assertThat(result.rejected()).isEmpty();
        assertThat(result.written()).as("written").isEqualTo(1);
        assertThat(result.created()).as("created by the later version").isZero();
        assertThat(contentsOf(sink)).isEqualTo(writtenOnce(List.of(a(), b())));
    }

    @Test
    void anEmptyBatch_changesNothing() throws Exception {
        sink.write(List.of(a()));
        Object before = contentsOf(sink);

        WriteResult<T> result = sink.write(List.of());

        assertThat(result.written()).isZero();
        assertThat(result.rejected()).isEmpty();
        assertThat(contentsOf(sink)).isEqualTo(before);
    }

    @Test
    void aRefusedRecord_isRejectedAloneWithAReason_andTheRestOfItsBatchIsWritten() throws Exception {
        T refused = refusedRecord();
        assumeThat(refused).as("this sink refuses no record on its own merits").isNotNull();

        WriteResult<T> result = sink.write(List.of(a(), refused, b()));

        assertThat(result.rejected()).hasSize(1);
        Rejection<T> rejection = result.rejected().get(0);
        assertThat(rejection.record()).as("the rejected record").isSameAs(refused);
        assertThat(rejection.reasons()).as("the reasons").isNotEmpty().allSatisfy(r -> assertThat(r).isNotBlank());
        assertThat(result.written()).as("written").isEqualTo(2);
        assertThat(contentsOf(sink)).isEqualTo(writtenOnce(List.of(a(), b())));
    }
}
