package io.qiao.sync;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Compares keyed records of a source with a target on chosen fields, and reports what is missing from the
 * target, what the target has extra, and what differs (each field, with the source and target value). The
 * "did everything arrive, and arrive right?" check that the old scripts' {@code compare_data} made one record
 * at a time.
 *
 * <pre>{@code
 * Reconciler<Archive, ArchiveRow, String> r = Reconciler.<Archive, ArchiveRow, String>builder(Archive::archiveNo, ArchiveRow::archiveNo)
 *     .field("title", Archive::title, ArchiveRow::title)
 *     .field("doc_date", Archive::docDate, ArchiveRow::docDate)
 *     .build();
 * Reconciliation<String> result = r.compare(window.records(), keys -> targetDao.findByArchiveNos(keys));
 * }</pre>
 *
 * Numbers compare by value ({@code 1.50} equals {@code 1.5}); everything else with {@code equals}.
 *
 * @param <S> source record type
 * @param <T> target record type
 * @param <K> key type
 */
public final class Reconciler<S, T, K> {
    private final Function<? super S, ? extends K> sourceKey;
    private final Function<? super T, ? extends K> targetKey;
    private final List<Field<S, T>> fields;
    private final int batchSize;
    private final int maxDetails;

    private Reconciler(Builder<S, T, K> b) {
        this.sourceKey = b.sourceKey;
        this.targetKey = b.targetKey;
        this.fields = List.copyOf(b.fields);
        this.batchSize = b.batchSize;
        this.maxDetails = b.maxDetails;
    }

    public static <S, T, K> Builder<S, T, K> builder(Function<? super S, ? extends K> sourceKey,
                                                     Function<? super T, ? extends K> targetKey) {
        return new Builder<>(sourceKey, targetKey);
    }

    /**
     * Both sides in full: missing, extra and different. The target is indexed by key in memory, so use it for a
     * window or a master-data table, not for a whole history.
     */
    public Reconciliation<K> compare(Iterable<? extends S> source, Iterable<? extends T> target) {
        Map<K, T> byKey = new LinkedHashMap<>();
        for (T t : target) {
            byKey.put(targetKey.apply(t), t);
        }
        Collector<K> c = new Collector<>(maxDetails);
        for (S s : source) {
            K key = sourceKey.apply(s);
            T t = byKey.remove(key);
            compareOne(c, key, s, t);
        }
        byKey.keySet().forEach(c::extra);
        return c.result();
    }

    /**
     * The source streamed against a target read by keys, one batch of keys at a time (a
     * {@code SELECT ... WHERE key IN (...)}, a vendor "get by ids"): missing and different records; "extra"
     * cannot be known this way and stays empty. Memory holds one batch.
     */
    public Reconciliation<K> compare(Iterator<? extends S> source, Function<Collection<K>, Map<K, T>> targetReader) {
        Collector<K> c = new Collector<>(maxDetails);
        Map<K, S> batch = new LinkedHashMap<>();
        while (source.hasNext()) {
            S s = source.next();
            batch.put(sourceKey.apply(s), s);
            if (batch.size() >= batchSize) {
                compareBatch(c, batch, targetReader);
            }
        }
        compareBatch(c, batch, targetReader);
        return c.result();
    }

    private void compareBatch(Collector<K> c, Map<K, S> batch, Function<Collection<K>, Map<K, T>> targetReader) {
        if (batch.isEmpty()) {
            return;
        }
        Map<K, T> found = targetReader.apply(List.copyOf(batch.keySet()));
        batch.forEach((key, s) -> compareOne(c, key, s, found == null ? null : found.get(key)));
        batch.clear();
    }

    private void compareOne(Collector<K> c, K key, S s, T t) {
        if (t == null) {
            c.missing(key);
            return;
        }
        List<FieldDifference> diffs = new ArrayList<>();
        for (Field<S, T> f : fields) {
            Object sv = f.source.apply(s);
            Object tv = f.target.apply(t);
            if (!same(sv, tv)) {
                diffs.add(new FieldDifference(f.name, sv, tv));
            }
        }
        if (diffs.isEmpty()) {
            c.matched++;
        } else {
            c.different(new Difference<>(key, diffs));
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    /** One differing field. */
    public record FieldDifference(String field, Object sourceValue, Object targetValue) {
        @Override
        public String toString() {
            return field + ": source '" + sourceValue + "', target '" + targetValue + "'";
        }
    }

    /** A record present on both sides whose fields differ. */
    public record Difference<K>(K key, List<FieldDifference> fields) {
        public Difference {
            fields = List.copyOf(fields);
        }
    }

    /**
     * The result. Counts are exact; the key and difference lists keep at most the configured number of
     * details each.
     */
    public record Reconciliation<K>(long matched, long missingCount, long extraCount, long differentCount,
                                    List<K> missing, List<K> extra, List<Difference<K>> different) {
        public Reconciliation {
            missing = List.copyOf(missing);
            extra = List.copyOf(extra);
            different = List.copyOf(different);
        }

        public boolean consistent() {
            return missingCount == 0 && extraCount == 0 && differentCount == 0;
        }

        @Override
        public String toString() {
            return matched + " matched, " + missingCount + " missing from the target, " + extraCount
                    + " extra in the target, " + differentCount + " different";
        }
    }

    private static final class Collector<K> {
        final int max;
        long matched;
        long missingCount;
        long extraCount;
        long differentCount;
        final List<K> missing = new ArrayList<>();
        final List<K> extra = new ArrayList<>();
        final List<Difference<K>> different = new ArrayList<>();

        Collector(int max) {
            this.max = max;
        }

        void missing(K key) {
            missingCount++;
            if (missing.size() < max) {
                missing.add(key);
            }
        }

        void extra(K key) {
            extraCount++;
            if (extra.size() < max) {
                extra.add(key);
            }
        }

        void different(Difference<K> d) {
            differentCount++;
            if (different.size() < max) {
                different.add(d);
            }
        }

        Reconciliation<K> result() {
            return new Reconciliation<>(matched, missingCount, extraCount, differentCount, missing, extra, different);
        }
    }

    private record Field<S, T>(String name, Function<? super S, ?> source, Function<? super T, ?> target) {
    }

    public static final class Builder<S, T, K> {
        private final Function<? super S, ? extends K> sourceKey;
        private final Function<? super T, ? extends K> targetKey;
        private final List<Field<S, T>> fields = new ArrayList<>();
        private int batchSize = 500;
        private int maxDetails = 1000;

        private Builder(Function<? super S, ? extends K> sourceKey, Function<? super T, ? extends K> targetKey) {
            this.sourceKey = Objects.requireNonNull(sourceKey, "sourceKey");
            this.targetKey = Objects.requireNonNull(targetKey, "targetKey");
        }

        /** A field to compare, read from each side. */
        public Builder<S, T, K> field(String name, Function<? super S, ?> source, Function<? super T, ?> target) {
            fields.add(new Field<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(source, "source"),
                    Objects.requireNonNull(target, "target")));
            return this;
        }

        /** Keys per target read in {@link #compare(Iterator, Function)}; default 500. */
        public Builder<S, T, K> batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** How many keys and differences each list of the result keeps; default 1000. */
        public Builder<S, T, K> maxDetails(int maxDetails) {
            if (maxDetails < 0) {
                throw new IllegalArgumentException("maxDetails must not be negative, was " + maxDetails);
            }
            this.maxDetails = maxDetails;
            return this;
        }

        public Reconciler<S, T, K> build() {
            return new Reconciler<>(this);
        }
    }
}
