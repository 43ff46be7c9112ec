package io.qiao.sync.testkit;

import io.qiao.sync.Source;
import io.qiao.sync.TimeWindow;
import io.qiao.sync.TimeWindowSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Nested;

/**
 * The source contract on {@link TimeWindowSource}: windows of six hours over the default day of look-back, as plain
 * windows, with records in modification order (positions after every record), and with repeats dropped.
 */
class TimeWindowSourceContractTest {

    record Doc(String id, Instant modified) {
    }

    static final List<Doc> DOCS = List.of(
            new Doc("d1", SourceContract.NOW.minus(Duration.ofHours(20))),
            new Doc("d2", SourceContract.NOW.minus(Duration.ofHours(15))),
            new Doc("d3", SourceContract.NOW.minus(Duration.ofHours(10))),
            new Doc("d4", SourceContract.NOW.minus(Duration.ofHours(10))), // the same instant as d3
            new Doc("d5", SourceContract.NOW.minus(Duration.ofHours(3))),
            new Doc("d6", SourceContract.NOW.minus(Duration.ofMinutes(5))));

    /** The vendor's "modified between" query, sorted by modification time. */
    static List<Doc> modifiedIn(TimeWindow w) {
        return DOCS.stream().filter(d -> !d.modified().isBefore(w.start()) && d.modified().isBefore(w.end()))
                .sorted(Comparator.comparing(Doc::modified).thenComparing(Doc::id)).toList();
    }

    abstract static class Base extends SourceContract<Doc> {
        @Override
        protected List<Doc> expectedRecords() {
            return DOCS;
        }
    }

    @Nested
    class WholeWindows extends Base {
        @Override
        protected Source<Doc> newSource() {
            return TimeWindowSource.builder(TimeWindowSourceContractTest::modifiedIn).maxWindow(Duration.ofHours(6))
                    .build();
        }
    }

    @Nested
    class OrderedBy extends Base {
        @Override
        protected Source<Doc> newSource() {
            return TimeWindowSource.builder(TimeWindowSourceContractTest::modifiedIn).maxWindow(Duration.ofHours(6))
                    .orderedBy(Doc::modified).build();
        }
    }

    @Nested
    class DistinctBy extends Base {
        @Override
        protected Source<Doc> newSource() {
            return TimeWindowSource.builder(TimeWindowSourceContractTest::modifiedIn).maxWindow(Duration.ofHours(6))
                    .overlap(Duration.ofHours(1)).distinctBy(Doc::id).orderedBy(Doc::modified).build();
        }
    }
}
