package io.qiao.sync.testkit;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.InMemorySink;
import io.qiao.sync.ListSource;
import io.qiao.sync.record.Lookup;
import io.qiao.sync.record.Lookups;
import io.qiao.sync.Position;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.Sink;
import io.qiao.sync.Source;
import io.qiao.sync.Window;
import io.qiao.sync.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Implementations with one deliberate, typical bug each, and the suites run against them, by {@link
 * BrokenImplementationsTest} only (their names do not end in Test, so the build does not run them itself).
 */
final class BrokenImplementations {
    private BrokenImplementations() {
    }

    /** Last write wins: no version check, the bug that lets two runners both advance a job. */
    static final class BlindCheckpointStore implements CheckpointStore {
        private final InMemoryCheckpointStore real = new InMemoryCheckpointStore();

        @Override
        public Optional<Checkpoint> load(String job) {
            return real.load(job);
        }

        @Override
        public synchronized Checkpoint compareAndSet(String job, long expectedVersion, Position position) {
            long current = real.load(job).map(Checkpoint::version).orElse(0L);
            return real.compareAndSet(job, current, position);
        }
    }

    /** Adds an entry for every rejection, never updating the open one of the same key. */
    static final class DuplicatingDeadLetterStore implements DeadLetterStore {
        private final InMemoryDeadLetterStore real = new InMemoryDeadLetterStore();
        private int serial;

        @Override
        public DeadLetter add(String job, String key, String payload, Rejection.Stage stage, List<String> reasons,
                              String window, Instant now) {
            // a unique key per call: the store never sees the same key twice
            DeadLetter d = real.add(job, key == null ? null : key + "#" + serial++, payload, stage, reasons, window,
                    now);
            return new DeadLetter(d.id(), d.job(), key, d.payload(), d.stage(), d.reasons(), d.window(),
                    d.firstSeen(), d.lastSeen(), d.attempts(), d.resolved());
        }

        @Override
        public List<DeadLetter> list(String job, boolean includeResolved, int limit) {
            return real.list(job, includeResolved, limit);
        }

        @Override
        public void resolve(String job, List<String> ids, Instant now) {
            real.resolve(job, ids, now);
        }

        @Override
        public int purge(String job, boolean resolvedOnly) {
            return real.purge(job, resolvedOnly);
        }

        @Override
        public Map<String, Long> summary(String job, Instant from, Instant to) {
            return real.summary(job, from, to);
        }
    }

    /** Each window's end position claims one record too many: resuming from it skips a record. */
    static final class OverreachingSource implements Source<String> {
        private final ListSource<String> real;

        OverreachingSource(List<String> records) {
            real = ListSource.of(records, 2);
        }

        @Override
        public Iterator<Window<String>> windows(Position from, Clock clock) {
            Iterator<Window<String>> windows = real.windows(from, clock);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return windows.hasNext();
                }

