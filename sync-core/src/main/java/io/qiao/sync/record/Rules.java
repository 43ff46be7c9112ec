package io.qiao.sync.record;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Small validation rules that compose: {@code Rules.all(required(...), dateFormat(...), allowedValues(...))}.
 * Each rule reads one field through a getter (a method reference, or {@code m -> m.get("doc_date")} for map
 * records) and reports the field and the bad value: the checks the old scripts' {@code DataValidator} made,
 * returning every violation instead of stopping at the first.
 */
public final class Rules {
    private static final int MAX_SHOWN = 60;

    private Rules() {
    }

    /** Every rule's violations together. */
    @SafeVarargs
    public static <T> RecordValidator<T> all(RecordValidator<? super T>... rules) {
        List<RecordValidator<? super T>> list = List.of(rules);
        return record -> {
            List<Violation> found = new ArrayList<>();
            for (RecordValidator<? super T> r : list) {
                found.addAll(r.validate(record));
            }
            return found;
        };
    }

    /** The field must be present: not null, not blank text, not an empty collection or map. */
    public static <T> RecordValidator<T> required(String field, Function<? super T, ?> getter) {
        check(field, getter);
        return record -> isMissing(getter.apply(record)) ? List.of(new Violation(field, "is required")) : List.of();
    }

    /** Several required fields of a map record at once: {@code requiredKeys("archive_no", "title", ...)}. */
    public static RecordValidator<Map<String, ?>> requiredKeys(String... fields) {
        Set<String> names = Set.of(fields);
        List<String> ordered = List.of(fields);
        Objects.requireNonNull(names);
        return record -> {
            List<Violation> found = new ArrayList<>();
            for (String f : ordered) {
                if (isMissing(record.get(f))) {
                    found.add(new Violation(f, "is required"));
                }
            }
            return found;
        };
    }

    /**
     * When present, the field is text in {@code pattern} (java.time syntax, e.g. {@code yyyy-MM-dd} or
     * {@code yyyy-MM-dd HH:mm:ss}), strictly: 2024-02-30 is refused. A missing value is left to
     * {@link #required}.
     */
    public static <T> RecordValidator<T> dateFormat(String field, Function<? super T, ?> getter, String pattern) {
        check(field, getter);
        Objects.requireNonNull(pattern, "pattern");
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern.replace('y', 'u'))
                .withResolverStyle(ResolverStyle.STRICT);
        return record -> {
            Object value = getter.apply(record);
            if (isMissing(value)) {
                return List.of();
            }
            try {
                formatter.parse(value.toString());
                return List.of();
            } catch (DateTimeParseException e) {
                return List.of(new Violation(field, "'" + abbreviate(value.toString()) + "' is not a date " + pattern));
            }
        };
    }

    /** When present, the field is one of {@code allowed} (compared as text). */
    public static <T> RecordValidator<T> allowedValues(String field, Function<? super T, ?> getter,
                                                       Collection<?> allowed) {
        check(field, getter);
        List<String> values = allowed.stream().map(String::valueOf).toList();
        Set<String> lookup = Set.copyOf(values);
        return record -> {
            Object value = getter.apply(record);
            if (isMissing(value) || lookup.contains(value.toString())) {
                return List.of();
            }
            return List.of(new Violation(field, "'" + abbreviate(value.toString()) + "' is not one of " + values));
        };
    }

    /** When present, the field's text is at most {@code max} characters (a target column's width). */
    public static <T> RecordValidator<T> maxLength(String field, Function<? super T, ?> getter, int max) {
        check(field, getter);
        return record -> {
            Object value = getter.apply(record);
            if (value == null || value.toString().length() <= max) {
                return List.of();
            }
            return List.of(new Violation(field, "is " + value.toString().length() + " characters long, more than "
                    + max));
        };
    }

    /** When present, the field's text matches {@code regex} entirely. */
    public static <T> RecordValidator<T> matches(String field, Function<? super T, ?> getter, String regex) {
        check(field, getter);
        Pattern p = Pattern.compile(regex);
        return record -> {
            Object value = getter.apply(record);
            if (isMissing(value) || p.matcher(value.toString()).matches()) {
                return List.of();
            }
            return List.of(new Violation(field, "'" + abbreviate(value.toString()) + "' does not match " + regex));
        };
    }

    static String abbreviate(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "...";
    }

    private static boolean isMissing(Object value) {
        return value == null
                || (value instanceof CharSequence cs && cs.toString().isBlank())
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static void check(String field, Function<?, ?> getter) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(getter, "getter");
    }
}
