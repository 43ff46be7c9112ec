package io.qiao.sync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.Position;
import io.qiao.sync.Source;
import io.qiao.sync.Window;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Source} must have, as the engine relies on it to lose no record across crashes and
 * restarts:
 * <ul>
 *   <li>the initial position and every window's end position lie in the range a checkpoint may take, and end
 *       positions never move backwards;</li>
 *   <li>reading every window from the initial position delivers every record of the data set, and nothing else;</li>
 *   <li>the end of data is explicit: {@code hasNext() == false} and then {@link NoSuchElementException}, never a
 *       null window or record; {@code hasNext()} may be asked any number of times;</li>
 *   <li>{@link Window#records()} called again starts afresh (the engine retries a window that failed part-way);</li>
 *   <li>resuming from any window's {@link Window#endPosition()} delivers every record of the later windows;</li>
 *   <li>a {@link Window#positionAfter} answer is no later than the window's end, and resuming from it delivers every
 *       record after that one: a crash after a batch loses nothing.</li>
 * </ul>
 * Re-deliveries are allowed everywhere (sinks are idempotent); losses are not.
 *
 * <p>Extend it with a class named {@code <Source>Test} and implement {@link #newSource()} over a data set the test
 * chose and {@link #expectedRecords()} with the same records; use at least three records, spread over more than one
 * window, so that resuming is exercised. Override {@link #keyOf} when the record type has no value-based
 * {@code equals}, and {@link #clock()} when the data must lie elsewhere in time.
 *
 * @param <T> the record type
 */
public abstract class SourceContract<T> {
    /** The instant {@link #clock()} stands at unless overridden: 2024-06-01T00:00:00Z. */
    protected static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    /** The source under test, new for every test. */
    protected Source<T> source;

    /** A new source over exactly the records of {@link #expectedRecords()}. */
    protected abstract Source<T> newSource() throws Exception;

    /** The records the source holds, in any order; at least three. */
    protected abstract List<T> expectedRecords();

    /** What identifies a record when the suite compares deliveries; by default the record itself ({@code equals}). */
    protected Object keyOf(T record) {
        return record;
    }

    /** The clock handed to the source. Fixed, so that windows planned against "now" do not move during a test. */
    protected Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** How many windows one planning may have before the suite takes it for an endless one. */
    protected int maxWindows() {
        return 10_000;
    }

    /** Creates the source each test uses. */
    @BeforeEach
    void createSource() throws Exception {
        source = newSource();
        assertThat(expectedRecords()).as("the suite needs a data set of at least three records").hasSizeGreaterThan(2);
    }

    @Test
    void initialPosition_isAPositionACheckpointMayTake() {
        Position initial = source.initialPosition(clock());

        assertThat(initial).as("initialPosition").isNotNull();
        assertThat(Checkpoint.isSane(initial, clock().instant())).as("initial watermark %s is in the sane range",
                initial.watermark()).isTrue();
    }

    @Test
    void windows_fromTheInitialPosition_deliverEveryRecordAndNothingElse() {
        List<Object> delivered = keysFrom(source.initialPosition(clock()));

        assertThat(new HashSet<>(delivered)).as("records delivered from the initial position")
                .containsExactlyInAnyOrderElementsOf(expectedKeys());
    }

    @Test
    void endOfData_isExplicit_neverANullWindowOrRecord() {
        Iterator<Window<T>> windows = source.windows(source.initialPosition(clock()), clock());
        assertThat(windows).as("windows(...)").isNotNull();
        int count = 0;
        while (windows.hasNext()) {
            assertThat(++count).as("windows planned (endless?)").isLessThanOrEqualTo(maxWindows());
            Window<T> window = windows.next();
            assertThat(window).as("window %d", count).isNotNull();
            assertThat(window.describe()).as("describe() of window %d", count).isNotNull();
            assertThat(window.endPosition()).as("endPosition() of window %d", count).isNotNull();
            Iterator<T> records = window.records();
            assertThat(records).as("records() of window %s", window.describe()).isNotNull();
            while (records.hasNext()) {
                assertThat(records.next()).as("a record of window %s", window.describe()).isNotNull();
            }
            assertThatThrownBy(records::next).as("next() after the last record of window %s", window.describe())
                    .isInstanceOf(NoSuchElementException.class);
            assertThat(window.pagesFetched()).as("pagesFetched() of window %s", window.describe()).isNotNegative();
        }
        assertThatThrownBy(windows::next).as("next() after the last window").isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void hasNext_askedTwice_skipsNothing() {
        Position from = source.initialPosition(clock());
        List<Object> plain = keysFrom(from);

        List<Object> asked = new ArrayList<>();
        Iterator<Window<T>> windows = source.windows(from, clock());
        int count = 0;
        while (windows.hasNext() && windows.hasNext()) {
            assertThat(++count).as("windows planned (endless?)").isLessThanOrEqualTo(maxWindows());
            Iterator<T> records = windows.next().records();
            while (records.hasNext() && records.hasNext()) {
                asked.add(keyOf(records.next()));
            }
        }

        assertThat(asked).containsExactlyInAnyOrderElementsOf(plain);
    }

    @Test
    void records_calledAgain_startAfreshFromTheWindowsFirstRecord() {
        for (Window<T> window : windowsFrom(source.initialPosition(clock()))) {
            List<Object> first = keys(window.records());
            Iterator<T> again = window.records();
            if (again.hasNext()) {
                again.next(); // a retry after a failure part-way
            }
            List<Object> retried = keys(window.records());

            assertThat(new HashSet<>(retried)).as("records of %s read again", window.describe())
                    .isEqualTo(new HashSet<>(first));
        }
    }

    @Test
    void endPositions_areSane_andNeverMoveBackwards() {
        Position from = source.initialPosition(clock());
        Instant previous = from.watermark();
        for (Window<T> window : windowsFrom(from)) {
            Position end = window.endPosition();
            assertThat(end.watermark()).as("end watermark of %s", window.describe()).isAfterOrEqualTo(previous);
            assertThat(Checkpoint.isSane(end, clock().instant())).as("end watermark %s of %s is in the sane range",
                    end.watermark(), window.describe()).isTrue();
            previous = end.watermark();
        }
    }

    @Test
    void resumingFromAnyWindowsEndPosition_losesNoLaterRecord() {
        List<Window<T>> windows = windowsFrom(source.initialPosition(clock()));
        List<List<Object>> recordsOf = new ArrayList<>();
        for (Window<T> w : windows) {
            recordsOf.add(keys(w.records()));
        }
        for (int i = 0; i < windows.size(); i++) {
            Set<Object> later = new LinkedHashSet<>();
            for (int j = i + 1; j < windows.size(); j++) {
                later.addAll(recordsOf.get(j));
            }
            Position end = windows.get(i).endPosition();

            assertThat(new HashSet<>(keysFrom(end))).as("records delivered when resuming from the end %s of %s",
                    end, windows.get(i).describe()).containsAll(later);
        }
    }

    @Test
    void positionAfter_aRecord_isWithinTheWindow_andResumingFromItLosesNoLaterRecord() {
        List<Window<T>> windows = windowsFrom(source.initialPosition(clock()));
        record Resume(Position from, String after, Set<Object> later) {
        }
        List<Resume> resumes = new ArrayList<>();
        List<List<Object>> recordsOf = new ArrayList<>();
        List<List<Position>> positionsOf = new ArrayList<>();
        for (Window<T> w : windows) {
            List<Object> keys = new ArrayList<>();
            List<Position> positions = new ArrayList<>();
            Iterator<T> it = w.records();
            long index = 0;
            while (it.hasNext()) {
                T record = it.next();
                keys.add(keyOf(record));
                // asked on the reading thread right after the record, as the engine asks after a batch's last record
                positions.add(w.positionAfter(record, index++));
            }
            recordsOf.add(keys);
            positionsOf.add(positions);
        }
        for (int i = 0; i < windows.size(); i++) {
            Window<T> w = windows.get(i);
            for (int r = 0; r < positionsOf.get(i).size(); r++) {
                Position p = positionsOf.get(i).get(r);
                if (p == null) {
                    continue;
                }
                assertThat(p.watermark()).as("positionAfter record %d of %s", r, w.describe())
                        .isBeforeOrEqualTo(w.endPosition().watermark());
                Set<Object> later = new LinkedHashSet<>(recordsOf.get(i).subList(r + 1, recordsOf.get(i).size()));
                for (int j = i + 1; j < windows.size(); j++) {
                    later.addAll(recordsOf.get(j));
                }
                resumes.add(new Resume(p, "record " + r + " of " + w.describe(), later));
            }
        }
        for (Resume resume : resumes) {
            assertThat(new HashSet<>(keysFrom(resume.from()))).as("records delivered when resuming from %s, the "
                    + "position after %s", resume.from(), resume.after()).containsAll(resume.later());
        }
    }

    /** Every window planned from {@code from}, its records not yet read. */
    private List<Window<T>> windowsFrom(Position from) {
        List<Window<T>> windows = new ArrayList<>();
        Iterator<Window<T>> it = source.windows(from, clock());
        while (it.hasNext()) {
            windows.add(it.next());
            assertThat(windows.size()).as("windows planned from %s (endless?)", from).isLessThanOrEqualTo(maxWindows());
        }
        return windows;
    }

    /** The keys of every record of every window from {@code from}, in delivery order. */
    private List<Object> keysFrom(Position from) {
        List<Object> keys = new ArrayList<>();
        for (Window<T> w : windowsFrom(from)) {
            keys.addAll(keys(w.records()));
        }
        return keys;
    }

    private List<Object> keys(Iterator<T> records) {
        List<Object> keys = new ArrayList<>();
        records.forEachRemaining(r -> keys.add(keyOf(r)));
        return keys;
    }

    private Set<Object> expectedKeys() {
        Set<Object> keys = new HashSet<>();
        expectedRecords().forEach(r -> keys.add(keyOf(r)));
        return keys;
    }
}