                @Override
                public Window<String> next() {
                    Window<String> w = windows.next();
                    return new Window<>() {
                        @Override
                        public String describe() {
                            return w.describe();
                        }

                        @Override
                        public Position endPosition() {
                            long offset = Long.parseLong(w.endPosition().cursor());
                            return ListSource.positionAt(offset + 1);
                        }

                        @Override
                        public Iterator<String> records() {
                            return w.records();
                        }
                    };
                }
            };
        }

        @Override
        public Position initialPosition(Clock clock) {
            return real.initialPosition(clock);
        }
    }

    /** Ends its data with a null record instead of {@code hasNext() == false}. */
    static final class NullTerminatedSource implements Source<String> {
        private final List<String> records;

        NullTerminatedSource(List<String> records) {
            this.records = records;
        }

        @Override
        public Iterator<Window<String>> windows(Position from, Clock clock) {
            if (from.cursor() != null) {
                return List.<Window<String>>of().iterator();
            }
            Window<String> all = new Window<>() {
                @Override
                public String describe() {
                    return "everything";
                }

                @Override
                public Position endPosition() {
                    return ListSource.positionAt(records.size());
                }

                @Override
                public Iterator<String> records() {
                    List<String> withNull = new ArrayList<>(records);
                    withNull.add(null);
                    return withNull.iterator();
                }
            };
            return List.of(all).iterator();
        }

        @Override
        public Position initialPosition(Clock clock) {
            return new Position(Instant.EPOCH, null);
        }
    }

    /** Appends every record it is given: writing a batch twice doubles the target. */
    static final class AppendingSink implements Sink<String> {
        final List<String> rows = new ArrayList<>();

        @Override
        public synchronized WriteResult<String> write(List<String> batch) {
            rows.addAll(batch);
            return WriteResult.of(batch.size(), 0, 0, List.of());
        }
    }

    /** Throws on a miss instead of answering empty: one unknown SKU would stop a whole run. */
    static final class ThrowingLookup implements Lookup<String, Integer> {
        private final Map<String, Integer> items;

        ThrowingLookup(Map<String, Integer> items) {
            this.items = items;
        }

        @Override
        public Optional<Integer> find(String key) {
            Integer v = items.get(key);
            if (v == null) {
                throw new IllegalArgumentException("unknown key " + key);
            }
            return Optional.of(v);
        }
    }

    static final List<String> LETTERS = List.of("a", "b", "c", "d", "e");
    static final Map<String, Integer> ITEMS = Map.of("SKU-1", 1001);

    // The suites, each once on the broken implementation and once on a correct one.

    static final class BlindCheckpointStoreSuite extends CheckpointStoreContract {
        @Override
        protected CheckpointStore newStore() {
            return new BlindCheckpointStore();
        }
    }

    static final class DuplicatingDeadLetterStoreSuite extends DeadLetterStoreContract {
        @Override
        protected DeadLetterStore newStore() {
            return new DuplicatingDeadLetterStore();
        }
    }

    static final class OverreachingSourceSuite extends SourceContract<String> {
        @Override
        protected Source<String> newSource() {
            return new OverreachingSource(LETTERS);
        }

        @Override
        protected List<String> expectedRecords() {
            return LETTERS;
        }
    }

    static final class NullTerminatedSourceSuite extends SourceContract<String> {
        @Override
        protected Source<String> newSource() {
            return new NullTerminatedSource(LETTERS);
        }

        @Override
        protected List<String> expectedRecords() {
            return LETTERS;
        }
    }

    static final class CorrectSourceSuite extends SourceContract<String> {
        @Override
        protected Source<String> newSource() {
            return ListSource.of(LETTERS, 2);
        }

        @Override
        protected List<String> expectedRecords() {
            return LETTERS;
        }
    }

    abstract static class StringSinkSuite extends SinkContract<String> {
        @Override
        protected List<String> records() {
            return List.of("1=a", "2=b", "3=c");
        }

        @Override
        protected String changed(String record) {
            return record + "2";
        }
    }

    static final class AppendingSinkSuite extends StringSinkSuite {
        @Override
        protected Sink<String> newSink() {
            return new AppendingSink();
        }

        @Override
        protected Object contentsOf(Sink<String> sink) {
            List<String> rows = new ArrayList<>(((AppendingSink) sink).rows);
            rows.sort(null);
            return rows;
        }
    }

    static final class CorrectSinkSuite extends StringSinkSuite {
        @Override
        protected Sink<String> newSink() {
            return InMemorySink.<String, String>keyedBy(r -> r.substring(0, r.indexOf('=')));
        }

        @Override
        protected Object contentsOf(Sink<String> sink) {
            @SuppressWarnings("unchecked")
            Map<String, String> records = ((InMemorySink<String, String>) sink).records();
            return new TreeMap<>(records);
        }
    }

    abstract static class ItemLookupSuite extends LookupContract<String, Integer> {
        @Override
        protected String presentKey() {
            return "SKU-1";
        }

        @Override
        protected Integer expectedValue() {
            return 1001;
        }

        @Override
        protected String absentKey() {
            return "SKU-404";
        }
    }

    static final class ThrowingLookupSuite extends ItemLookupSuite {
        @Override
        protected Lookup<String, Integer> newLookup() {
            return new ThrowingLookup(ITEMS);
        }
    }

    static final class CorrectLookupSuite extends ItemLookupSuite {
        @Override
        protected Lookup<String, Integer> newLookup() {
            return Lookups.ofMap(ITEMS);
        }
    }

    static final class CorrectCheckpointStoreSuite extends CheckpointStoreContract {
        @Override
        protected CheckpointStore newStore() {
            return new InMemoryCheckpointStore();
        }
    }

    static final class CorrectDeadLetterStoreSuite extends DeadLetterStoreContract {
        @Override
        protected DeadLetterStore newStore() {
            return new InMemoryDeadLetterStore();
        }
    }
}
